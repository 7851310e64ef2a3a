/**
 * The layers of docs/decisions/0001-layers-and-shared-kernel.md are kept by lint: each case lints a
 * small snippet as if it were a file at that path, with the project's real eslint.config.mjs, and
 * expects the rule that keeps that layer to fire (or, for the allowed directions, nothing).
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
});

/** The rules that fire on `code` placed at `file` (relative to the repository root). */
async function rulesFired(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const IMPORTS = 'no-restricted-imports';
const SQL = 'no-restricted-syntax';

describe('wrong-way imports fail lint', () => {
  it.each([
    ['renderer/src/features/loans/x.ts', "import { loanHandlers } from '../../../../electron/services/loans/handlers';\nvoid loanHandlers;"],
    ['renderer/src/features/loans/x.ts', "import { openDatabase } from '../../../../database/connection';\nvoid openDatabase;"],
    ['renderer/src/features/loans/x.ts', "import type { Database } from 'better-sqlite3';\nexport type D = Database;"],
    [
      'renderer/src/features/loans/LoanList.vue',
      '<script setup lang="ts">\nimport { listLoans } from \'../../../../database/repositories/loans\';\nvoid listLoans;\n</script>\n<template><div /></template>\n',
    ],
    ['database/repositories/x.ts', "import { ServiceError } from '../../electron/services/errors';\nvoid ServiceError;"],
    ['database/repositories/x.ts', "import { startBridge } from '../../electron/bridge/http';\nvoid startBridge;"],
    ['electron/contract/x.ts', "import { ServiceError } from '../services/errors';\nvoid ServiceError;"],
    ['electron/contract/x.ts', "import { openDatabase } from '../../database/connection';\nvoid openDatabase;"],
    ['electron/domain/x.ts', "import type { Loan } from '../contract';\nexport type L = Loan;"],
    ['electron/domain/x.ts', "import fs from 'node:fs';\nvoid fs;"],
    ['electron/domain/x.ts', "import { z } from 'zod';\nvoid z;"],
    ['electron/domain/loan/x.ts', "import type { Loan } from '../../contract';\nexport type L = Loan;"],
    ['electron/services/loans/x.ts', "import { app } from 'electron';\nvoid app;"],
    ['electron/services/loans/x.ts', "import type { Database } from 'better-sqlite3';\nexport type D = Database;"],
    ['electron/services/loans/x.ts', "import { cachedStatement } from '../../../database/repositories/sql';\nvoid cachedStatement;"],
  ])('%s: %s', async (file, code) => {
    expect(await rulesFired(file, code)).toEqual([IMPORTS]);
  });
});

describe('SQL outside the repositories fails lint', () => {
  it.each([
    "export const f = (db: { prepare(s: string): unknown }) => db.prepare('SELECT 1');",
    "export const f = (ctx: { db: { exec(s: string): void } }) => ctx.db.exec('DELETE FROM pinjaman');",
    'export const f = (conn: { exec(s: string): void }, t: string) => conn.exec(`DELETE FROM ${t}`);',
    "export const f = (db: { pragma(s: string): unknown }) => db.pragma('foreign_keys = OFF');",
  ])('%s', async (code) => {
    expect(await rulesFired('electron/services/loans/x.ts', code)).toEqual([SQL]);
  });
});

describe('the allowed directions pass', () => {
  it.each([
    [
      'renderer/src/features/loans/x.ts',
      "import type { Loan } from '@contract';\nimport { formatRupiah } from '@domain/format';\nexport const f = (l: Loan) => formatRupiah(l.plafon);",
    ],
    [
      'database/repositories/x.ts',
      "import type { Loan } from '../../electron/contract';\nimport type { Database } from 'better-sqlite3';\nexport const f = (db: Database): Loan[] => db.prepare<[], Loan>('SELECT 1').all();",
    ],
    ['electron/contract/x.ts', "import { z } from 'zod';\nimport { isIsoDate } from '../domain/loan/dates';\nexport const d = z.string().refine(isIsoDate);"],
    ['electron/domain/x.ts', "import Decimal from 'decimal.js';\nimport { formatRupiah } from './format';\nexport const f = () => formatRupiah(new Decimal(1).toNumber());"],
    [
      'electron/domain/loan/x.ts',
      "import { formatRupiah } from '../format';\nimport { addPeriods } from './dates';\nexport const f = () => formatRupiah(Number(addPeriods('2025-01', 1).length));",
    ],
    // A service opens a transaction and calls repositories; RegExp#exec is not SQL.
    [
      'electron/services/loans/x.ts',
      "import type { Database } from '../../../database/connection';\nimport { getLoan } from '../../../database/repositories/loans';\nexport const f = (db: Database, name: string) => db.transaction(() => [getLoan(db, 1), /^(\\d+)$/.exec(name)])();",
    ],
    ['electron/services/imports/x.ts', "export const ext = (name: string) => /\\.([a-z]+)$/.exec(name)?.[1] ?? /^(\\d+)$/.exec('12')?.[1];"],
    // The demo seeder writes the demo set with its own SQL.
    ['electron/services/demo/x.ts', "import type { Database } from 'better-sqlite3';\nexport const f = (db: Database) => db.prepare('SELECT 1').get();"],
  ])('%s', async (file, code) => {
    expect(await rulesFired(file, code)).toEqual([]);
  });
});
