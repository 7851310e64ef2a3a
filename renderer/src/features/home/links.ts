/**
 * Where each tile and chart of the dashboard leads: the list behind the figure, filtered as the
 * figure was counted. The loan list reads these query parameters (features/loans/store.ts: applyRouteQuery).
 */
import type { DashboardSummary } from '@contract';

export interface DashboardLinks {
  debtors: string;
  activeLoans: string;
  badLoans: string;
  outstanding: string;
  kol35: string;
  kol: (kol: number) => string;
  kecamatan: (kecamatanId: number | null, nama: string | null) => string | null;
  subsidy: string;
  premium: string;
  trend: string;
}

/** `staff`: may open the debtor list and the budget (a bank officer may not). */
export function dashboardLinks(s: DashboardSummary | null, staff: boolean): DashboardLinks {
  const periode = s?.periodePosisi ?? null;
  const byKol = (kol: string) => (periode ? `/pinjaman?kol=${kol}&periode=${periode}` : '/pinjaman');
  return {
    debtors: staff ? '/debitur' : '/pinjaman?status=aktif',
    activeLoans: '/pinjaman?status=aktif',
    badLoans: '/pinjaman?status=macet',
    outstanding: byKol('1,2,3,4,5'),
    kol35: byKol('3,4,5'),
    kol: (kol) => byKol(String(kol)),
    kecamatan: (id, nama) => (id === null ? null : `/pinjaman?kecamatan=${id}${nama ? `&kecamatanNama=${encodeURIComponent(nama)}` : ''}`),
    subsidy: staff ? '/anggaran' : '/subsidi',
    premium: staff ? '/anggaran' : '/premi',
    trend: '/pinjaman',
  };
}
