import { describe, expect, it } from 'vitest';
import { changedFields, formatAuditTime, formatAuditValue, localDayStart, summarizeChanges } from '../../../electron/domain/audit';

describe('changedFields', () => {
  it('lists only the fields that differ, in the order of the record after the change', () => {
    const before = { kode: 'BSB', nama: 'Bank Sumsel', cabang: [{ kode: 'ME' }], aktif: true };
    const after = { kode: 'BSB', aktif: false, nama: 'Bank Sumsel Babel', cabang: [{ kode: 'ME' }] };
    expect(changedFields(before, after)).toEqual([
      { field: 'aktif', before: true, after: false },
      { field: 'nama', before: 'Bank Sumsel', after: 'Bank Sumsel Babel' },
    ]);
  });

  it('compares nested values by content', () => {
    expect(changedFields({ cabang: [{ kode: 'ME' }] }, { cabang: [{ kode: 'ME' }, { kode: 'TE' }] })).toEqual([
      { field: 'cabang', before: [{ kode: 'ME' }], after: [{ kode: 'ME' }, { kode: 'TE' }] },
    ]);
  });

  it('shows a field added or removed as going from or to nothing', () => {
    expect(changedFields({ nama: 'A', lama: 1 }, { nama: 'A', alasan: 'koreksi' })).toEqual([
      { field: 'alasan', before: null, after: 'koreksi' },
      { field: 'lama', before: 1, after: null },
    ]);
  });

  it('lists a created record’s fields that have a value, and a removed record’s', () => {
    expect(changedFields(null, { nama: 'Siti', telepon: null, alamat: '' })).toEqual([{ field: 'nama', before: undefined, after: 'Siti' }]);
    expect(changedFields({ nama: 'Siti', telepon: null }, null)).toEqual([{ field: 'nama', before: 'Siti', after: undefined }]);
    expect(changedFields(null, null)).toEqual([]);
  });

  it('treats values that are not records as one whole value', () => {
    expect(changedFields(null, 5)).toEqual([{ field: '', before: undefined, after: 5 }]);
    expect(changedFields('a', 'a')).toEqual([]);
    expect(changedFields([1], [2])).toEqual([{ field: '', before: [1], after: [2] }]);
  });
});

describe('formatAuditValue and summarizeChanges', () => {
  it('writes values on one short line', () => {
    expect(formatAuditValue(null)).toBe('—');
    expect(formatAuditValue('')).toBe('—');
    expect(formatAuditValue(12.5)).toBe('12.5');
    expect(formatAuditValue(false)).toBe('false');
    expect(formatAuditValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatAuditValue('x'.repeat(10), 5)).toBe('xxxx…');
  });

  it('summarizes the first changes and counts the rest', () => {
    const changes = changedFields({ a: 1, b: 'x', c: null, d: 1 }, { a: 2, b: 'y', c: 'z', d: 2 });
    expect(summarizeChanges(changes)).toBe('a: 1 → 2; b: x → y; c: — → z; d: 1 → 2');
    expect(summarizeChanges(changes, { limit: 2 })).toBe('a: 1 → 2; b: x → y; +2 lainnya');
    expect(summarizeChanges(changes, { limit: 3, more: (n) => `+${n} more` })).toBe('a: 1 → 2; b: x → y; c: — → z; +1 more');
    expect(summarizeChanges(changedFields(null, { nama: 'Siti' }))).toBe('nama: Siti');
    expect(summarizeChanges([])).toBe('');
  });
});

describe('local time', () => {
  it('writes an instant in the PC’s local time as tables do', () => {
    const iso = new Date(2025, 9, 27, 14, 5, 3).toISOString();
    expect(formatAuditTime(iso)).toBe('27/10/2025 14:05');
    expect(formatAuditTime(iso, { seconds: true })).toBe('27/10/2025 14:05:03');
    expect(formatAuditTime('bukan waktu')).toBe('bukan waktu');
  });

  it('turns a local calendar day into the instants it starts and ends at', () => {
    expect(localDayStart('2025-10-27')).toBe(new Date(2025, 9, 27).toISOString());
    expect(localDayStart('2025-12-31', true)).toBe(new Date(2026, 0, 1).toISOString());
  });
});
