import type { Database } from '../../database/connection';

/** What every handler gets besides its input: the database and who is asking. */
export interface ServiceContext {
  db: Database;
  /** The signed-in user's name as written in the audit trail. */
  user: string;
  /** Today's date (ISO), injectable so tests are deterministic. */
  today: () => string;
  appVersion: string;
  databasePath: string;
}
