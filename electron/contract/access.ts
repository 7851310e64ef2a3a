import type { Channel } from './index';
import { ROLES, type Role } from './auth';
import type { AttachmentOwnerKind } from './attachments';

/**
 * Who may call what: the one place the main process decides. The renderer hides buttons for
 * convenience only (with this same table: renderer/src/composables/useCan.ts); every call is
 * checked here first, by electron/services/auth/gate.ts.
 *
 *   admin        users, settings, reference data, partner banks, insurers, schemes, budget — and
 *                everything else, but four-eyes still applies to what they entered themselves
 *   operator     debtors, loans, bank positions, insurer invoices (imports and reconciliation later)
 *   verifikator  approves loans and records payments (SP2D); never what they entered themselves
 *   bank         a bank's liaison officer: only that bank's loans and subsidy run
 *   pemantau     reads (reports, lists, the trail); changes nothing
 *
 * 'public' needs no session; 'signedIn' any session. The table is keyed by every channel of the
 * contract, so a new channel does not compile until someone decides who may call it.
 */
export type Access = 'public' | 'signedIn' | readonly Role[];

const ADMIN = ['admin'] as const;
const ENTRY = ['admin', 'operator'] as const;
const APPROVE = ['admin', 'verifikator'] as const;
const STAFF = ['admin', 'operator', 'verifikator', 'pemantau'] as const;
const STAFF_AND_BANK = [...STAFF, 'bank'] as const;
/** The trail and other oversight: the admin, the verifier and the monitor. */
const OVERSIGHT = ['admin', 'verifikator', 'pemantau'] as const;

/** The role groups, for the rules outside this table that speak of them (who may print a document kind). */
export const ROLE_GROUPS = { ADMIN, ENTRY, APPROVE, STAFF, STAFF_AND_BANK, OVERSIGHT } as const;
/** Imports: entry staff and the bank's own liaison officer. */
const IMPORT = ['admin', 'operator', 'bank'] as const;
/** loans.transition is split by target in gate.ts: approval for APPROVE, the rest for ENTRY. */
const TRANSITION = ['admin', 'operator', 'verifikator'] as const;
/** Reconciling a bank claim (it writes the lines' results, the status and the trail): entry staff and the verifier. */
const RECONCILE = ['admin', 'operator', 'verifikator'] as const;

