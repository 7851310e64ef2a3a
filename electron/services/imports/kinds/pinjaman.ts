/**
 * A bank's list of loans with their debtors (daftar nominatif) or the office's old spreadsheets
 * (kind 'pinjaman'): a row per loan, carrying the debtor's identity and business and the loan's
 * account, agreement, dates, plafon, tenor, rates, scheme, branch and — for old loans — its state.
 *
 * Every row passes the forms' own rules (electron/services/debtors/checks.ts and
 * electron/services/loans/checks.ts: the zod contract, NIK/NPWP/NIB, references, rates from the
 * scheme, the scheme's ceilings and validity, double financing, one account and one agreement per
 * loan at a bank), with what they need from the database read once for the file. Rows are judged
 * in file order as if each earlier good row had been saved: the same NIK twice is one debtor with
 * two loans, and the double-financing rule applies between them.
 *
 * The state column: blank is a new application (enters 'diajukan', for the usual approval);
 * 'aktif', 'lunas' or 'macet' is an old loan, entered in that state with its real dates (a
 * disbursement date; 'lunas' also its payoff date in "Tanggal lunas/macet"). The lifecycle keeps
 * the steps (diajukan → aktif on the disbursement date → lunas/macet) with the file named as the
 * reason, and the audit trail has an 'impor' entry per debtor and loan naming the import and row.
 * No premium is recorded for an old loan (it was settled before the app; an unpaid record could be
 * invoiced a second time); new applications get theirs at disbursement, as any loan.
 *
 * A registered debtor (same NIK) is matched, never duplicated; where the file's data differs the
 * preview lists old and new per field and the commit's `pilihan` says keep or update (updates
 * audited as 'ubah').
 */
import { appendAudit } from '../../../../database/repositories/audit';
import { getBank } from '../../../../database/repositories/banks';
import { debtorsByNik, getDebtor, insertDebtor, updateDebtor, type DebtorFields } from '../../../../database/repositories/debtors';
import {
  insertLoan,
  insertLoanHistory,
  loanKeysOfBank,
  loansOfDebtors,
  paidMonthsOfDebtors,
  setLoanStatus,
  type LoanFields,
  type PaidMonthOfDebtor,
} from '../../../../database/repositories/loans';
import { listReference } from '../../../../database/repositories/reference';
import { listSchemes } from '../../../../database/repositories/schemes';
import type { Debtor, DebtorChoice, DebtorDifference, ImportDebtorChoices, StatusPinjaman } from '../../../contract';
import { debtorSaveInput } from '../../../contract/master-data';
import { loanSaveInput } from '../../../contract/loans';
import { IMPORT_KIND_SPECS } from '../../../contract/import-kinds';
import { checkDebtor, type DebtorInput, type DebtorLookups } from '../../debtors/checks';
import { callerId } from '../../auth/four-eyes';
import { decreeVerdictOfLoan } from '../../decrees/check';
import { ServiceError } from '../../errors';
import { accountRefusal, FLAG_FIELD, loanFlagsFrom, prepareLoan, RUNNING_STATES, stepDateRefusal, type LoanInput, type OtherLoan } from '../../loans/checks';
import { accountDigits } from '../parse/values';
import type { CheckedRow, ImportKindModule } from './types';

const SPEC = IMPORT_KIND_SPECS.pinjaman;
const label = (key: string) => SPEC.fields.find((f) => f.key === key)?.label ?? key;

/** The debtor form's fields as the file's columns name them. */
const DEBTOR_FIELD: Record<string, string> = {
  nik: 'nik',
  nama: 'nama',
  namaUsaha: 'namaUsaha',
  sektorId: 'sektor',
  skala: 'skala',
  alamat: 'alamat',
  kecamatanId: 'kecamatan',
  desa: 'desa',
  telepon: 'telepon',
  npwp: 'npwp',
  nib: 'nib',
};
/** The loan form's fields as the file's columns name them (the debtor is the NIK, the bank the account's). */
const LOAN_FIELD: Record<string, string> = {
  debiturId: 'nik',
  bankId: 'nomorRekening',
  cabangId: 'cabang',
  skemaId: 'skema',
  nomorRekening: 'nomorRekening',
  nomorAkad: 'nomorAkad',
  tanggalAkad: 'tanggalAkad',
  tanggalPencairan: 'tanggalPencairan',
  plafon: 'plafon',
  tenorBulan: 'tenorBulan',
  bungaBankPersen: 'bungaBankPersen',
  bungaDebiturPersen: 'bungaDebiturPersen',
  alasanUbahBunga: 'alasanUbahBunga',
  tanggalAngsuranPertama: 'tanggalAngsuranPertama',
};

