import type { DocumentKind } from '../../contract/documents';
import { PRINT_UNAVAILABLE_FIELD, PRINT_UNAVAILABLE_MESSAGE } from '../../contract';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { HandlersFor } from '../index';
import { REPORTS } from './registry';
import { buildDocument, documentHtml, printOptions, renderDocument } from './render';

export function documentHandlers(ctx: ServiceContext): HandlersFor<'documents'> {
  return {
    'documents.kinds': async () => {
      const role = ctx.caller().role;
      return (Object.keys(REPORTS) as DocumentKind[])
        .filter((j) => role === 'sistem' || (REPORTS[j].roles as readonly string[]).includes(role))
        .map((jenis) => ({ jenis, judul: REPORTS[jenis].judul, keterangan: REPORTS[jenis].keterangan }));
    },
    'documents.render': async ({ dokumen, format, kertas }) => {
      ctx.progress?.('Mengumpulkan data dokumen', 0, 2);
      const doc = await buildDocument(ctx, dokumen);
      ctx.progress?.(format === 'pdf' ? 'Membuat PDF' : `Menyusun berkas ${format.toUpperCase()}`, 1, 2);
      return renderDocument(ctx, doc, format, kertas);
    },
    // Run as a job (jobs.start) by the screens: the document is gathered and laid out in the worker,
    // and the shell's print dialog opens with the finished page (jobs/runner.ts printDialog).
    'documents.print': async ({ dokumen, kertas }) => {
      const print = ctx.printer?.print?.bind(ctx.printer);
      if (!print) throw new ServiceError('CONFLICT', PRINT_UNAVAILABLE_MESSAGE, { [PRINT_UNAVAILABLE_FIELD]: PRINT_UNAVAILABLE_MESSAGE });
      ctx.progress?.('Mengumpulkan data dokumen', 0, 2);
      const doc = await buildDocument(ctx, dokumen);
      ctx.progress?.('Membuka dialog cetak', 1, 2);
      // The print dialog has no footer template: the page prints its own page numbers.
      await print(documentHtml(ctx, doc, 'css', kertas), printOptions(ctx, doc, kertas));
      return { dicetak: true as const };
    },
  };
}
