// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import type { AppInfo, Bank, BankSaveInput, DocumentSettings, Insurer, InsurerSaveInput, Scheme, SchemeSaveInput } from '@contract';
import { ApiError } from '@/api';
import SetupPage from '@/features/setup/SetupPage.vue';
import { useSetupStore } from '@/features/setup/store';
import { fakeBudget, throughContract } from '../budget/fixtures';
import { scheme } from '../loans/fixtures';
import { bank, byTestId, callMock, callsTo, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, typeInto, visibleDialog, type Backend } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const THIS_YEAR = new Date().getFullYear();

const DEFAULTS: DocumentSettings = {
  kop: {
    pemerintah: 'PEMERINTAH KABUPATEN MUARA ENIM',
    instansi: 'SEKRETARIAT PROGRAM GERBANG SERASAN',
    alamat: 'Jl. Jenderal Sudirman No. 1, Muara Enim',
    telepon: null,
    email: null,
    logo: null,
  },
  tempat: 'Muara Enim',
  penandatangan: {
    kepalaSekretariat: { nama: '....................................', jabatan: 'Kepala Sekretariat Program Gerbang Serasan', nip: null },
    bendahara: { nama: '....................................', jabatan: 'Bendahara Pengeluaran', nip: null },
    verifikator: { nama: '....................................', jabatan: 'Verifikator', nip: null },
  },
};

function info(setupPending: boolean): AppInfo {
  return { version: '0.1.0', databasePath: 'x.sqlite', schemaVersion: 14, firstRun: false, setupPending, initialPassword: false, counts: { bank: 0, penjamin: 0, debitur: 0 } };
}

/**
 * The channels the wizard uses, over in-memory lists; inputs go through the real contract schemas
 * (so a refusal looks like the main process's).
 */
function office(initial: { banks?: Bank[]; insurers?: Insurer[]; schemes?: Scheme[] } = {}, overrides: Backend = {}) {
  const state = {
    settings: structuredClone(DEFAULTS),
    banks: [...(initial.banks ?? [])],
    insurers: [...(initial.insurers ?? [])],
    schemes: [...(initial.schemes ?? [])],
    setupPending: true,
  };
  const budget = fakeBudget([]);
  const backend: Backend = {
    ...budget.backend,
    'app.info': () => info(state.setupPending),
    'app.finishSetup': () => ((state.setupPending = false), null),
    'settings.documents': () => structuredClone(state.settings),
    'settings.saveDocuments': (input) => (state.settings = throughContract('settings.saveDocuments', input)),
    'banks.list': () => structuredClone(state.banks),
    'banks.save': (raw: BankSaveInput) => {
      const input = throughContract('banks.save', raw);
      const saved = bank({ ...input, id: 100 + state.banks.length, cabang: input.cabang.map((c, i) => ({ ...c, id: 500 + i })) });
      state.banks.push(saved);
      return saved;
    },
    'insurers.list': () => structuredClone(state.insurers),
    'insurers.save': (raw: InsurerSaveInput) => {
      const input = throughContract('insurers.save', raw);
      const saved: Insurer = { ...input, id: 200 + state.insurers.length, aktif: true };
      state.insurers.push(saved);
      return saved;
    },
    'schemes.list': () => structuredClone(state.schemes),
    'schemes.get': ({ id }) => structuredClone(state.schemes.find((s) => s.id === id)!),
    'schemes.save': (raw: SchemeSaveInput) => {
      const input = throughContract('schemes.save', raw);
      const saved = scheme({ ...input, id: input.id ?? 300 + state.schemes.length, penjaminNama: null });
      state.schemes = [...state.schemes.filter((s) => s.id !== saved.id), saved];
      return saved;
    },
  };
  mockBackend({ ...backend, ...overrides });
  return { state, budget };
}

const Blank = defineComponent({ render: () => h('div') });

