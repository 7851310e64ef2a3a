import { appendAudit } from '../../../database/repositories/audit';
import { countBanks } from '../../../database/repositories/banks';
import { countDebtors } from '../../../database/repositories/debtors';
import { countInsurers } from '../../../database/repositories/insurers';
import { firstPasswordUnchanged } from '../../../database/repositories/users';
import { getSetting, setSetting } from '../../../database/repositories/settings';
import { schemaVersion } from '../../../database/migrate';
import { FIRST_ADMIN } from '../auth/bootstrap';
import type { ServiceContext } from '../context';
import { DEMO_SET, seedDemo } from '../demo/seed';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';

/** Settings key recording the user's first-start choice ('demo' or 'kosong'). */
const ONBOARDING = 'onboarding';
/** Settings key set to 'selesai' when the setup wizard after an empty start is finished. */
const SETUP = 'persiapan';
/** Loans in the demo set: enough to show a month's run per bank, small enough to load at once. */

export function appHandlers(ctx: ServiceContext): HandlersFor<'app'> {
  const { db } = ctx;
  const counts = () => ({ bank: countBanks(db), penjamin: countInsurers(db), debitur: countDebtors(db) });

  return {
    'app.info': async () => {
      const c = counts();
      const empty = c.bank + c.penjamin + c.debitur === 0;
      return {
        version: ctx.appVersion,
        databasePath: ctx.databasePath,
        schemaVersion: schemaVersion(db),
        firstRun: getSetting(db, ONBOARDING) === null && empty,
        setupPending: getSetting(db, ONBOARDING) === 'kosong' && getSetting(db, SETUP) !== 'selesai',
        initialPassword: firstPasswordUnchanged(db, FIRST_ADMIN.username),
        counts: c,
      };
    },

    'app.loadDemo': async () =>
      db.transaction(() => {
        const c = counts();
        if (c.bank + c.penjamin + c.debitur > 0) {
          throw new ServiceError('CONFLICT', 'Data contoh hanya dapat dimuat ke basis data yang masih kosong.');
        }
        const summary = seedDemo(db, { ...DEMO_SET, today: ctx.today(), user: ctx.user });
        setSetting(db, ONBOARDING, 'demo');
        appendAudit(db, { user: ctx.user, action: 'impor', entity: 'data_contoh', entityId: null, after: summary });
        return summary;
      })(),

    'app.startEmpty': async () => {
      setSetting(db, ONBOARDING, 'kosong');
      return null;
    },

    'app.finishSetup': async () =>
      db.transaction(() => {
        if (getSetting(db, SETUP) === 'selesai') return null;
        setSetting(db, SETUP, 'selesai');
        appendAudit(db, { user: ctx.user, action: 'ubah', entity: 'pengaturan', entityId: null, before: { persiapan: 'belum' }, after: { persiapan: 'selesai' } });
        return null;
      })(),
  };
}
