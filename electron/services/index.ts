import type { Channel, OutputOf, ParsedInputOf } from '../contract';
import type { ServiceContext } from './context';
import { appHandlers } from './app/handlers';
import { bankHandlers } from './banks/handlers';
import { debtorHandlers } from './debtors/handlers';
import { insurerHandlers } from './insurers/handlers';
import { referenceHandlers } from './reference/handlers';
import { schemeHandlers } from './schemes/handlers';
import { loanHandlers } from './loans/handlers';
import { subsidyHandlers } from './subsidy/handlers';
import { budgetHandlers } from './budget/handlers';
import { premiumHandlers } from './premiums/handlers';
import { authHandlers } from './auth/handlers';
import { closingHandlers } from './closing/handlers';
import { backupHandlers } from './backup/handlers';
import { auditHandlers } from './audit/handlers';
import { claimHandlers } from './claims/handlers';
import { documentHandlers } from './documents/handlers';
import { settingsHandlers } from './settings/handlers';
import { dashboardHandlers } from './dashboard/handlers';
import { importHandlers } from './imports/handlers';
import { decreeHandlers } from './decrees/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { monitoringHandlers } from './monitoring/handlers';
import { jobHandlers } from './jobs/handlers';

/** One handler per channel of the contract; a missing one is a compile error below. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> };

/** The handlers a feature provides: a slice of the whole map, keyed by its channels. */
export type HandlersFor<Prefix extends string> = Pick<Handlers, Extract<Channel, `${Prefix}.${string}`>>;

export function createHandlers(ctx: ServiceContext): Handlers {
  return {
    ...appHandlers(ctx),
    ...bankHandlers(ctx),
    ...insurerHandlers(ctx),
    ...debtorHandlers(ctx),
    ...referenceHandlers(ctx),
    ...schemeHandlers(ctx),
    ...loanHandlers(ctx),
    ...subsidyHandlers(ctx),
    ...budgetHandlers(ctx),
    ...premiumHandlers(ctx),
    ...authHandlers(ctx),
    ...closingHandlers(ctx),
    ...backupHandlers(ctx),
    ...auditHandlers(ctx),
    ...claimHandlers(ctx),
    ...documentHandlers(ctx),
    ...settingsHandlers(ctx),
    ...dashboardHandlers(ctx),
    ...importHandlers(ctx),
    ...decreeHandlers(ctx),
    ...attachmentHandlers(ctx),
    ...monitoringHandlers(ctx),
    ...jobHandlers(ctx),
  };
}

export type { ServiceContext };
