/**
 * Offers data as a file download (a Blob behind a link with a download attribute), the same in
 * Electron and in a browser: CSV exports, and the documents' PDF/XLSX/CSV.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The download has started from the URL; release it once the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}

/** Text as a file; the byte-order mark makes spreadsheet programs read it as UTF-8. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob(['\ufeff', text], { type }), fileName);
}

/** A file the main process sent as base64 (PDF, XLSX). */
export function downloadBase64(base64: string, fileName: string, type: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  downloadBlob(new Blob([bytes], { type }), fileName);
}
