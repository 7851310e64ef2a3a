/**
 * From a document request to a file: check who may print it, build the ReportDocument, render it
 * in the asked format. Used by the documents.* handlers, the CLI and other services that hand out
 * documents (the berita acara).
 */
import type { DocumentFormat, DocumentRequest, Paper, RenderedDocument } from '../../contract';
import { ROLE_LABEL } from '../../contract';
import { OWN_BANK_ONLY, callerBank, requireOwnBank } from '../auth/bank-scope';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import { getDocumentSettings } from '../settings/document-settings';
import { renderCsv } from './csv';
import { pdfFooterTemplate, renderHtml, sheetMm } from './html';
import type { ReportDocument } from './model';
import type { PrintOptions } from './printer';
import { definitionOf, type ReportDefinition } from './registry';
import { renderXlsx } from './xlsx';

export const MIME: Record<DocumentFormat, string> = {
  html: 'text/html;charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
};

/** Refuses unless the caller's role may print this kind, and (for a bank's officer) only their bank's. */
function authorize(ctx: ServiceContext, def: ReportDefinition<never>, request: DocumentRequest): void {
  const role = ctx.caller().role;
  if (role !== 'sistem' && !def.roles.includes(role)) {
    throw new ServiceError('FORBIDDEN', `Peran ${ROLE_LABEL[role]} tidak dapat mencetak ${def.judul.toLowerCase()}.`);
  }
  if (callerBank(ctx) !== null) {
    if (!def.bankOf) throw new ServiceError('FORBIDDEN', OWN_BANK_ONLY);
    requireOwnBank(ctx, def.bankOf(ctx, request as never));
  }
}

/** Builds the document of a request after checking the caller may see it. */
export async function buildDocument(ctx: ServiceContext, request: DocumentRequest): Promise<ReportDocument> {
  const def = definitionOf(request.jenis) as unknown as ReportDefinition<never>;
  authorize(ctx, def, request);
  return def.build(ctx, request as never);
}

/** The HTML page of a built document, with the current settings, on A4 or F4. */
export function documentHtml(ctx: ServiceContext, doc: ReportDocument, pageNumbers: 'css' | 'none' = 'css', paper: Paper = 'A4'): string {
  return renderHtml(doc, { settings: getDocumentSettings(ctx.db), printedOn: ctx.today(), pageNumbers, paper });
}

export const printOptions = (ctx: ServiceContext, doc: ReportDocument, paper: Paper = 'A4'): PrintOptions => ({
  landscape: doc.orientation === 'landscape',
  footerTemplate: pdfFooterTemplate(doc.title, ctx.today()),
  // The sheet as it lies, landscape already turned (printers are given the size, not the name).
  paperMm: sheetMm(paper, doc.orientation),
});

/** A built document in one format, as the channel returns it. */
export async function renderDocument(ctx: ServiceContext, doc: ReportDocument, format: DocumentFormat, paper: Paper = 'A4'): Promise<RenderedDocument> {
  const base = { namaBerkas: `${doc.fileName}.${format}`, mime: MIME[format], judul: doc.title, orientasi: doc.orientation, kertas: paper };
  switch (format) {
    case 'html':
      return { ...base, html: documentHtml(ctx, doc, 'css', paper) };
    case 'csv':
      return { ...base, teks: renderCsv(doc) };
    case 'xlsx':
      return { ...base, isiBase64: (await renderXlsx(doc, { settings: getDocumentSettings(ctx.db), printedOn: ctx.today(), paper })).toString('base64') };
    case 'pdf': {
      if (!ctx.printer) throw new ServiceError('CONFLICT', 'Pembuatan PDF tidak tersedia di sini.');
      // The PDF printer draws the page numbers with its footer template: the page itself does not.
      const pdf = await ctx.printer.pdf(documentHtml(ctx, doc, 'none', paper), printOptions(ctx, doc, paper));
      return { ...base, isiBase64: pdf.toString('base64') };
    }
  }
}
