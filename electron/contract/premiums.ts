/** Insurance premiums: what each insurer is owed, its invoices, and the SP2D that pays them. */
import { z } from 'zod';
import { id, requiredText, returns, versi } from './common';
import { isoDate } from './schemes';
import type { Premium } from './loans';

export interface PremiumRow extends Premium {
  nomorRekening: string;
  debiturNama: string;
  bankNama: string;
  plafon: number;
  tanggalPencairan: string | null;
  nomorTagihan: string | null;
  tanggalTagihan: string | null;
  nomorSp2d: string | null;
  /** The premium SP2D that paid it (its attachments hang on it), null while unpaid. */
  pembayaranPremiId: number | null;
}

/** The versions of the chosen premiums as listed, in the order of premiIds (record versions). */
const premiumVersions = z.array(versi);
const versionPerPremium = { message: 'Versi data wajib dikirim untuk setiap premi yang dipilih; muat ulang halaman', path: ['versi'] };

export const premiumInvoiceInput = z
  .object({
    penjaminId: id,
    premiIds: z.array(id).min(1, 'Pilih sedikitnya satu premi'),
    versi: premiumVersions,
    nomorTagihan: requiredText('Nomor tagihan', 80),
    tanggalTagihan: isoDate('Tanggal tagihan'),
  })
  .refine((v) => v.versi.length === v.premiIds.length, versionPerPremium);

export const premiumPaymentInput = z
  .object({
    penjaminId: id,
    premiIds: z.array(id).min(1, 'Pilih sedikitnya satu premi'),
    versi: premiumVersions,
    nomorSp2d: requiredText('Nomor SP2D', 60),
    tanggalSp2d: isoDate('Tanggal SP2D'),
    paguId: id,
  })
  .refine((v) => v.versi.length === v.premiIds.length, versionPerPremium);

export const premiumsContract = {
  'premiums.list': {
    input: z.object({ penjaminId: id.optional(), status: z.enum(['terhitung', 'ditagih', 'dibayar']).optional() }).default({}),
    output: returns<PremiumRow[]>(),
  },
  /** Records the insurer's invoice (tagihan premi) covering the chosen premiums. */
  'premiums.recordInvoice': { input: premiumInvoiceInput, output: returns<{ jumlah: number; jumlahPremi: number }>() },
  /** Records the SP2D paying the chosen premiums, within the premium pagu; each premium is paid once. */
  'premiums.recordPayment': { input: premiumPaymentInput, output: returns<{ pembayaranId: number; jumlah: number; sisaPagu: number }>() },
} as const;
