import type { DashboardSummary } from '../../contract';
import { dataVersion } from '../../../database/data-version';
import { callerBank } from '../auth/bank-scope';
import type { ServiceContext } from '../context';
import type { HandlersFor } from '../index';
import { dashboardSummary } from './summary';

/**
 * The home screen's figures. At a province's scale (100,000 loans, 36 months of positions) the
 * sums take a noticeable fraction of a second, and the home screen is opened often: the last
 * answers are kept until the data changes (database/data-version.ts, read fresh on every call)
 * or the day does.
 */
export function dashboardHandlers(ctx: ServiceContext): HandlersFor<'dashboard'> {
  const { db } = ctx;
  const cache = new Map<string, DashboardSummary>();
  let cacheVersion = '';

  return {
    'dashboard.summary': async ({ tahun }) => {
      const bankId = callerBank(ctx);
      const version = `${dataVersion(db)}/${ctx.today()}`;
      if (version !== cacheVersion) {
        cache.clear();
        cacheVersion = version;
      }
      const key = `${bankId ?? '*'}|${tahun ?? ''}`;
      let summary = cache.get(key);
      if (!summary) {
        summary = db.transaction(() => dashboardSummary(db, { today: ctx.today(), tahun, bankId })).deferred();
        // A handful of banks × years: never many entries, but bound it all the same.
        if (cache.size >= 32) cache.clear();
        cache.set(key, summary);
      }
      return structuredClone(summary);
    },
  };
}
