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
    { path: '/sk-penerima', name: 'decrees', component: () => import('./features/decrees/DecreesPage.vue') },
    {
      path: '/sk-penerima/:id(\\d+)',
      name: 'decree',
      component: () => import('./features/decrees/DecreeDetailPage.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/subsidi', name: 'subsidy', component: () => import('./features/subsidy/SubsidyPage.vue') },
    { path: '/impor', name: 'imports', component: () => import('./features/imports/ImportPage.vue') },
    { path: '/tagihan', name: 'claims', component: () => import('./features/claims/ClaimsPage.vue') },
    {
      path: '/tagihan/:id(\\d+)',
      name: 'claim',
      component: () => import('./features/claims/ClaimDetailPage.vue'),
      props: (route) => ({ id: Number(route.params.id) }),
    },
    { path: '/premi', name: 'premiums', component: () => import('./features/premiums/PremiumsPage.vue') },
    { path: '/anggaran', name: 'budget', component: () => import('./features/budget/BudgetPage.vue') },
    { path: '/tutup-buku', name: 'closing', component: () => import('./features/closing/ClosingPage.vue') },
    { path: '/referensi', name: 'reference', component: () => import('./features/reference/ReferencePage.vue') },
    { path: '/pengguna', name: 'users', component: () => import('./features/users/UsersPage.vue') },
    { path: '/cadangan', name: 'backup', component: () => import('./features/backup/BackupPage.vue') },
    { path: '/monitoring', name: 'monitoring', component: () => import('./features/monitoring/MonitoringPage.vue') },
    { path: '/laporan', name: 'reports', component: () => import('./features/reports/ReportsPage.vue') },
    { path: '/pengaturan', name: 'documentSettings', component: () => import('./features/settings/DocumentSettingsPage.vue') },
    { path: '/persiapan', name: 'setup', component: () => import('./features/setup/SetupPage.vue') },
    {
      path: '/audit',
      name: 'audit',
      component: () => import('./features/audit/AuditPage.vue'),
      // /audit?entitas=pinjaman&entitasId=12 opens one record's history.
      props: (route) => ({
        entitas: typeof route.query.entitas === 'string' ? route.query.entitas : undefined,
        entitasId: Number(route.query.entitasId) > 0 ? Number(route.query.entitasId) : undefined,
      }),
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});
