const two = (n: number) => String(n).padStart(2, '0');

/** 'audit-20251027-1405.csv': the export's file name, from the local date and time it was made. */
export function auditFileName(now: Date = new Date()): string {
  return `audit-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}.csv`;
}

/**
 * Offers text as a file download (a Blob behind a link with a download attribute), the same in
 * Electron and in a browser. The byte-order mark makes spreadsheet programs read it as UTF-8.
 */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
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
