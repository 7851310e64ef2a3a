/**
 * The repository seam (docs/decisions/0002-postgresql-past-one-office.md): database/repositories/index.ts
 * lists every repository module, so the list a second engine implements is complete. The type of
 * each module's exports is checked in index.ts itself (the type check fails on a violation).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositories } from '../../database/repositories/index';

const dir = path.resolve(__dirname, '../../database/repositories');

describe('the repository seam', () => {
  it('lists every repository module once (sql.ts is the SQLite helpers, index.ts the list)', () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'sql.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(Object.keys(repositories).sort()).toEqual(files);
  });

  it('lists modules that export functions of the connection', () => {
    for (const [name, mod] of Object.entries(repositories)) {
      const fns = Object.values(mod).filter((v) => typeof v === 'function');
      expect(fns.length, name).toBeGreaterThan(0);
    }
  });
});