export const ACCESS: { readonly [C in Channel]: Access } = {
  'app.info': 'public',
  'app.loadDemo': ADMIN,
  'app.startEmpty': ADMIN,
  'app.finishSetup': ADMIN,

  'auth.login': 'public',
  'auth.logout': 'signedIn',
  'auth.session': 'signedIn',
  'auth.changePassword': 'signedIn',
  'users.list': ADMIN,
  'users.save': ADMIN,
  'users.setActive': ADMIN,
  'users.resetPassword': ADMIN,

  // Tutup buku: closed by those who approve payments; reopened only by an admin, with a reason.
  'closing.list': STAFF,
  'closing.pending': STAFF,
  'closing.close': APPROVE,
  'closing.reopen': ADMIN,

  'banks.list': STAFF_AND_BANK,
  'banks.get': STAFF_AND_BANK,
  'banks.save': ADMIN,
  'banks.setActive': ADMIN,
  'insurers.list': STAFF,
  'insurers.save': ADMIN,
  'insurers.setActive': ADMIN,
  'debtors.list': STAFF,
  'debtors.get': STAFF,
  'debtors.checkNik': ENTRY,
  'debtors.save': ENTRY,
  'debtors.setActive': ENTRY,
  'reference.list': STAFF,
  'reference.save': ADMIN,

  'schemes.list': STAFF,
  'schemes.get': STAFF,
  'schemes.save': ADMIN,
  'schemes.setActive': ADMIN,
  'budget.year': STAFF,
  'budget.save': ADMIN,

  'loans.previewSchedule': STAFF,
  'loans.list': STAFF_AND_BANK,
  'loans.get': STAFF_AND_BANK,
  'loans.check': ENTRY,
  'loans.save': ENTRY,
  'loans.transition': TRANSITION,
  'loans.restructure': ENTRY,
  'positions.save': ENTRY,

  'subsidy.run': STAFF_AND_BANK,
  'subsidy.recordPayment': APPROVE,
  'premiums.list': STAFF,
  'premiums.recordInvoice': ENTRY,
  'premiums.recordPayment': APPROVE,

  // Data safety. backup.health is public: the renderer asks it before sign-in, to show the
  // "database damaged" screen. While the database is damaged the runtime lets the recovery
  // channels (health, list, restore) through without a session: the users are in that file.
  'backup.health': 'public',
  'backup.list': ENTRY,
  'backup.create': ENTRY,
  'backup.restore': ADMIN,

  // The audit trail: read by those who answer for the money (admin, verifier) and by viewers/auditors.
  'audit.list': OVERSIGHT,
  'audit.facets': OVERSIGHT,
  'audit.verify': OVERSIGHT,
  'audit.export': OVERSIGHT,

  // Bank claims (tagihan): read by staff and by the bank's own liaison officer (the service keeps
  // them to their bank; reading changes nothing); reconciled — an explicit action, never on opening —
  // and decided by entry staff (the verifier may re-run the reconciliation); approved and paid by
  // the verifier, never by whoever created the claim.
  'claims.list': STAFF_AND_BANK,
  'claims.get': STAFF_AND_BANK,
  'claims.unclaimed': STAFF_AND_BANK,
  'claims.reconcile': RECONCILE,
  'claims.decide': ENTRY,
  'claims.decideBulk': ENTRY,
  'claims.approve': APPROVE,
  'claims.recordPayment': APPROVE,
  'claims.cancel': APPROVE,
  // Corrections after payment: read like claims (a bank's officer their own bank's); recorded by
  // staff who reconcile; the deposit back (STS) recorded by the verifier, never the recorder.
  // The offset on a later claim is chosen in claims.approve.
  'claims.corrections': STAFF_AND_BANK,
  'claims.recordCorrection': RECONCILE,
  'claims.settleCorrectionSts': APPROVE,

  // Printed documents: each kind says which roles may print it and, for a bank's liaison officer,
  // which bank it shows (electron/services/documents/registry.ts); the service checks both.
  'documents.kinds': STAFF_AND_BANK,
  'documents.render': STAFF_AND_BANK,
  'documents.print': STAFF_AND_BANK,
  // Letterhead and signers: every document carries them, so everybody signed in reads them.
  'settings.documents': 'signedIn',
  'settings.saveDocuments': ADMIN,

  // The home screen: everybody signed in; a bank's liaison officer gets their own bank's figures (the service narrows).
  'dashboard.summary': 'signedIn',

  // Importing bank and insurer files: entry staff, and a bank's liaison officer for their own
  // bank's position and claim files (the service keeps them to their bank; premium invoices are
  // the insurers', so staff only). Each job is seen and committed only by who started it.
  'imports.upload': IMPORT,
  'imports.inspect': IMPORT,
  'imports.preview': IMPORT,
  'imports.progress': IMPORT,
  'imports.problems': IMPORT,
  'imports.rows': IMPORT,
  'imports.commit': IMPORT,
  'imports.list': IMPORT,
  'imports.get': IMPORT,

  // The recipient decree (SK Bupati penerima): registered and kept by entry staff, read by staff.
  // A bank's liaison officer reads none of it (it names other banks' customers).
  'decrees.list': STAFF,
  'decrees.get': STAFF,
  'decrees.save': ENTRY,
  'decrees.rows': STAFF,
  'decrees.addRow': ENTRY,
  'decrees.removeRow': ENTRY,

  // Attachments (scans, photos) and the auditor's bundle. Read by staff, not by a bank's liaison
  // officer (a debtor's KTP and the regency's SP2D scans are the secretariat's papers). Attached and
  // removed by those who enter or verify the records they belong to (the verifier attaches the SP2D);
  // a removal is recorded, never a deletion. The bundle is for those who answer to the auditor.
  'attachments.list': STAFF,
  'attachments.content': STAFF,
  'attachments.upload': RECONCILE,
  'attachments.remove': RECONCILE,
  'attachments.bundle': ['admin', 'verifikator', 'pemantau'],
  // Monitoring and evaluation (docs/monitoring.md). Visits and profiles are recorded by entry staff
  // (the secretariat's field officers work as operators); everybody on the staff reads them. A
  // bank's liaison officer reads the visits of their own bank's loans only (the service narrows),
  // and neither the plans (they list every bank's debtors) nor the programme-wide evaluation.
  'monev.loan': STAFF_AND_BANK,
  'monev.saveProfile': ENTRY,
  'monev.list': STAFF_AND_BANK,
  'monev.save': ENTRY,
  'monev.followUpDone': ENTRY,
  'monev.overdue': STAFF_AND_BANK,
  'monev.plans': STAFF,
  'monev.createPlan': ENTRY,
  'monev.plan': STAFF,
  'monev.evaluation': STAFF,
  // Long jobs: the gate checks jobs.start against the access of the channel it runs (and keeps a
  // bank's officer to their bank as that channel would); status and cancel only for who started it.
  'jobs.start': 'signedIn',
  'jobs.status': 'signedIn',
  'jobs.cancel': 'signedIn',
};

