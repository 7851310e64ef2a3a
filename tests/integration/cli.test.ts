import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-cli-'));
const db = path.join(dir, 'cli.sqlite');

function cli(...args: string[]) {
  const r = spawnSync(TSX, [path.join(ROOT, 'electron', 'cli.ts'), ...args], { encoding: 'utf8', cwd: dir });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('command-line interface', () => {
  it('prints a schedule from parameters alone, as JSON', () => {
    const out = cli('schedule', '--plafon', '12000000', '--tenor', '12', '--bunga', '11', '--bunga-debitur', '3', '--cair', '2025-01-15', '--json');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout) as { ok: true; value: { rows: { pokok: number; bungaSubsidi: number }[]; totalPokok: number; totalBunga: number } };
    expect(result.value.rows).toHaveLength(12);
    expect(result.value.totalPokok).toBe(12_000_000);
    // Sliding interest 11 %/12 on 12, 11, …, 1 juta: 110.000 × (12+11+…+1)/12 = 110.000 × 6,5 = 715.000
    expect(result.value.totalBunga).toBe(715_000);
    expect(fs.existsSync(path.join(dir, 'gerbang-serasan.sqlite'))).toBe(false);
  });

  it('refuses bad parameters with an Indonesian message and a non-zero exit', () => {
    const out = cli('schedule', '--plafon', '-5', '--tenor', '12', '--bunga', '11');
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Gagal');
  });

  it('seeds demo data with a chosen number of loans, then runs a month for a bank', () => {
    const seeded = cli('seed-demo', '--loans', '40', '--months', '12', '--db', db, '--json');
    expect(seeded.status).toBe(0);
    expect(JSON.parse(seeded.stdout).value).toMatchObject({ bank: 3, debitur: 300, pinjaman: 40 });
    const run = cli('subsidy-run', '--bank', 'BRI', '--period', execFileSync('date', ['+%Y-%m'], { encoding: 'utf8' }).trim(), '--db', db, '--json');
    expect(run.status).toBe(0);
    const value = JSON.parse(run.stdout).value as { bankNama: string; total: number; lines: { layak: boolean; rincian: { jumlah: number } | null }[] };
    expect(value.bankNama).toBe('Bank Rakyat Indonesia');
    expect(value.total).toBe(value.lines.reduce((s, l) => s + (l.rincian?.jumlah ?? 0), 0));
    const again = cli('seed-demo', '--db', db);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('masih kosong');
  });

  it('names an unknown bank', () => {
    const out = cli('subsidy-run', '--bank', 'XYZ', '--period', '2025-01', '--db', db);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('XYZ');
  });
});
