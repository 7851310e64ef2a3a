const two = (n: number) => String(n).padStart(2, '0');

/** 'audit-20251027-1405.csv': the export's file name, from the local date and time it was made. */
export function auditFileName(now: Date = new Date()): string {
  return `audit-${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-${two(now.getHours())}${two(now.getMinutes())}.csv`;
}

/** The download itself is shared with the documents (renderer/src/download.ts). */
export { downloadText } from '@/download';