async function mountWizard(opts: { role?: 'admin' | 'operator' } = {}): Promise<Router> {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: Blank },
      { path: '/persiapan', component: Blank },
      { path: '/impor', component: Blank },
    ],
  });
  await router.push('/persiapan');
  await router.isReady();
  mountWithApp(SetupPage, {}, { router, signedInAs: opts.role ?? 'admin' });
  await flushPromises();
  return router;
}

const activeStep = () => byTestId('setup-steps').querySelector('.el-step__head.is-process')?.closest('.el-step')?.getAttribute('data-testid');
const click = async (testId: string) => {
  byTestId<HTMLButtonElement>(testId).click();
  await flushPromises();
};
function pressAlt(key: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: true, bubbles: true, cancelable: true }));
}
function pressEnter(testId: string): void {
  byTestId(testId).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
}
const rows = (testId: string) =>
  [...byTestId(testId).querySelectorAll('.el-table__body tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''));

afterEach(() => {
  resetWorld();
});

describe('setup wizard: office and signers', () => {
  it('opens on the office step with the letterhead as stored, saves it through settings.saveDocuments on Enter, and moves on', async () => {
    const { state } = office();
    await mountWizard();
    expect(activeStep()).toBe('setup-step-kantor');
    expect(byTestId('setup-steps').textContent).toContain('Impor pinjaman');
    expect(byTestId<HTMLInputElement>('settings-instansi').value).toBe('SEKRETARIAT PROGRAM GERBANG SERASAN');
    // The first field has the focus: the clerk can type at once.
    expect(document.activeElement).toBe(byTestId('settings-pemerintah'));

    typeInto('settings-alamat', 'Jl. Jenderal Sudirman No. 7, Muara Enim 31311');
    typeInto('settings-telepon', '(0734) 421000');
    pressEnter('settings-alamat');
    await flushPromises();
    expect(callsTo('settings.saveDocuments')).toHaveLength(1);
    expect(state.settings.kop).toMatchObject({ alamat: 'Jl. Jenderal Sudirman No. 7, Muara Enim 31311', telepon: '(0734) 421000' });
    expect(activeStep()).toBe('setup-step-penandatangan');
    expect(document.activeElement).toBe(byTestId('settings-kepalaSekretariat-nama'));
  });

  it('shows a refusal under its field and stays on the step', async () => {
    office();
    await mountWizard();
    typeInto('settings-instansi', '');
    await click('setup-save-next');
    expect(activeStep()).toBe('setup-step-kantor');
    expect(await fieldError('settings-instansi')).toBe('Nama kantor wajib diisi');
  });

  it('warns about a NIP that does not read, saves anyway, and stores 18 digits written 8-6-1-3', async () => {
    const { state } = office();
    await mountWizard();
    useSetupStore().step = 1;
    await flushPromises();
    typeInto('settings-kepalaSekretariat-nama', 'Drs. H. Ahmad Rizal, M.Si.');
    typeInto('settings-kepalaSekretariat-nip', '196804111993031009');
    typeInto('settings-bendahara-nama', 'Sri Wahyuni, S.E.');
    typeInto('settings-bendahara-nip', '19820517 200604 3 011');
    await flushPromises();
    expect(queryTestId('settings-kepalaSekretariat-nip-warning')).toBeNull();
    expect(byTestId('settings-bendahara-nip-warning').textContent).toContain('Digit ke-15 NIP (jenis kelamin) biasanya 1 atau 2.');
    await click('setup-save-next');
    expect(state.settings.penandatangan.kepalaSekretariat).toEqual({
      nama: 'Drs. H. Ahmad Rizal, M.Si.',
      jabatan: 'Kepala Sekretariat Program Gerbang Serasan',
      nip: '19680411 199303 1 009',
    });
    expect(state.settings.penandatangan.bendahara.nip).toBe('19820517 200604 3 011');
    expect(activeStep()).toBe('setup-step-bank');
  });

  it('jumps to a step by clicking its title', async () => {
    office();
    await mountWizard();
    byTestId('setup-step-penjamin').click();
    await flushPromises();
    expect(activeStep()).toBe('setup-step-penjamin');
    expect(byTestId('setup-body-penjamin').textContent).toContain('Perusahaan asuransi atau penjaminan kredit');
  });

  it('skips a step without saving anything, and goes back', async () => {
    office();
    await mountWizard();
    await click('setup-skip');
    await click('setup-skip');
    expect(activeStep()).toBe('setup-step-bank');
    await click('setup-back');
    expect(activeStep()).toBe('setup-step-penandatangan');
    expect(callsTo('settings.saveDocuments')).toEqual([]);
  });
});

describe('setup wizard: banks, insurers, scheme and pagu through their own forms', () => {
  it('adds a bank with its units through the bank form (Alt+N), and lists it with the units', async () => {
    office();
    await mountWizard();
    useSetupStore().step = 2;
    await flushPromises();
    expect(document.activeElement).toBe(byTestId('setup-add'));
    expect(byTestId('setup-next').textContent?.trim()).toBe('Lanjut');
    pressAlt('n');
    await flushPromises();
    expect(visibleDialog('bank-form')).not.toBeNull();
    typeInto('bank-kode', 'BSB');
    typeInto('bank-nama', 'Bank Sumsel Babel');
    await click('cabang-add');
    typeInto('cabang-kode-0', 'BSB-ME');
    typeInto('cabang-nama-0', 'Cabang Muara Enim');
    await click('cabang-add');
    typeInto('cabang-kode-1', 'BSB-GM');
    typeInto('cabang-nama-1', 'Capem Gunung Megang');
    await click('bank-save');
    expect(callsTo('banks.save')).toEqual([
      expect.objectContaining({ kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [expect.objectContaining({ kode: 'BSB-ME' }), expect.objectContaining({ kode: 'BSB-GM' })] }),
    ]);
    expect(rows('setup-banks')[0]!.slice(0, 4)).toEqual(['BSB', 'Bank Sumsel Babel', 'Bank umum', 'Cabang Muara Enim, Capem Gunung Megang']);
  });

  it('adds an insurer through the insurer form', async () => {
    office();
    await mountWizard();
    useSetupStore().step = 3;
    await flushPromises();
    await click('setup-add');
    expect(visibleDialog('insurer-form')).not.toBeNull();
    typeInto('insurer-kode', 'JAMKRINDO');
    typeInto('insurer-nama', 'PT Jamkrindo');
    await click('insurer-save');
    expect(callsTo('insurers.save')).toEqual([expect.objectContaining({ kode: 'JAMKRINDO', nama: 'PT Jamkrindo' })]);
    expect(rows('setup-insurers')[0]!.slice(0, 2)).toEqual(['JAMKRINDO', 'PT Jamkrindo']);
  });

  it('opens the scheme form on the scheme step and lists the schemes', async () => {
    office({ schemes: [scheme({ id: 7, kode: 'GS-2027', nama: 'Gerbang Serasan 2027', berlakuDari: '2027-01-01' })] });
    await mountWizard();
    useSetupStore().step = 4;
    await flushPromises();
    expect(rows('setup-schemes')[0]!.slice(0, 4)).toEqual(['GS-2027', 'Gerbang Serasan 2027', '01/01/2027', '11 % / 3 %']);
    await click('setup-add');
    expect(visibleDialog('scheme-form')).not.toBeNull();
    expect(callsTo('insurers.list').length).toBeGreaterThan(0);
  });

  it('adds a budget line through the budget form and links it to the newest scheme (schemes.save with the scheme as it was)', async () => {
    const { state } = office({ schemes: [scheme({ id: 6, kode: 'GS-LAMA' }), scheme({ id: 7, kode: 'GS-2027', nama: 'Gerbang Serasan 2027', plafonMaks: 25_000_000 })] });
    await mountWizard();
    useSetupStore().step = 5;
    await flushPromises();
    expect(byTestId('setup-link').closest('.el-select')!.textContent).toContain('GS-2027 · Gerbang Serasan 2027');
    await click('setup-add');
    expect(visibleDialog('budget-form')).not.toBeNull();
    typeInto('budget-form-kode', '5.1.05.05.01.0001');
    typeInto('budget-form-uraian', 'Subsidi bunga Gerbang Serasan');
    typeInto('budget-form-pagu', '2.500.000.000');
    await click('budget-form-save');
    await flushPromises();
    expect(callsTo('budget.save')).toEqual([
      { id: undefined, tahun: THIS_YEAR, jenis: 'subsidi_bunga', kodeRekening: '5.1.05.05.01.0001', uraian: 'Subsidi bunga Gerbang Serasan', pagu: 2_500_000_000 },
    ]);
    expect(callsTo('schemes.get')).toEqual([{ id: 7 }]);
    const linked = callsTo('schemes.save')[0]!;
    expect(linked).toMatchObject({ id: 7, kode: 'GS-2027', plafonMaks: 25_000_000, paguIds: [90] });
    expect(linked).not.toHaveProperty('penjaminNama');
    expect(state.schemes.find((s) => s.id === 7)!.paguIds).toEqual([90]);
    expect(rows('setup-pagu')[0]).toEqual(['5.1.05.05.01.0001', 'Subsidi bunga Gerbang Serasan', 'Subsidi bunga', 'Rp2.500.000.000', 'GS-2027']);
    expect(document.body.textContent).toContain('Pos anggaran 5.1.05.05.01.0001 dikaitkan ke skema GS-2027.');
  });
});

describe('setup wizard: the end', () => {
  it('sums up what was set up, and "Impor pinjaman" finishes the setup and opens the import page', async () => {
    office({ banks: [bank({ cabang: [{ id: 11, kode: 'BSB-ME', nama: 'Cabang Muara Enim', alamat: null, aktif: true }] })] });
    const router = await mountWizard();
    pressAlt('arrowright');
    pressAlt('arrowright');
    await flushPromises();
    expect(activeStep()).toBe('setup-step-bank');
    pressAlt('arrowleft');
    await flushPromises();
    expect(activeStep()).toBe('setup-step-penandatangan');
    useSetupStore().step = 6;
    await flushPromises();
    const summary = byTestId('setup-summary').textContent!;
    expect(summary).toContain('SEKRETARIAT PROGRAM GERBANG SERASAN');
    expect(summary).toContain('1 bank, 1 unit');
    expect(summary).toContain('belum diisi');
    expect(queryTestId('setup-next')).toBeNull();
    expect(document.activeElement).toBe(byTestId('setup-import'));

    callMock.mockClear();
    await click('setup-import');
    expect(callMock.mock.calls.map(([c]) => c)).toEqual(['app.finishSetup', 'app.info']);
    expect(router.currentRoute.value.path).toBe('/impor');
    expect(useSetupStore().step).toBe(0);
  });

  it('"Selesai, ke Beranda" finishes too, and goes home', async () => {
    office();
    const router = await mountWizard();
    useSetupStore().step = 6;
    await flushPromises();
    await click('setup-finish-home');
    expect(callsTo('app.finishSetup')).toEqual([{}]);
    expect(router.currentRoute.value.path).toBe('/');
  });

  it('a refusal to finish keeps the wizard where it is, with the message', async () => {
    office(
      {},
      {
        'app.finishSetup': () => {
          throw new ApiError({ code: 'FORBIDDEN', message: 'Peran Operator tidak berwenang untuk tindakan ini.' });
        },
      },
    );
    const router = await mountWizard();
    useSetupStore().step = 6;
    await flushPromises();
    await click('setup-import');
    expect(router.currentRoute.value.path).toBe('/persiapan');
    expect(useSetupStore().step).toBe(6);
    expect(document.body.querySelector('.el-message--error')?.textContent).toContain('tidak berwenang');
  });

  it('is only for an admin: others see why, and nothing is asked', async () => {
    office();
    await mountWizard({ role: 'operator' });
    expect(byTestId('setup-page').textContent).toContain('Persiapan awal dilakukan oleh admin.');
    expect(queryTestId('setup-steps')).toBeNull();
    expect(callMock).not.toHaveBeenCalled();
  });
});
