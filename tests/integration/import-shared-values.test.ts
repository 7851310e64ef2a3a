/**
 * The checks share each parsed row's values instead of copying every row (100,000+ objects at a
 * claim's scale), and copy a row only when they change a value: an account read by its digits
 * (Excel dropped the leading zeros) becomes the loan's own number in the checked row, while the
 * parse outcome keeps what the file said — the commit re-checks that outcome when the data changed
 * since the preview, and must find the same rows and warnings. The preview runs that check in the
 * import worker (kind-preview.ts) and stages the rows as the file gave them; its row pages show the
 * checked account.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportInspection, ImportProgress } from '../../electron/contract';
import { getJob } from '../../electron/services/imports/jobs';
import { checkRows } from '../../electron/services/imports/checks';
import { parseFile } from '../../electron/services/imports/parse/pipeline';
import { stagedValueRowsAt } from '../../database/repositories/import-staging';
import { call, useTempRuntime } from '../helpers/runtime';
import { BSB_ACCOUNTS, buildWorld } from '../fixtures/bank-files/world';

const FIX = path.join(__dirname, '..', 'fixtures', 'bank-files');
const rt = useTempRuntime({ prefix: 'gs-import-shared-' });

describe('checked rows share the parsed values until a check changes one', () => {
  it('a loose account is the loan’s in the checked row, the file’s in the outcome; the commit after a change writes the loan’s', async () => {
    const r = rt();
    const w = await buildWorld(r);
    const owner = { jenis: 'posisi' as const, bankId: w.bsb };
    const up: ImportInspection = await call(r, 'imports.upload', {
      ...owner,
      namaBerkas: 'posisi-pipa.txt',
      isiBase64: fs.readFileSync(path.join(FIX, 'posisi-pipa.txt')).toString('base64'),
      opsi: {},
    });
    const { jobId } = await call(r, 'imports.preview', { ...owner, berkas: up.berkas, namaBerkas: up.namaBerkas, opsi: { headerRow: up.headerRow }, pemetaan: up.pemetaan });
    const job = getJob(jobId)!;
    await job.done;
    const p: ImportProgress = await call(r, 'imports.progress', { jobId });
    expect(p.status).toBe('selesai');

    // The preview ran in the worker: its rows are staged as the file gave them (the file's account),
    // and its row pages show the loan's, as the checked row had it.
    expect(job.outcome!.rows).toEqual([]);
    expect(stagedValueRowsAt(r.db, jobId, [4])[0]!.values.nomorRekening).toBe('12300003');
    const page = await call(r, 'imports.rows', { jobId, page: 1, pageSize: 50, hanya: 'semua' });
    expect(page.rows.find((x) => x.baris === 4)!.nilai.nomorRekening).toBe(BSB_ACCOUNTS[2]);

    // The check the worker ran (checkRows), on the file parsed as the worker parses it.
    const req = job.request;
    const outcome = await parseFile(fs.readFileSync(path.join(FIX, 'posisi-pipa.txt')), req.namaBerkas, {
      kind: req.jenis,
      opts: req.opsi,
      mapping: req.pemetaan,
      fixed: req.tetap,
    });
    const first = checkRows(r.db, { ...req, bulanIni: '2026-11', hariIni: '2026-11-15' }, outcome);
    const parsed = outcome.rows.find((x) => x.baris === 4)!;
    const checked = first.rows.find((x) => x.baris === 4)!;
    expect(parsed.values.nomorRekening).toBe('12300003');
    expect(checked.values.nomorRekening).toBe(BSB_ACCOUNTS[2]);
    expect(checked.values).not.toBe(parsed.values);
    // A row no check changed is the parsed row's own values, not a copy.
    const other = outcome.rows.find((x) => x.baris === 2)!;
    expect(first.rows.find((x) => x.baris === 2)!.values).toBe(other.values);
    expect(first.problems).toEqual((await call(r, 'imports.problems', { jobId, page: 1, pageSize: 500 })).rows);

    // Checking the same outcome again (what the commit does after a change) finds the same.
    const again = checkRows(r.db, { ...req, bulanIni: '2026-11', hariIni: '2026-11-15' }, outcome);
    expect(again.rows.map((x) => [x.baris, x.values.nomorRekening, x.galat])).toEqual(first.rows.map((x) => [x.baris, x.values.nomorRekening, x.galat]));
    expect(again.problems.map((x) => x.pesan)).toEqual(first.problems.map((x) => x.pesan));

    // Something written since the preview: the commit checks again, and writes the loan's account.
    await call(r, 'positions.save', { pinjamanId: w.loans.get(BSB_ACCOUNTS[0]!)!, periode: '2026-09', outstanding: 11_700_000, kol: 1, hariTunggakan: 0, angsuranDibayar: true });
    await call(r, 'imports.commit', { jobId });
    const written = r.db
      .prepare(
        "SELECT l.nomor_rekening AS rek FROM posisi_bank p JOIN pinjaman l ON l.id = p.pinjaman_id WHERE p.impor_id IS NOT NULL AND p.periode = '2026-10' ORDER BY l.nomor_rekening",
      )
      .all() as { rek: string }[];
    expect(written.map((x) => x.rek)).toContain(BSB_ACCOUNTS[2]);
  });
});
