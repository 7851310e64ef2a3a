/**
 * The one typed contract between the renderer and the main process.
 *
 * Each channel names its input schema (validated in main, with zod, before any service
 * runs) and its output type. The renderer imports it for types (and a few constant lists);
 * the main process and the HTTP bridge use the schemas to validate. The channels are
 * grouped per feature in this folder; a channel without a handler is a compile error in
 * electron/services/index.ts.
 */
import type { z } from 'zod';
import { masterDataContract } from './master-data';
import { budgetContract, schemesContract } from './schemes';
import { loansContract } from './loans';
import { subsidyContract } from './subsidy';
import { premiumsContract } from './premiums';
import { authContract } from './auth';
import { closingContract } from './closing';
import { dataSafetyContract } from './data-safety';
import { auditContract } from './audit';
import { claimsContract } from './claims';
import { documentsContract } from './documents';
import { settingsContract } from './settings';
import { dashboardContract } from './dashboard';
import { importsContract } from './imports';
import { decreesContract } from './decrees';
import { attachmentsContract } from './attachments';
import { monitoringContract } from './monitoring';
import { jobsContract } from './jobs';

export * from './common';
export * from './master-data';
export * from './schemes';
export * from './loans';
export * from './subsidy';
export * from './premiums';
export * from './auth';
export * from './closing';
export * from './access';
export * from './data-safety';
export * from './audit';
export * from './claims';
export * from './claim-lines';
export * from './documents';
export * from './report-params';
export * from './settings';
export * from './dashboard';
export * from './imports';
export * from './decrees';
export * from './office';
export * from './attachments';
export * from './monitoring';
export * from './jobs';

export const contract = {
  ...masterDataContract,
  ...schemesContract,
  ...budgetContract,
  ...loansContract,
  ...subsidyContract,
  ...premiumsContract,
  ...authContract,
  ...closingContract,
  ...dataSafetyContract,
  ...auditContract,
  ...claimsContract,
  ...documentsContract,
  ...settingsContract,
  ...dashboardContract,
  ...importsContract,
  ...decreesContract,
  ...attachmentsContract,
  ...monitoringContract,
  ...jobsContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What the caller passes (defaults may be left out). */
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
/** What the handler receives, after validation and defaults. */
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

export const CHANNELS = Object.keys(contract) as Channel[];
