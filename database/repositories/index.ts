/**
 * The repository seam (docs/decisions/0002-postgresql-past-one-office.md): every module through
 * which the services reach the database, listed once. Services import the modules themselves;
 * this list is what a second engine implements module for module, and what the checks below and
 * tests/unit/repository-seam.test.ts hold to the seam's shape.
 *
 * sql.ts is not on the list: it is the SQLite implementation's own helper (statement cache, LIKE
 * and GLOB patterns), private to the repositories (lint keeps it from the services).
 */
import type { Database } from '../connection';
import * as attachments from './attachments';
import * as audit from './audit';
import * as auditExtract from './audit-extract';
import * as banks from './banks';
import * as budget from './budget';
import * as claims from './claims';
import * as closing from './closing';
import * as corrections from './corrections';
import * as dashboard from './dashboard';
import * as debtors from './debtors';
import * as decrees from './decrees';
import * as imports from './imports';
import * as importStaging from './import-staging';
import * as insurers from './insurers';
import * as loanHistory from './loan-history';
import * as loans from './loans';
import * as monitoring from './monitoring';
import * as monthlySummary from './monthly-summary';
import * as payments from './payments';
import * as premiums from './premiums';
import * as reference from './reference';
import * as registers from './registers';
import * as schemes from './schemes';
import * as scoping from './scoping';
import * as settings from './settings';
import * as users from './users';
import * as versions from './versions';

/** The repository modules by file name. */
export const repositories = {
  attachments,
  audit,
  'audit-extract': auditExtract,
  banks,
  budget,
  claims,
  closing,
  corrections,
  dashboard,
  debtors,
  decrees,
  imports,
  'import-staging': importStaging,
  insurers,
  'loan-history': loanHistory,
  loans,
  monitoring,
  'monthly-summary': monthlySummary,
  payments,
  premiums,
  reference,
  registers,
  schemes,
  scoping,
  settings,
  users,
  versions,
} as const;

/** What the services see of one engine: the functions of every repository module. */
export type Repositories = typeof repositories;

/** A repository function: the connection first, then its own arguments. */
type RepositoryFunction = (db: Database, ...args: never[]) => unknown;

/** The exports of a module that are not repository functions (a constant, a mapper of rows), by name. */
type OffTheSeam<M> = { [K in keyof M]: M[K] extends RepositoryFunction ? never : K }[keyof M];
type Offenders = { [N in keyof Repositories]: OffTheSeam<Repositories[N]> extends never ? never : `${N}.${OffTheSeam<Repositories[N]> & string}` }[keyof Repositories];

/**
 * Exports that do not take the connection, declared so that each is a choice: pure helpers an
 * engine's implementation re-exports as they are. (payments.isPersonMonthRefusal takes an error,
 * not the connection, and passes the check; it reads the engine's error, so each engine writes its own.)
 */
type EngineNeutral =
  // The audit chain's hash (the same bytes whatever stores them) and its row mapper.
  | 'audit.GENESIS'
  | 'audit.HASH_FORMAT'
  | 'audit.canonicalAudit'
  | 'audit.auditHash'
  | 'audit.toAuditRow'
  // Mappers from a stored row to the contract's shape.
  | 'claims.toClaimLine'
  | 'claims.toClaimLineOnly'
  | 'users.publicUser'
  // Which tables carry a record version (migration record_versions).
  | 'versions.VERSIONED_TABLES';

/**
 * Type-level checks, failing the type check with the module.export named in the error:
 * every other export of a repository module takes the connection first (so another engine's
 * module is the same signatures over its own connection), and the declared exceptions are current.
 */
export const offTheSeamUndeclared: Record<Exclude<Offenders, EngineNeutral>, never> = {};
export const declaredButGone: Record<Exclude<EngineNeutral, Offenders>, never> = {};
