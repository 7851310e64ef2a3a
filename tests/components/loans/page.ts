/** Opening one loan's page the way the app does: through the router, at /pinjaman/:id. */
import { flushPromises } from '@vue/test-utils';
import { h } from 'vue';
import { RouterView, createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router';
import { router as appRouter } from '@/router';
import LoanDetailPage from '@/features/loans/LoanDetailPage.vue';
import { mountWithApp, type MountExtras } from '../setup';

/** The app's own 'loan' route (path and props), rendering the page directly instead of lazily. */
function loanRoute(): RouteRecordRaw {
  const route = appRouter.options.routes.find((r) => r.name === 'loan');
  if (!route) throw new Error('the app has no route named "loan"');
  return { ...route, component: LoanDetailPage } as RouteRecordRaw;
}

/** Mounts the app's router view at /pinjaman/<id> and waits for the loan to load. */
export async function openLoanPage(id: number | string = 41, extras: Omit<MountExtras, 'router'> = {}): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/pinjaman', name: 'loans', component: { render: () => h('div', { 'data-testid': 'page-loans' }) } },
      // The page links to the loan's history in the audit trail (for those who may read it).
      { path: '/audit', name: 'audit', component: { render: () => h('div', { 'data-testid': 'page-audit' }) } },
      loanRoute(),
    ],
  });
  await router.push(`/pinjaman/${id}`);
  await router.isReady();
  mountWithApp(() => h(RouterView), {}, { ...extras, router });
  await flushPromises();
  return router;
}
