/**
 * The audit trail as people read it: what an entry changed, field by field (the audit screen
 * shows it compactly, the auditors' CSV spells it out), and its time in local time. Pure; shared
 * by the renderer and the main process.
 */

export interface FieldChange {
  /** The field's name as stored ('' when the record is not an object). */
  field: string;
  /** undefined: there was no record on that side (created, or deleted); null when only the field was missing. */
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields whose value differs between before and after, in the order of the record after
 * the change (then fields only the old record had). A record created lists its fields with a
 * value; one without after (deleted) lists what it had.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return same(before, after) ? [] : [{ field: '', before: hasBefore ? before : undefined, after: hasAfter ? after : undefined }];
  }
  const b = hasBefore ? (before as Record<string, unknown>) : undefined;
  const a = hasAfter ? (after as Record<string, unknown>) : undefined;
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const was = b ? (Object.hasOwn(b, key) ? b[key] : null) : undefined;
    const is = a ? (Object.hasOwn(a, key) ? a[key] : null) : undefined;
    // A new or removed record: only the fields that say something.
    if (!b && (is === null || is === undefined || is === '')) continue;
    if (!a && (was === null || was === undefined || was === '')) continue;
    if (b && a && same(was, is)) continue;
    changes.push({ field: key, before: was, after: is });
  }
  return changes;
}

/** A value as one short line: '—' for nothing, text as is, objects as compact JSON, cut at `max` characters. */
export function formatAuditValue(value: unknown, max = 60): string {
  let text: string;
  if (value === null || value === undefined || value === '') text = '—';
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** 'nama: Budi → Budi Santoso; telepon: — → 0812…': the first `limit` changes, then how many more. */
export function summarizeChanges(changes: FieldChange[], opts: { limit?: number; max?: number; more?: (n: number) => string } = {}): string {
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const shown = changes.slice(0, limit).map((c) => {
    const value = c.before === undefined ? formatAuditValue(c.after, opts.max) : `${formatAuditValue(c.before, opts.max)} → ${formatAuditValue(c.after, opts.max)}`;
    return c.field ? `${c.field}: ${value}` : value;
  });
  const rest = changes.length - shown.length;
  if (rest > 0) shown.push(opts.more ? opts.more(rest) : `+${rest} lainnya`);
  return shown.join('; ');
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An entry's instant (ISO, UTC) in the PC's local time as tables write it: '27/10/2025 14:05',
 * with seconds on request ('27/10/2025 14:05:03').
 */
export function formatAuditTime(iso: string, opts: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${two(d.getHours())}:${two(d.getMinutes())}${opts.seconds ? `:${two(d.getSeconds())}` : ''}`;
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${time}`;
}

/** A local calendar day ('2025-10-27') as the ISO instant it starts at; `dayAfter` for the next day's start. */
export function localDayStart(isoDate: string, dayAfter = false): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + (dayAfter ? 1 : 0)).toISOString();
}