/** The debtor fields a file can change on a registered debtor, in the order the preview lists them. */
const COMPARED = ['nama', 'namaUsaha', 'sektor', 'skala', 'alamat', 'kecamatan', 'desa', 'telepon', 'npwp', 'nib'] as const;
type Compared = (typeof COMPARED)[number];

type LegacyState = 'aktif' | 'lunas' | 'macet';

/** What the check found for a good row; what write needs. */
interface RowData {
  nik: string;
  /** A registered debtor's id, or the new debtor's fields (created by the first good row of the NIK). */
  debitur: { ada: number } | { baru: DebtorFields };
  /** Registered debtor: the fields the file would change (values as written to the debtor). */
  perbarui: Partial<Record<Compared, string | number | null>>;
  loan: Omit<LoanFields, 'debiturId'>;
  status: 'diajukan' | LegacyState;
  tanggalStatus: string | null;
}

const STATUS_WORDS: Record<string, 'diajukan' | LegacyState> = {
  diajukan: 'diajukan',
  baru: 'diajukan',
  pengajuan: 'diajukan',
  aktif: 'aktif',
  lancar: 'aktif',
  berjalan: 'aktif',
  lunas: 'lunas',
  'sudah lunas': 'lunas',
  macet: 'macet',
};

function readStatus(v: unknown): 'diajukan' | LegacyState | null | undefined {
  if (v === null || v === undefined || String(v).trim() === '') return 'diajukan';
  return STATUS_WORDS[String(v).trim().toLowerCase()] ?? null;
}

