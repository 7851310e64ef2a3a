import { unparse } from 'papaparse';
import type { AuditExport, AuditFilter } from '../../contract';
import * as repo from '../../../database/repositories/audit';
import { changedFields, formatAuditTime, localDayStart, summarizeChanges } from '../../domain/audit';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../index';

/** The contract's filters as the repository's query: local calendar days become UTC instants. */
function toQuery(f: AuditFilter): repo.AuditQuery {
  return {
    id: f.id,
    entitas: f.entitas || undefined,
    entitasId: f.entitasId,
    pengguna: f.pengguna || undefined,
    aksi: f.aksi || undefined,
    sejak: f.dari ? localDayStart(f.dari) : undefined,
    sebelum: f.sampai ? localDayStart(f.sampai, true) : undefined,
    search: f.search || undefined,
  };
}

/** The CSV's columns, in Indonesian; before/after as the stored JSON text, so the hashes can be recomputed from the file. */
const COLUMNS = ['No', 'Waktu', 'Waktu (UTC)', 'Pengguna', 'Aksi', 'Entitas', 'ID entitas', 'Perubahan', 'Sebelum (JSON)', 'Sesudah (JSON)', 'Hash sebelumnya', 'Hash', 'Asal'];

function exportCsv(rows: Iterable<repo.AuditLogRow>): AuditExport {
  const data: (string | number)[][] = [];
  for (const r of rows) {
    const view = repo.toAuditRow(r);
    data.push([
      r.id,
      formatAuditTime(r.waktu, { seconds: true }),
      r.waktu,
      r.pengguna,
      r.aksi,
      r.entitas,
      r.entitas_id ?? '',
      summarizeChanges(changedFields(view.sebelum, view.sesudah), { max: 200 }),
      r.sebelum ?? '',
      r.sesudah ?? '',
      r.prev_hash ?? '',
      r.hash ?? '',
      r.asal ?? '',
    ]);
  }
  // escapeFormulae: a value starting with = + - @ is not run as a formula when opened in a spreadsheet.
  const csv = unparse({ fields: COLUMNS, data }, { escapeFormulae: true, newline: '\r\n' });
  return { csv, jumlah: data.length };
}

export function auditHandlers(ctx: ServiceContext): HandlersFor<'audit'> {
  const { db } = ctx;
  return {
    'audit.list': async (q) => repo.listAudit(db, { ...toQuery(q), page: q.page, pageSize: q.pageSize }),
    'audit.facets': async () => repo.auditFacets(db),
    'audit.verify': async () => repo.verifyAudit(db),
    // One read transaction: the file shows one consistent moment of the trail.
    'audit.export': async (f) => db.transaction(() => exportCsv(repo.eachAudit(db, toQuery(f)))).deferred(),
  };
}
