/**
 * The demo set's monitoring (docs/monitoring.md): a business profile at akad for most disbursed
 * loans and one or two monitoring visits for many of those running a while, some with a follow-up
 * (a few past due), so the Monitoring page, the loan page and the evaluation are not empty. Its
 * own random stream: the rest of the demo set stays exactly as it was.
 */
import type { Database } from 'better-sqlite3';
import { disbursedLoans, insertVisit, upsertProfile } from '../../../database/repositories/monitoring';
import { addDays, addMonths } from '../../domain/loan';
import { FAMILY_NAMES, MALE_NAMES } from './names';
import { SeededRandom } from './random';

const PROBLEMS = ['Bahan baku naik', 'Pembeli berkurang', 'Tempat usaha pindah', 'Pembukuan belum rapi', 'Stok sering kosong'];
const FOLLOW_UPS = ['Pendampingan pembukuan sederhana', 'Hubungkan dengan pasar desa', 'Kunjungan ulang bersama bank', 'Pelatihan pemasaran daring'];
const MISUSE = ['Sebagian untuk biaya sekolah anak', 'Sebagian untuk renovasi rumah', 'Sebagian untuk melunasi utang lain'];

export function seedDemoMonitoring(db: Database, opts: { today: string; seed: number }): { profil: number; kunjungan: number } {
  const rnd = new SeededRandom(opts.seed);
  const officers = Array.from({ length: 4 }, () => `${rnd.pick(MALE_NAMES)} ${rnd.pick(FAMILY_NAMES)}`);
  let profil = 0;
  let kunjungan = 0;
  for (const loan of disbursedLoans(db)) {
    if (!rnd.chance(0.85)) continue;
    // Turnover in round thousands, about a fifth to a half of the plafon a month.
    const omzet = Math.round((loan.plafon * rnd.int(20, 50)) / 100 / 1000) * 1000;
    const paid = rnd.int(0, 4);
    const family = rnd.int(paid === 0 ? 1 : 0, 3);
    upsertProfile(db, loan.id, {
      omzetBulanan: omzet,
      pekerjaDibayar: paid,
      pekerjaKeluarga: family,
      aset: Math.round((loan.plafon * rnd.int(80, 300)) / 100 / 1000) * 1000,
      statusUsaha: rnd.chance(0.3) ? 'baru' : 'berjalan',
    });
    profil++;

    // Visits from three months after disbursement, up to today (and up to the payoff for a paid-off loan).
    const first = addMonths(loan.tanggalPencairan, 3);
    const end = loan.tanggalLunas && loan.tanggalLunas < opts.today ? loan.tanggalLunas : opts.today;
    // Bad loans are always visited (the secretariat goes to see what went wrong); others about half.
    const bad = loan.status === 'macet' || loan.status === 'klaim' || loan.status === 'hapus_buku';
    if (first >= end || (!bad && !rnd.chance(0.55))) continue;
    const visits = rnd.chance(0.3) ? 2 : 1;
    let date = first;
    let lastOmzet = omzet;
    let workers = [paid, family];
    for (let v = 0; v < visits; v++) {
      const span = Math.max(0, Math.floor((Date.parse(end) - Date.parse(date)) / 86_400_000));
      date = addDays(date, rnd.int(0, Math.min(span, 240)));
      if (date > end) break;
      const status = bad ? (rnd.chance(0.4) ? 'tutup' : 'menurun') : rnd.chance(0.35) ? 'berkembang' : rnd.chance(0.8) ? 'berjalan' : 'menurun';
      const factor = status === 'tutup' ? 0 : status === 'berkembang' ? rnd.int(110, 160) : status === 'menurun' ? rnd.int(50, 90) : rnd.int(95, 115);
      lastOmzet = Math.round((lastOmzet * factor) / 100 / 1000) * 1000;
      workers = status === 'tutup' ? [0, 0] : status === 'berkembang' ? [workers[0]! + rnd.int(0, 2), workers[1]!] : workers;
      const misuse = rnd.chance(0.1);
      const followUp = status === 'menurun' || status === 'tutup' || misuse || rnd.chance(0.15);
      const due = followUp ? addDays(date, rnd.int(14, 60)) : null;
      // Follow-ups due a while ago are mostly done; some are left open (the dashboard's overdue tile).
      const done = due !== null && due < addDays(opts.today, -20) && rnd.chance(0.7) ? addDays(date, rnd.int(7, 30)) : null;
      insertVisit(
        db,
        {
          pinjamanId: loan.id,
          rencanaId: null,
          tanggal: date,
          petugas: rnd.pick(officers),
          omzetBulanan: lastOmzet,
          pekerjaDibayar: workers[0]!,
          pekerjaKeluarga: workers[1]!,
          statusUsaha: status,
          danaSesuai: !misuse,
          penggunaanDana: misuse ? rnd.pick(MISUSE) : null,
          masalah: followUp ? rnd.pick(PROBLEMS) : null,
          tindakLanjut: followUp ? rnd.pick(FOLLOW_UPS) : null,
          tindakLanjutBatas: due,
          tindakLanjutSelesai: done !== null && done <= opts.today ? done : null,
        },
        'data-contoh',
        null,
      );
      kunjungan++;
      date = addDays(date, 30);
      if (date >= end) break;
    }
  }
  return { profil, kunjungan };
}
