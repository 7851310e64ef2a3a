/**
 * A recipient decree's list (sk_penerima): per person the NIK (the debtor form's rules: 16 digits,
 * a known province, a real birth date; a NIK Excel turned into 1.60302E+15 or cut short is refused
 * by the parser already), the name, the bank (its name or code, matched to a partner bank) and the
 * unit (matched to that bank's branches by code or name; an unknown one is refused, naming it),
 * and the plafon. Written into the chosen decree, the unit as the file wrote it kept beside the
 * branch, while no loan the decree names has been paid.
 */
import { appendAudit } from '../../../../database/repositories/audit';
import { listBanks } from '../../../../database/repositories/banks';
import * as decrees from '../../../../database/repositories/decrees';
import type { Bank, BankBranch } from '../../../contract';
import { parseNik } from '../../../domain/identity';
import { periodLastDay } from '../../../domain/loan';
import { ServiceError } from '../../errors';
import type { ImportKindModule } from './types';

/** Names compared without case, punctuation or extra spaces. */
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
/** What decrees and banks put before a unit's name: "Cabang Pembantu Tanjung Enim", "KCP Tanjung Enim", "Unit Lubai". */
const UNIT_WORDS = /^(kantor cabang pembantu|cabang pembantu|kantor cabang|kantor kas|kantor unit|kantor|cabang|cab|kcp|kc|unit|kk)\s+/;
const bare = (s: string) => norm(s).replace(UNIT_WORDS, '');

function bankFinder(banks: Bank[]): (text: string) => Bank | null {
  const byKey = new Map<string, Bank | null>();
  const add = (key: string, b: Bank) => {
    if (key === '') return;
    const had = byKey.get(key);
    byKey.set(key, had === undefined || had === b ? b : null);
  };
  for (const b of banks) {
    add(norm(b.kode), b);
    add(norm(b.nama), b);
  }
  return (text) => byKey.get(norm(text)) ?? null;
}

/** A branch of the bank by its code or name, exactly, else by its name without "Cabang"/"Unit"/… when that names one. */
function findUnit(bank: Bank, text: string): { unit: BankBranch; loose: boolean } | null {
  const t = norm(text);
  const exact = bank.cabang.filter((c) => norm(c.kode) === t || norm(c.nama) === t);
  if (exact.length === 1) return { unit: exact[0]!, loose: false };
  const b = bare(text);
  const loose = bank.cabang.filter((c) => bare(c.nama) === b || norm(c.kode) === b);
  return loose.length === 1 ? { unit: loose[0]!, loose: true } : null;
}

interface RowData extends Record<string, unknown> {
  nik: string;
  bankId: number;
  cabangId: number;
}

export const skPenerima: ImportKindModule = {
  ownerExists: (db, id) => decrees.getDecree(db, id) !== null,

  check(db, t, rows, report) {
    const decree = t.skId === null ? null : decrees.getDecree(db, t.skId);
    if (!decree) {
      report.file('SK penerima tidak dikenal.');
      return;
    }
    if (decree.terkunci) report.file(`SK ${decree.nomor} sudah terkunci: pinjaman yang tercantum di dalamnya sudah dibayar subsidinya, daftarnya tidak dapat ditambah.`);
    const banks = listBanks(db, { includeInactive: true });
    const findBank = bankFinder(banks);
    const bankList = banks
      .filter((b) => b.aktif)
      .map((b) => `${b.nama} (${b.kode})`)
      .join(', ');
    const inDecree = decrees.decreeNikBankKeys(db, decree.id);
    const today = periodLastDay(t.bulanIni);
    const seen = new Map<string, number>();

    for (const row of rows) {
      if (row.galat) continue;
      const v = row.values;
      const nik = parseNik(String(v.nik), today);
      if (!nik.ok) {
        report.fail(row, 'nik', `NIK "${String(v.nik)}": ${nik.message}`);
        continue;
      }
      const bankText = String(v.bank);
      const bank = findBank(bankText);
      if (!bank) {
        report.fail(row, 'bank', `Bank "${bankText}" tidak dikenal; tulis nama atau kode bank mitra: ${bankList}`);
        continue;
      }
      const unitText = String(v.unit);
      const found = findUnit(bank, unitText);
      if (!found) {
        const units = bank.cabang
          .filter((c) => c.aktif)
          .map((c) => c.nama)
          .join(', ');
        report.fail(row, 'unit', `Unit/cabang "${unitText}" tidak dikenal di ${bank.nama}${units ? ` (yang terdaftar: ${units})` : ''}`);
        continue;
      }
      if (found.loose) report.warn(row.baris, 'unit', `Unit "${unitText}" dibaca sebagai ${found.unit.nama} (${bank.nama})`);
      if (typeof v.plafon === 'number' && v.plafon <= 0) {
        report.fail(row, 'plafon', 'Plafon harus lebih dari 0');
        continue;
      }
      const key = `${nik.info.nik}|${bank.id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        report.fail(row, 'nik', `NIK ${nik.info.nik} untuk ${bank.nama} sudah ada di baris ${first}`);
        continue;
      }
      seen.set(key, row.baris);
      if (inDecree.has(key)) report.warn(row.baris, 'nik', `NIK ${nik.info.nik} sudah tercantum dalam SK ini untuk ${bank.nama}; baris ini dilewati`);
      row.data = { nik: nik.info.nik, bankId: bank.id, cabangId: found.unit.id } satisfies RowData;
    }
  },

  write(ctx, { req, imporId, valid, afterWrite }) {
    const { db } = ctx;
    const decree = decrees.getDecree(db, req.skId!)!;
    if (decree.terkunci) throw new ServiceError('CONFLICT', `SK ${decree.nomor} sudah terkunci; daftarnya tidak dapat ditambah.`);
    let n = 0;
    let written = 0;
    for (const r of valid) {
      const d = r.data as RowData;
      // Already in the decree (found by the check, or written by an earlier row): left as it is.
      if (!decrees.findDecreeRow(db, decree.id, d.nik, d.bankId)) {
        decrees.insertDecreeRow(db, {
          skId: decree.id,
          noUrut: typeof r.values.noUrut === 'number' && r.values.noUrut > 0 ? r.values.noUrut : null,
          nik: d.nik,
          nama: String(r.values.nama),
          bankId: d.bankId,
          cabangId: d.cabangId,
          unitTertulis: String(r.values.unit),
          plafon: typeof r.values.plafon === 'number' ? r.values.plafon : null,
          imporId,
        });
        written++;
      }
      afterWrite(++n);
    }
    decrees.touchDecree(db, decree.id, ctx.user);
    appendAudit(db, {
      user: ctx.user,
      action: 'impor',
      entity: 'sk_penerima',
      entityId: decree.id,
      before: { jumlahBaris: decree.jumlahBaris },
      after: { imporId, namaBerkas: req.namaBerkas, ditambahkan: written, dilewati: valid.length - written, jumlahBaris: decree.jumlahBaris + written },
    });
    return { tagihanId: null };
  },

  removeProducts(ctx, imporId) {
    const skId = decrees.decreeOfImport(ctx.db, imporId);
    const decree = skId === null ? null : decrees.getDecree(ctx.db, skId);
    if (decree?.terkunci) throw new ServiceError('CONFLICT', `Impor sebelumnya tidak dapat diganti: pinjaman yang tercantum dalam SK ${decree.nomor} sudah dibayar subsidinya.`);
    return { barisSkDihapus: decrees.deleteDecreeRowsOfImport(ctx.db, imporId) };
  },
};
