/**
 * The PDF and print step, provided by whoever runs the services: the Electron shell
 * (electron/shell/printer.ts: a hidden window, printToPDF and the system print dialog) or plain
 * Node (node-printer.ts: Chromium through playwright-core, for the CLI, the HTTP bridge and the
 * tests). The services only see this interface; they never import Electron.
 */
export interface PrintOptions {
  landscape: boolean;
  /** The footer of every PDF page (pdfFooterTemplate in html.ts): title, print date, "Halaman X dari Y". */
  footerTemplate: string;
  /** The sheet as printed (A4 210 × 297, F4 215 × 330; landscape already turned), millimetres. */
  paperMm: { width: number; height: number };
}

export interface DocumentPrinter {
  /** The HTML page as a PDF on the given paper. */
  pdf(html: string, opts: PrintOptions): Promise<Buffer>;
  /** Opens the system print dialog for the page; absent where there is no dialog (CLI, browser bridge). */
  print?(html: string, opts: PrintOptions): Promise<void>;
  /** Frees what the printer holds (a browser); called by Runtime.close. */
  close?(): Promise<void>;
}