function readSkala(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const t = v.toLowerCase();
  for (const s of ['mikro', 'kecil', 'menengah', 'koperasi'] as const) if (t.includes(s)) return s;
  return v;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const keyOf = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

const REPLACE_REFUSED =
  'Impor daftar pinjaman tidak dapat diganti: debitur dan pinjaman yang sudah masuk tidak dihapus. Perbaiki pinjaman yang keliru satu per satu di halaman Pinjaman.';

/** Ids the check gives debtors still to be created, so the loan rules can name them (never written). */
const NEW_DEBTOR_BASE = 2 ** 40;

export const pinjaman: ImportKindModule = {
  check(db, t, rows, report) {
    const fail = (row: CheckedRow, field: string, pesan: string) => report.fail(row, field, pesan);
    const bank = getBank(db, t.bankId ?? -1);
    if (!bank) {
      report.file('Bank tidak dikenal');
      return;
    }
    const schemes = new Map(listSchemes(db, true).map((s) => [keyOf(s.kode), s]));
    const schemesById = new Map([...schemes.values()].map((s) => [s.id, s]));
    const ref = listReference(db);
    const kecamatanByName = new Map(ref.kecamatan.map((k) => [keyOf(k.nama), k]));
    const sektorByName = new Map(ref.sektor.map((k) => [keyOf(k.nama), k]));
    const refById = { kecamatan: new Map(ref.kecamatan.map((k) => [k.id, k])), sektor: new Map(ref.sektor.map((k) => [k.id, k])) };
    const branchByKey = new Map<string, number>();
    for (const c of bank.cabang) {
      branchByKey.set(keyOf(c.kode), c.id);
      branchByKey.set(keyOf(c.nama), c.id);
    }

    // What the rules need from the database, read once for the file.
    const niks = [...new Set(rows.map((r) => r.values.nik).filter((n): n is string => typeof n === 'string'))];
    const registered = debtorsByNik(db, niks);
    const registeredIds = [...registered.values()].map((d) => d.id);
    const runningOf = new Map<number, OtherLoan[]>();
    for (const l of loansOfDebtors(db, registeredIds)) {
      if (!RUNNING_STATES.includes(l.status)) continue;
      const list = runningOf.get(l.debiturId) ?? [];
      list.push({ id: l.id, nomorRekening: l.nomorRekening, bankNama: l.bankNama, nomorAkad: l.nomorAkad, status: l.status, tanggalAkad: l.tanggalAkad });
      runningOf.set(l.debiturId, list);
    }
    const paidOf = new Map<number, PaidMonthOfDebtor[]>();
    for (const p of paidMonthsOfDebtors(db, registeredIds)) {
      const list = paidOf.get(p.debiturId) ?? [];
      list.push(p);
      paidOf.set(p.debiturId, list);
    }
    const stored = loanKeysOfBank(db, bank.id);
    const byAccount = new Map(stored.map((l) => [l.nomorRekening, l]));
    const byAkad = new Map(stored.map((l) => [l.nomorAkad, l]));
    const byDigits = new Map<string, (typeof stored)[number]>();
    for (const l of stored) {
      const d = accountDigits(l.nomorRekening).replace(/^0+/, '');
      if (d !== '') byDigits.set(d, l);
    }

    // How long this file's account numbers usually are (text cells): a numeric cell shorter than that lost its zeros.
    const lengths = new Map<number, number>();
    for (const r of rows)
      if (typeof r.values.nomorRekening === 'string' && !r.rekeningAngka) lengths.set(r.values.nomorRekening.length, (lengths.get(r.values.nomorRekening.length) ?? 0) + 1);
    // (All numeric: the longest, read without spreading 100,000 arguments.)
    const longest = rows.reduce((m, r) => (typeof r.values.nomorRekening === 'string' ? Math.max(m, r.values.nomorRekening.length) : m), 0);
    const usual = [...lengths.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? longest;

    // The file as saved so far: new debtors (first good row of each NIK) and the loans of every debtor.
    const newDebtors = new Map<string, { id: number; baris: number; fields: DebtorFields }>();
    const fileLoans = new Map<number, OtherLoan[]>();
    // The first row of each account and agreement number in the file, good or not: a second row with it is refused either way.
    const seenAccount = new Map<string, number>();
    const seenAkad = new Map<string, number>();
    for (const r of rows) {
      const acc = r.values.nomorRekening;
      const akad = r.values.nomorAkad;
      if (typeof acc === 'string' && !seenAccount.has(acc)) seenAccount.set(acc, r.baris);
      if (typeof akad === 'string' && akad !== '' && !seenAkad.has(akad)) seenAkad.set(akad, r.baris);
    }
    const firstOfRegistered = new Map<string, CheckedRow>();
    /** The debtor data of each NIK's first good row: a later row of the NIK that differs is warned, the first row's data used. */
    const firstFieldsOf = new Map<string, { baris: number; fields: DebtorFields }>();

    const debtorLookups = (exceptNew?: string): DebtorLookups => ({
      today: t.hariIni,
      byNik: (nik) => {
        const d = registered.get(nik);
        if (d) return { id: d.id, nama: d.nama };
        const n = newDebtors.get(nik);
        return n && nik !== exceptNew ? { id: n.id, nama: n.fields.nama } : null;
      },
      reference: (kind, id) => refById[kind].get(id) ?? null,
    });

    /** A name in the file → the reference's id; undefined when blank; null (and the row refused) when unknown. */
    const refId = (row: CheckedRow, field: 'kecamatan' | 'sektor'): number | null | undefined => {
      const name = str(row.values[field]);
      if (name === null) return undefined;
      const found = (field === 'kecamatan' ? kecamatanByName : sektorByName).get(keyOf(name));
      if (!found) {
        fail(row, field, `${field === 'kecamatan' ? 'Kecamatan' : 'Sektor usaha'} "${name}" tidak dikenal`);
        return null;
      }
      return found.id;
    };

    /** The debtor form's input from the row (over a registered debtor's stored data, for the update check). */
    const debtorInputOf = (row: CheckedRow, base: Debtor | null, kecamatanId: number | undefined, sektorId: number | undefined): DebtorInput | null => {
      const v = row.values;
      const raw = {
        ...(base ? { id: base.id } : {}),
        nik: v.nik,
        nama: str(v.nama) ?? base?.nama,
        namaUsaha: str(v.namaUsaha) ?? base?.namaUsaha ?? null,
        sektorId: sektorId ?? base?.sektorId ?? null,
        skala: readSkala(v.skala) ?? base?.skala,
        alamat: str(v.alamat) ?? base?.alamat ?? null,
        kecamatanId: kecamatanId ?? base?.kecamatanId ?? null,
        desa: str(v.desa) ?? base?.desa ?? null,
        telepon: str(v.telepon) ?? base?.telepon ?? null,
        npwp: str(v.npwp) ?? base?.npwp ?? null,
        nib: str(v.nib) ?? base?.nib ?? null,
      };
      const parsed = debtorSaveInput.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 1)) fail(row, DEBTOR_FIELD[String(issue.path[0])] ?? 'nik', issue.message);
        return null;
      }
      return parsed.data;
    };

    for (const row of rows) {
      if (row.galat) continue;
      const v = row.values;
      const nik = v.nik as string;

      // The debtor: registered (matched by NIK), new in this file, or already met in an earlier row.
      const kecamatanId = refId(row, 'kecamatan');
      const sektorId = refId(row, 'sektor');
      if (kecamatanId === null || sektorId === null) continue;
      const known = registered.get(nik) ?? null;
      const earlier = newDebtors.get(nik);
      let debiturId: number;
      let debtorName: string;
      let debtorActive = true;
      let newFields: DebtorFields | null = null;
      let rowFields: DebtorFields;
      const perbarui: RowData['perbarui'] = {};
      if (known) {
        debiturId = known.id;
        debtorName = known.nama;
        debtorActive = known.aktif;
        // The data the file would write must itself pass the form (checked over what is stored).
        const input = debtorInputOf(row, known, kecamatanId, sektorId);
        if (!input) continue;
        const checked = checkDebtor(input, known, debtorLookups());
        if (!checked.ok) {
          fail(row, DEBTOR_FIELD[checked.field] ?? 'nik', checked.message);
          continue;
        }
        rowFields = checked.fields;
        const first = firstOfRegistered.get(nik);
        if (!first) {
          const f = checked.fields;
          const proposed: Record<Compared, string | number | null> = {
            nama: f.nama,
            namaUsaha: f.namaUsaha,
            sektor: f.sektorId,
            skala: f.skala,
            alamat: f.alamat,
            kecamatan: f.kecamatanId,
            desa: f.desa,
            telepon: f.telepon,
            npwp: f.npwp,
            nib: f.nib,
          };
          const current: Record<Compared, string | number | null> = {
            nama: known.nama,
            namaUsaha: known.namaUsaha,
            sektor: known.sektorId,
            skala: known.skala,
            alamat: known.alamat,
            kecamatan: known.kecamatanId,
            desa: known.desa,
            telepon: known.telepon,
            npwp: known.npwp,
            nib: known.nib,
          };
          for (const k of COMPARED) if (proposed[k] !== current[k]) perbarui[k] = proposed[k];
        }
      } else if (earlier) {
        debiturId = earlier.id;
        debtorName = earlier.fields.nama;
        const input = debtorInputOf(row, null, kecamatanId, sektorId);
        if (!input) continue;
        const checked = checkDebtor(input, null, debtorLookups(nik));
        if (!checked.ok) {
          fail(row, DEBTOR_FIELD[checked.field] ?? 'nik', checked.message);
          continue;
        }
        rowFields = checked.fields;
      } else {
        debiturId = NEW_DEBTOR_BASE + row.baris;
        const input = debtorInputOf(row, null, kecamatanId, sektorId);
        if (!input) continue;
        const checked = checkDebtor(input, null, debtorLookups());
        if (!checked.ok) {
          fail(row, DEBTOR_FIELD[checked.field] ?? 'nik', checked.message);
          continue;
        }
        newFields = checked.fields;
        rowFields = checked.fields;
        debtorName = checked.fields.nama;
      }

      // The loan: the scheme and branch named, then the form's own input and rules.
      const skemaKode = str(v.skema);
      const scheme = skemaKode ? schemes.get(keyOf(skemaKode)) : undefined;
      if (!scheme) {
        fail(row, 'skema', skemaKode ? `Skema "${skemaKode}" tidak dikenal` : 'Kode skema kosong');
        continue;
      }
      const cabang = str(v.cabang);
      const cabangId = cabang === null ? null : (branchByKey.get(keyOf(cabang)) ?? null);
      if (cabang !== null && cabangId === null) {
        fail(row, 'cabang', `Cabang "${cabang}" bukan cabang ${bank.nama}`);
        continue;
      }
      const status = readStatus(v.status);
      if (!status) {
        fail(row, 'status', `Status "${String(v.status)}" tidak dikenal: kosongkan untuk pengajuan baru, atau tulis aktif, lunas atau macet untuk pinjaman lama`);
        continue;
      }
      const parsed = loanSaveInput.safeParse({
        debiturId,
        bankId: bank.id,
        cabangId,
        skemaId: scheme.id,
        nomorRekening: v.nomorRekening,
        nomorAkad: v.nomorAkad,
        tanggalAkad: v.tanggalAkad,
        tanggalPencairan: v.tanggalPencairan,
        plafon: v.plafon,
        tenorBulan: v.tenorBulan,
        bungaBankPersen: v.bungaBankPersen,
        bungaDebiturPersen: v.bungaDebiturPersen,
        alasanUbahBunga: v.alasanUbahBunga,
        tanggalAngsuranPertama: v.tanggalAngsuranPertama,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        fail(row, LOAN_FIELD[String(issue.path[0])] ?? 'nomorRekening', issue.message);
        continue;
      }
      const input: LoanInput = parsed.data;
      const prepared = prepareLoan(input, {
        debtor: (id) => (id === debiturId ? { nama: debtorName, aktif: debtorActive } : null),
        bank: (id) => (id === bank.id ? bank : null),
        scheme: (id) => schemesById.get(id) ?? null,
      });
      if (!prepared.ok) {
        fail(row, LOAN_FIELD[prepared.field] ?? 'nomorRekening', prepared.message);
        continue;
      }

      // One account and one agreement per loan at the bank: in this file, and against what is stored.
      const account = input.nomorRekening;
      const firstAccount = seenAccount.get(account);
      const firstAkad = seenAkad.get(input.nomorAkad);
      if (firstAccount !== undefined && firstAccount !== row.baris) {
        fail(row, 'nomorRekening', `Nomor rekening ${account} sudah ada di baris ${firstAccount} berkas ini`);
        continue;
      }
      if (firstAkad !== undefined && firstAkad !== row.baris) {
        fail(row, 'nomorAkad', `Nomor akad ${input.nomorAkad} sudah ada di baris ${firstAkad} berkas ini: satu akad satu catatan`);
        continue;
      }
      const clash = accountRefusal(input, byAccount.get(account) ?? null, byAkad.get(input.nomorAkad) ?? null);
      if (clash) {
        fail(row, LOAN_FIELD[clash.field] ?? 'nomorRekening', clash.message);
        continue;
      }
      const sameDigits = byDigits.get(accountDigits(account).replace(/^0+/, ''));
      if (sameDigits) {
        fail(
          row,
          'nomorRekening',
          `Nomor rekening ${account} sama dengan rekening ${sameDigits.nomorRekening} yang sudah tercatat di bank ini (pinjaman no. ${sameDigits.id}) bila angka nol di depan atau tanda bacanya diabaikan`,
        );
        continue;
      }
      // The agreement number often carries the account with its zeros (PK/0012345005/2022): a hint in any file,
      // and a numeric XLSX cell shorter than the file's other accounts has most likely lost them.
      const hint = /^\d+$/.test(account)
        ? (input.nomorAkad.match(/\d+/g) ?? []).find((d) => d.length > account.length && d.replace(/^0+/, '') === account.replace(/^0+/, ''))
        : undefined;
      if (row.rekeningAngka || hint) {
        const said = hint ? ` Nomor akad ${input.nomorAkad} memuat ${hint}: nomor rekening kemungkinan ${hint}.` : '';
        if (row.rekeningAngka && account.length < usual) {
          report.warn(
            row.baris,
            'nomorRekening',
            `Nomor rekening ${account} tersimpan sebagai angka di Excel dan lebih pendek (${account.length} angka) dari nomor lain di berkas ini (${usual} angka): angka nol di depannya mungkin hilang.${said} Periksa dengan bank sebelum disimpan.`,
          );
        } else if (hint) {
          report.warn(row.baris, 'nomorRekening', `Angka nol di depan nomor rekening ${account} mungkin hilang.${said} Periksa dengan bank sebelum disimpan.`);
        }
      }

      // An old loan's state and dates, as the lifecycle would have recorded them.
      const tanggalStatus = typeof v.tanggalStatus === 'string' ? v.tanggalStatus : null;
      if (status === 'diajukan') {
        if (tanggalStatus) report.warn(row.baris, 'tanggalStatus', 'Tanggal lunas/macet diabaikan: status kosong, jadi baris ini pengajuan baru');
      } else {
        const cair = input.tanggalPencairan;
        if (!cair) {
          fail(row, 'tanggalPencairan', `Pinjaman lama berstatus ${status} perlu tanggal pencairan`);
          continue;
        }
        // The lifecycle's own date rules for the steps the loan went through.
        const dates = { tanggalAkad: input.tanggalAkad, tanggalPencairan: cair, tanggalAngsuranPertama: input.tanggalAngsuranPertama };
        const atDisbursement = stepDateRefusal({ ...dates, tanggalPencairan: null }, 'aktif', cair, t.hariIni);
        if (atDisbursement) {
          fail(row, 'tanggalPencairan', atDisbursement);
          continue;
        }
        if (status === 'lunas' && !tanggalStatus) {
          fail(row, 'tanggalStatus', 'Pinjaman lunas perlu tanggal lunas');
          continue;
        }
        if (status === 'aktif' && tanggalStatus) report.warn(row.baris, 'tanggalStatus', 'Tanggal lunas/macet diabaikan: pinjaman ini berstatus aktif');
        const atStep = tanggalStatus && status !== 'aktif' ? stepDateRefusal(dates, status, tanggalStatus, t.hariIni) : null;
        if (atStep) {
          fail(row, 'tanggalStatus', atStep);
          continue;
        }
      }

      // Double financing, months paid on another loan, the scheme's ceilings and validity: as the form, with the file's earlier good rows saved.
      const candidate = {
        debiturId,
        bankId: input.bankId,
        cabangId: input.cabangId ?? null,
        plafon: input.plafon,
        tenorBulan: input.tenorBulan,
        tanggalAkad: input.tanggalAkad,
        tanggalLunas: status === 'lunas' ? tanggalStatus : null,
      };
      const flags = loanFlagsFrom(candidate, prepared.scheme, {
        running: [...(runningOf.get(debiturId) ?? []), ...(fileLoans.get(debiturId) ?? [])],
        paid: paidOf.get(debiturId) ?? [],
        // The recipient decree (a warning on entry, as on the form).
        sk: decreeVerdictOfLoan(db, { ...candidate, nik }, prepared.scheme),
      });
      let refused = false;
      for (const f of flags) {
        const field = LOAN_FIELD[FLAG_FIELD[f.kode]] ?? 'nik';
        if (f.menolak && !refused) {
          fail(row, field, f.pesan);
          refused = true;
        } else if (!f.menolak) report.warn(row.baris, field, f.pesan);
      }
      if (refused) continue;

      // A good row: saved as far as the following rows are concerned.
      const firstSeen = firstFieldsOf.get(nik);
      if (!firstSeen) firstFieldsOf.set(nik, { baris: row.baris, fields: rowFields });
      else {
        const differs = (['nama', 'namaUsaha', 'sektorId', 'skala', 'alamat', 'kecamatanId', 'desa', 'telepon', 'npwp', 'nib'] as const).filter(
          (k) => rowFields[k] !== firstSeen.fields[k],
        );
        if (differs.length > 0) {
          report.warn(
            row.baris,
            DEBTOR_FIELD[differs[0]!]!,
            `Data debitur NIK ${nik} berbeda dengan baris ${firstSeen.baris} (${differs.map((k) => label(DEBTOR_FIELD[k]!).toLowerCase()).join(', ')}); dipakai data baris ${firstSeen.baris}`,
          );
        }
      }
      if (newFields) newDebtors.set(nik, { id: debiturId, baris: row.baris, fields: newFields });
      if (known && !firstOfRegistered.has(nik)) firstOfRegistered.set(nik, row);
      const { debiturId: _d, ...loan } = prepared.fields;
      if (RUNNING_STATES.includes(status)) {
        const list = fileLoans.get(debiturId) ?? [];
        list.push({ id: -row.baris, nomorRekening: account, bankNama: bank.nama, nomorAkad: input.nomorAkad, status, tanggalAkad: input.tanggalAkad });
        fileLoans.set(debiturId, list);
      }
      const data: RowData = {
        nik,
        debitur: known ? { ada: known.id } : { baru: newFields ?? newDebtors.get(nik)!.fields },
        perbarui,
        loan,
        status,
        tanggalStatus: status === 'diajukan' || status === 'aktif' ? null : tanggalStatus,
      };
      row.data = data as unknown as Record<string, unknown>;
    }

    // Registered debtors whose data in the file differs: old and new per field, for the clerk to choose.
    const names = (kind: 'kecamatan' | 'sektor', id: string | number | null) => (id === null ? null : (refById[kind].get(Number(id))?.nama ?? String(id)));
    const shown = (k: Compared, value: string | number | null) => (k === 'kecamatan' || k === 'sektor' ? names(k, value) : value === null ? null : String(value));
    const debiturBerbeda: DebtorDifference[] = [];
    for (const [nik, row] of firstOfRegistered) {
      const known = registered.get(nik)!;
      const data = row.data as unknown as RowData;
      const current: Record<Compared, string | number | null> = {
        nama: known.nama,
        namaUsaha: known.namaUsaha,
        sektor: known.sektorId,
        skala: known.skala,
        alamat: known.alamat,
        kecamatan: known.kecamatanId,
        desa: known.desa,
        telepon: known.telepon,
        npwp: known.npwp,
        nib: known.nib,
      };
      for (const k of COMPARED) {
        if (!(k in data.perbarui)) continue;
        debiturBerbeda.push({ nik, nama: known.nama, field: k, label: label(k), lama: shown(k, current[k]), baru: shown(k, data.perbarui[k] ?? null) ?? '', baris: row.baris });
      }
    }
    return { debiturBerbeda };
  },

  write(ctx, { req, imporId, valid, afterWrite, pilihan }) {
    const { db } = ctx;
    const debtorIds = new Map<string, number>();
    const updated = new Set<string>();
    let debiturBaru = 0;
    let debiturDiperbarui = 0;
    let n = 0;
    for (const row of valid) {
      const data = row.data as unknown as RowData;
      const impor = { id: imporId, berkas: req.namaBerkas, baris: row.baris };
      let debiturId = debtorIds.get(data.nik);
      if (debiturId === undefined) {
        if ('ada' in data.debitur) {
          debiturId = data.debitur.ada;
          if (!updated.has(data.nik)) {
            updated.add(data.nik);
            if (applyChoices(ctx, debiturId, data, pilihan, impor)) debiturDiperbarui++;
          }
        } else {
          debiturId = insertDebtor(db, data.debitur.baru);
          debiturBaru++;
          appendAudit(db, { user: ctx.user, action: 'impor', entity: 'debitur', entityId: debiturId, after: { id: debiturId, ...data.debitur.baru, aktif: true, impor } });
        }
        debtorIds.set(data.nik, debiturId);
      }

      const loanId = insertLoan(db, { ...data.loan, debiturId }, callerId(ctx), imporId);
      let status: StatusPinjaman = 'diajukan';
      let tanggalLunas: string | null = null;
      if (data.status !== 'diajukan') {
        // An old loan: the lifecycle's steps with their real dates. No premium is recorded: an old loan's premium was
        // settled before the app (it comes with the payment history), and an unpaid one here could be invoiced twice.
        const alasan = `Impor pinjaman lama dari berkas "${req.namaBerkas}" (impor no. ${imporId}, baris ${row.baris})`;
        const cair = data.loan.tanggalPencairan!;
        setLoanStatus(db, loanId, 'aktif', { tanggalPencairan: cair });
        insertLoanHistory(db, { pinjamanId: loanId, dari: 'diajukan', ke: 'aktif', tanggal: cair, alasan, pengguna: ctx.user, penggunaId: callerId(ctx) });
        status = 'aktif';
        if (data.status === 'lunas') {
          tanggalLunas = data.tanggalStatus!;
          setLoanStatus(db, loanId, 'lunas', { tanggalLunas });
          insertLoanHistory(db, { pinjamanId: loanId, dari: 'aktif', ke: 'lunas', tanggal: tanggalLunas, alasan, pengguna: ctx.user, penggunaId: callerId(ctx) });
          status = 'lunas';
        } else if (data.status === 'macet') {
          setLoanStatus(db, loanId, 'macet');
          insertLoanHistory(db, {
            pinjamanId: loanId,
            dari: 'aktif',
            ke: 'macet',
            tanggal: data.tanggalStatus ?? ctx.today(),
            alasan,
            pengguna: ctx.user,
            penggunaId: callerId(ctx),
          });
          status = 'macet';
        }
      }
      appendAudit(db, {
        user: ctx.user,
        action: 'impor',
        entity: 'pinjaman',
        entityId: loanId,
        after: { id: loanId, ...data.loan, debiturId, status, tanggalLunas, impor },
      });
      afterWrite(++n);
    }
    return { tagihanId: null, debiturBaru, debiturDiperbarui, pinjamanBaru: n };
  },

  // Loans are never deleted once entered (money may already refer to them); they are corrected one by one.
  tidakDapatDiganti: REPLACE_REFUSED,

  removeProducts() {
    throw new ServiceError('CONFLICT', REPLACE_REFUSED);
  },
};

