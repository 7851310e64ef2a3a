/**
 * Each job channel's handler and input schema, loaded when a job asks for it: a job's worker
 * calls one channel, so it loads that feature's services and contract only, not every service
 * and every channel's zod schemas (services/index.ts and contract/index.ts: ~0.4 s of CPU at
 * each worker start; docs/performance-history.md, "Fourth round: worker starts"). The schema is the
 * contract's own object (its feature's part of `contract`), the handler the feature's own.
 * A job channel without its entry here is a compile error.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require, not import(): the app's build is
   CommonJS, and a bundle keeps a required module lazy too. */
import type { z } from 'zod';
import type { JobChannel } from '../../contract';
import type { ServiceContext } from '../context';
import type { Handlers } from '../index';

export interface JobChannelModule<C extends JobChannel> {
  input: z.ZodType;
  handlers: (ctx: ServiceContext) => Pick<Handlers, C>;
}

export const JOB_CHANNEL_MODULES: { readonly [C in JobChannel]: () => JobChannelModule<C> } = {
  'subsidy.run': () => ({
    input: (require('../../contract/subsidy') as typeof import('../../contract/subsidy')).subsidyContract['subsidy.run'].input,
    handlers: (require('../subsidy/handlers') as typeof import('../subsidy/handlers')).subsidyHandlers,
  }),
  'budget.year': () => ({
    input: (require('../../contract/schemes') as typeof import('../../contract/schemes')).budgetContract['budget.year'].input,
    handlers: (require('../budget/handlers') as typeof import('../budget/handlers')).budgetHandlers,
  }),
  'claims.reconcile': () => ({
    input: (require('../../contract/claims') as typeof import('../../contract/claims')).claimsContract['claims.reconcile'].input,
    handlers: (require('../claims/handlers') as typeof import('../claims/handlers')).claimHandlers,
  }),
  'documents.render': () => ({
    input: (require('../../contract/documents') as typeof import('../../contract/documents')).documentsContract['documents.render'].input,
    handlers: (require('../documents/handlers') as typeof import('../documents/handlers')).documentHandlers,
  }),
  'documents.print': () => ({
    input: (require('../../contract/documents') as typeof import('../../contract/documents')).documentsContract['documents.print'].input,
    handlers: (require('../documents/handlers') as typeof import('../documents/handlers')).documentHandlers,
  }),
  'backup.create': () => ({
    input: (require('../../contract/data-safety') as typeof import('../../contract/data-safety')).dataSafetyContract['backup.create'].input,
    handlers: (require('../backup/handlers') as typeof import('../backup/handlers')).backupHandlers,
  }),
  'imports.commit': () => ({
    input: (require('../../contract/imports') as typeof import('../../contract/imports')).importsContract['imports.commit'].input,
    handlers: (require('../imports/handlers') as typeof import('../imports/handlers')).importHandlers,
  }),
};

/** The job's channel ready to call on `ctx` (its modules loaded now): input in, typed Result out, as dispatch gives it. */
export function jobChannelCall(ctx: ServiceContext, channel: JobChannel): (rawInput: unknown) => ReturnType<typeof import('../call').callChannel> {
  const { callChannel } = require('../call') as typeof import('../call');
  const mod = JOB_CHANNEL_MODULES[channel]() as JobChannelModule<JobChannel>;
  const handler = mod.handlers(ctx)[channel] as (input: unknown) => Promise<unknown>;
  return (rawInput) => callChannel(channel, mod.input, handler, rawInput);
}