/** Loan steps that are a decision on the application: a verifier's (or admin's) job. */
export const APPROVAL_STEPS: readonly string[] = ['disetujui', 'ditolak'];

/**
 * Who may take a loan to a status (loans.transition is split by target): approving or rejecting
 * an application is the verifier's decision, the other steps are entry work. gate.ts enforces
 * it; the renderer offers the step only to these roles.
 */
export function transitionRoles(target: string): readonly Role[] {
  return APPROVAL_STEPS.includes(target) ? APPROVE : ENTRY;
}

/**
 * Attaching to (or removing an attachment from) a record of these kinds also needs the right to
 * write that record. A visit's photos are part of recording the visit, so they are attached by
 * whoever records visits (monev.save: admin, operator) — not by the verifier, whom
 * attachments.upload otherwise lets attach (the SP2D scans). gate.ts lets the call in by
 * attachments.upload/remove; the attachments service then applies this narrowing.
 */
export const ATTACHMENT_OWNER_WRITE: Partial<Record<AttachmentOwnerKind, Channel>> = {
  kunjungan: 'monev.save',
};

/** Who may attach to / remove from a record of `kind`: attachments.upload's roles, narrowed by ATTACHMENT_OWNER_WRITE. */
export function attachmentWriteRoles(kind: AttachmentOwnerKind): readonly Role[] {
  const roles = (ch: Channel): readonly Role[] => {
    const access = ACCESS[ch];
    return access === 'public' || access === 'signedIn' ? ROLES : access;
  };
  const base = roles('attachments.upload');
  const own = ATTACHMENT_OWNER_WRITE[kind];
  return own ? base.filter((r) => roles(own).includes(r)) : base;
}

/** The roles that may call a channel (for loans.transition, take a loan to `target`); null when any session may. */
export function rolesFor(channel: Channel, target?: string): readonly Role[] | null {
  if (channel === 'loans.transition' && target !== undefined) return transitionRoles(target);
  const access = ACCESS[channel];
  return access === 'public' || access === 'signedIn' ? null : access;
}

export const ROLE_LABEL: Record<Role | 'sistem', string> = {
  admin: 'Admin',
  operator: 'Operator',
  verifikator: 'Verifikator',
  bank: 'Petugas bank',
  pemantau: 'Pemantau',
  sistem: 'Sistem',
};
