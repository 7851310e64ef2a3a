import { appendAudit } from '../../../database/repositories/audit';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../index';
import { getDocumentSettings, saveDocumentSettings } from './document-settings';

/** The logo is left out of the audit entry (a large data URL); whether it changed is kept. */
function forAudit(s: ReturnType<typeof getDocumentSettings>) {
  return { ...s, kop: { ...s.kop, logo: s.kop.logo ? `(gambar, ${s.kop.logo.length} karakter)` : null } };
}

export function settingsHandlers(ctx: ServiceContext): HandlersFor<'settings'> {
  const { db } = ctx;
  return {
    'settings.documents': async () => getDocumentSettings(db),
    'settings.saveDocuments': async (input) =>
      db.transaction(() => {
        const before = getDocumentSettings(db);
        saveDocumentSettings(db, input);
        const after = getDocumentSettings(db);
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'pengaturan', entityId: null, before: forAudit(before), after: forAudit(after) });
        return after;
      })(),
  };
}