/** The clerk's choice for one field of a registered debtor: per field, else per debtor, else for all; keep by default. */
function choiceFor(pilihan: ImportDebtorChoices | undefined, nik: string, field: string): DebtorChoice {
  const own = pilihan?.debitur[nik];
  if (typeof own === 'string') return own;
  return own?.[field] ?? pilihan?.semua ?? 'pertahankan';
}

/** Updates a registered debtor with the fields the clerk chose to take from the file (checked by the form's rules again, audited). */
function applyChoices(
  ctx: Parameters<ImportKindModule['write']>[0],
  id: number,
  data: RowData,
  pilihan: ImportDebtorChoices | undefined,
  impor: { id: number; berkas: string; baris: number },
): boolean {
  const chosen = (Object.keys(data.perbarui) as Compared[]).filter((k) => choiceFor(pilihan, data.nik, k) === 'perbarui');
  if (chosen.length === 0) return false;
  const before = getDebtor(ctx.db, id)!;
  const take = <K extends Compared>(k: K) => chosen.includes(k);
  const p = data.perbarui;
  const input: DebtorInput = {
    id,
    nik: before.nik,
    nama: take('nama') ? String(p.nama) : before.nama,
    namaUsaha: take('namaUsaha') ? ((p.namaUsaha as string | null) ?? null) : before.namaUsaha,
    sektorId: take('sektor') ? ((p.sektor as number | null) ?? null) : before.sektorId,
    skala: take('skala') ? (p.skala as Debtor['skala']) : before.skala,
    alamat: take('alamat') ? ((p.alamat as string | null) ?? null) : before.alamat,
    kecamatanId: take('kecamatan') ? ((p.kecamatan as number | null) ?? null) : before.kecamatanId,
    desa: take('desa') ? ((p.desa as string | null) ?? null) : before.desa,
    telepon: take('telepon') ? ((p.telepon as string | null) ?? null) : before.telepon,
    npwp: take('npwp') ? ((p.npwp as string | null) ?? null) : before.npwp,
    nib: take('nib') ? ((p.nib as string | null) ?? null) : before.nib,
  };
  const ref = listReference(ctx.db);
  const checked = checkDebtor(input, before, {
    today: ctx.today(),
    byNik: () => ({ id, nama: before.nama }),
    reference: (kind, refId) => {
      const r = (kind === 'kecamatan' ? ref.kecamatan : ref.sektor).find((x) => x.id === refId);
      return r ? { nama: r.nama, aktif: r.aktif } : null;
    },
  });
  if (!checked.ok) throw new ServiceError('VALIDATION', `Berkas "${impor.berkas}" baris ${impor.baris}, ${label(DEBTOR_FIELD[checked.field] ?? 'nik')}: ${checked.message}`);
  updateDebtor(ctx.db, id, checked.fields);
  const after = getDebtor(ctx.db, id)!;
  appendAudit(ctx.db, { user: ctx.user, action: 'ubah', entity: 'debitur', entityId: id, before, after: { ...after, impor, diperbarui: chosen } });
  return true;
}
