/**
 * The import kinds' service modules, one per ImportKind (a kind without its module does not
 * compile). Adding a kind: its ImportKindSpec in electron/contract/imports.ts, its module here,
 * its key in the impor_berkas CHECK (a migration), its labels in renderer/src/features/imports/i18n.json.
 */
import type { ImportKind } from '../../../contract/imports';
import { pinjaman } from './pinjaman';
import { posisi } from './posisi';
import { premi } from './premi';
import { riwayat } from './riwayat';
import { skPenerima } from './sk-penerima';
import { tagihan } from './tagihan';
import type { ImportKindModule } from './types';

export const IMPORT_KIND_MODULES: Record<ImportKind, ImportKindModule> = { tagihan, posisi, premi, pinjaman, riwayat, sk_penerima: skPenerima };

export type { CheckTarget, Checked, CheckedRow, ImportKindModule, KindWrite, KindWritten, Report } from './types';
