import { describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { jsonChunks, textOfChunks, textOfChunksNow } from '../../../electron/services/jobs/result-bytes';
import { Job } from '../../../electron/services/jobs/runner';

/** A run-like result: a header and a long list of lines, with what JSON leaves out or turns into null. */
function runLike(n: number) {
  return {
    bankId: 3,
    bankNama: 'Bank Pembangunan Daerah Sumatera Selatan dan Bangka Belitung',
    tidakAda: undefined,
    fungsi: () => 1,
    dibuat: new Date(Date.UTC(2026, 9, 27)),
    lines: Array.from({ length: n }, (_, i) => ({
      nomorRekening: `00${i}`,
      nama: i % 7 === 0 ? 'Ñyoman Śuryani 😀 "kutip" \\ garis\n' : `Debitur ${i}`,
      layak: i % 3 !== 0,
      alasan: i % 3 === 0 ? 'kol_melebihi_batas' : null,
      rincian: i % 3 === 0 ? undefined : { jumlah: i * 1000, teks: '12345.678901234567890123456789012345678901', segmen: [{ dari: '2026-09-01', hari: 30 }] },
      nilai: [i, -0, Number.NaN, undefined, () => 0],
    })),
    total: 123_456_789,
    kosong: [],
    bersarang: { a: [1, { b: undefined, c: 'd' }], e: undefined, f: new Date(0) },
  };
}

describe('a job result crossing from its worker as UTF-8 chunks', () => {
  it("gives JSON.stringify's text exactly, over many chunks (multi-byte characters at chunk edges)", async () => {
    for (const value of [runLike(5_000), runLike(0)]) {
      // Small chunks: thousands of them, so pieces with 2–4 byte characters fall at every edge.
      const chunks = jsonChunks(value, 1_000);
      if (value.lines.length > 0) expect(chunks.length).toBeGreaterThan(100);
      expect(textOfChunksNow(chunks)).toBe(JSON.stringify(value));
      expect(await textOfChunks(chunks)).toBe(JSON.stringify(value));
    }
  });

  it('says what JSON.stringify says of anything else, and null for no output', () => {
    const values: unknown[] = [
      null,
      0,
      -12.5,
      'teks "ini"',
      true,
      [],
      {},
      [undefined, () => 1, 'x'],
      new Date(0),
      { toJSON: () => ({ jadi: 1 }) },
      [[1, [2, [3]]]],
      Object.create(null),
    ];
    for (const v of values) expect(textOfChunksNow(jsonChunks(v, 4))).toBe(JSON.stringify(v));
    expect(textOfChunksNow(jsonChunks(undefined))).toBe('null');
    expect(textOfChunksNow(jsonChunks(() => 1))).toBe('null');
  });

  it('keeps each chunk near its size and each chunk its own buffer (so it can be moved, not copied)', () => {
    const chunks = jsonChunks(runLike(20_000), 64 * 1024);
    const text = JSON.stringify(runLike(20_000));
    expect(chunks.reduce((n, c) => n + c.byteLength, 0)).toBe(Buffer.byteLength(text));
    for (const c of chunks.slice(0, -1)) expect(c.byteLength).toBeLessThan(3 * 64 * 1024 + 4096);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    for (const c of chunks) expect(c.byteOffset === 0 && c.byteLength === c.buffer.byteLength).toBe(true);
  });
});

describe("a finished job's status", () => {
  const caller = { userId: 1, username: 'budi', role: 'operator', bankId: null, token: null } as const;
  const finished = () => {
    // No worker runs here: the job is given the worker's output as the runner gives it.
    const job = new Job('subsidy.run', caller, {} as Worker, new Int32Array(new SharedArrayBuffer(8)));
    job.receive(jsonChunks(runLike(3_000), 1_000));
    job.end('selesai', 'Selesai');
    return job;
  };

  it('carries the output as JSON text wherever it goes: read, as JSON (the HTTP bridge), cloned (Electron IPC)', async () => {
    const text = JSON.stringify(runLike(3_000));
    const end = await finished().done;
    expect(end.hasilJson).toBe(text);
    expect(JSON.parse(JSON.stringify(finished().snapshot())).hasilJson).toBe(text);
    expect(structuredClone(finished().snapshot()).hasilJson).toBe(text);
    const job = finished();
    expect(await job.resultText()).toBe(text);
    expect(job.snapshot().hasilJson).toBe(text);
    expect(await job.result()).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it('has no output while running or when failed', () => {
    const job = new Job('subsidy.run', caller, {} as Worker, new Int32Array(new SharedArrayBuffer(8)));
    expect(job.snapshot().hasilJson).toBeNull();
    job.galat = { code: 'NOT_FOUND', message: 'Bank tidak ditemukan' };
    job.end('gagal', 'Gagal');
    expect(job.snapshot()).toMatchObject({ status: 'gagal', hasilJson: null });
  });
});
