import { openDatabase, type Database } from '../database/connection';
import { todayIso } from './domain/format';
import { createHandlers, type Handlers } from './services/index';
import packageJson from '../package.json';

export interface Runtime {
  db: Database;
  handlers: Handlers;
  close: () => void;
}

/**
 * Opens the database and wires the services: the one way the shell, the CLI, the HTTP
 * bridge and the tests get a working backend.
 */
export function createRuntime(opts: { databasePath: string; user?: string; today?: () => string }): Runtime {
  const db = openDatabase(opts.databasePath);
  const handlers = createHandlers({
    db,
    user: opts.user ?? 'operator',
    today: opts.today ?? (() => todayIso()),
    appVersion: packageJson.version,
    databasePath: opts.databasePath,
  });
  return { db, handlers, close: () => db.close() };
}
