import { createRouter, createWebHashHistory } from 'vue-router';

// Hash history: the built app is loaded from file:// inside Electron.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: () => import('./features/home/HomePage.vue') },
    { path: '/bank', name: 'banks', component: () => import('./features/banks/BanksPage.vue') },
    { path: '/penjamin', name: 'insurers', component: () => import('./features/insurers/InsurersPage.vue') },
    { path: '/debitur', name: 'debtors', component: () => import('./features/debtors/DebtorsPage.vue') },
    { path: '/pinjaman', name: 'loans', component: () => import('./features/loans/LoansPage.vue') },
    {
      path: '/pinjaman/:id(\\d+)',
      name: 'loan',
      component: () => import('./features/loans/LoanDetailPage.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/skema', name: 'schemes', component: () => import('./features/schemes/SchemesPage.vue') },
    { path: '/subsidi', name: 'subsidy', component: () => import('./features/subsidy/SubsidyPage.vue') },
    { path: '/anggaran', name: 'budget', component: () => import('./features/budget/BudgetPage.vue') },
    { path: '/referensi', name: 'reference', component: () => import('./features/reference/ReferencePage.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
