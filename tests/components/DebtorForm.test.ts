// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { Debtor } from '@contract';
import { ApiError } from '@/api';
import { setLocale } from '@/i18n';
import DebtorForm from '@/features/debtors/DebtorForm.vue';
import { NIK_PEREMPUAN, byTestId, callsTo, debtor, fieldError, mockBackend, mountWithApp, nikCheck, queryTestId, resetWorld, typeInto, visibleDialog, type Backend } from './setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const emptyPage = { rows: [], total: 0, page: 1, pageSize: 50 };

function backend(overrides: Backend = {}): Backend {
  return {
    'debtors.checkNik': () => nikCheck(),
    'debtors.save': (input) => debtor({ ...input, id: 99, npwp: null, nib: null } as Partial<Debtor>),
    'debtors.list': () => emptyPage,
    ...overrides,
  };
}

/** Mounts closed, then opens (the form fills itself when `open` turns true), like DebtorsPage does. */
async function openForm(existing: Debtor | null = null): Promise<VueWrapper> {
  const { wrapper } = mountWithApp(DebtorForm, {
    props: {
      modelValue: false,
      debtor: existing,
      'onUpdate:modelValue': (v: boolean) => void wrapper.setProps({ modelValue: v }),
    },
  });
  await wrapper.setProps({ modelValue: true });
  await flushPromises();
  return wrapper as VueWrapper;
}

const inputValue = (testId: string) => byTestId<HTMLInputElement>(testId).value;

/** Lets the 250 ms NIK debounce run and the answer arrive. */
async function afterDebounce(): Promise<void> {
  vi.advanceTimersByTime(250);
  await flushPromises();
}

describe('DebtorForm', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    mockBackend(backend());
  });
  afterEach(() => resetWorld());

  it('opens for a new debtor with empty fields and the "new" title', async () => {
    await openForm();
    const dialog = visibleDialog('debtor-form');
    expect(dialog).not.toBeNull();
    expect(dialog!.textContent).toContain('Debitur baru');
    expect(inputValue('debtor-nik')).toBe('');
    expect(inputValue('debtor-nama')).toBe('');
    expect(inputValue('debtor-usaha')).toBe('');
    expect(queryTestId('nik-derived')).toBeNull();
    expect(await fieldError('debtor-nik')).toBeNull();
    // The empty NIK is never sent for checking.
    await afterDebounce();
    expect(callsTo('debtors.checkNik')).toEqual([]);
  });

  it('stays closed and calls nothing until opened', async () => {
    mountWithApp(DebtorForm, { props: { modelValue: false, debtor: null } });
    await flushPromises();
    expect(visibleDialog('debtor-form')).toBeNull();
    vi.advanceTimersByTime(1000);
    await flushPromises();
    expect(callsTo('debtors.checkNik')).toEqual([]);
  });

  it('checks a 16-digit NIK after the debounce and shows gender and birth date', async () => {
    await openForm();
    typeInto('debtor-nik', NIK_PEREMPUAN);
    await nextTick();
    vi.advanceTimersByTime(249);
    await flushPromises();
    expect(callsTo('debtors.checkNik')).toEqual([]);

    vi.advanceTimersByTime(1);
    await flushPromises();
    expect(callsTo('debtors.checkNik')).toEqual([{ nik: NIK_PEREMPUAN, excludeId: undefined }]);
    expect(byTestId('nik-derived').textContent?.trim()).toBe('Dari NIK: Perempuan, lahir 27 Oktober 1985');
    expect(await fieldError('debtor-nik')).toBeNull();
  });

  it('sends only the last NIK when the clerk keeps typing within the debounce', async () => {
    await openForm();
    typeInto('debtor-nik', '160310671085');
    await nextTick();
    vi.advanceTimersByTime(100);
    typeInto('debtor-nik', NIK_PEREMPUAN);
    await nextTick();
    await afterDebounce();
    expect(callsTo('debtors.checkNik')).toEqual([{ nik: NIK_PEREMPUAN, excludeId: undefined }]);
  });

  it('does not ask about a NIK shorter than 16 digits', async () => {
    await openForm();
    typeInto('debtor-nik', '160310671085000');
    await nextTick();
    await afterDebounce();
    expect(callsTo('debtors.checkNik')).toEqual([]);
    expect(queryTestId('nik-derived')).toBeNull();
  });

  it('shows the duplicate message on the NIK field when the NIK is already registered', async () => {
    mockBackend(
      backend({
        'debtors.checkNik': () => nikCheck({ valid: false, message: 'Sudah terdaftar atas nama Siti Aminah', existingDebtor: { id: 7, nama: 'Siti Aminah' } }),
      }),
    );
    await openForm();
    typeInto('debtor-nik', NIK_PEREMPUAN);
    await nextTick();
    await afterDebounce();
    expect(await fieldError('debtor-nik')).toBe('Sudah terdaftar atas nama Siti Aminah');
  });

  it('shows an invalid-NIK message from the check and no derived data', async () => {
    mockBackend(
      backend({
        'debtors.checkNik': () => nikCheck({ valid: false, message: 'Kode provinsi 99 pada NIK tidak dikenal', jenisKelamin: null, tanggalLahir: null, kodeWilayah: null }),
      }),
    );
    await openForm();
    typeInto('debtor-nik', '9903106710850001');
    await nextTick();
    await afterDebounce();
    expect(await fieldError('debtor-nik')).toBe('Kode provinsi 99 pada NIK tidak dikenal');
    expect(queryTestId('nik-derived')).toBeNull();
  });

  it('sends the form values to debtors.save when Simpan is clicked, then closes', async () => {
    const wrapper = await openForm();
    typeInto('debtor-nik', NIK_PEREMPUAN);
    typeInto('debtor-nama', 'Siti Aminah');
    typeInto('debtor-usaha', 'Pempek Siti');
    await nextTick();
    await afterDebounce();

    const save = byTestId<HTMLButtonElement>('debtor-save');
    expect(save.textContent?.trim()).toBe('Simpan');
    save.click();
    await flushPromises();

    expect(callsTo('debtors.save')).toEqual([
      {
        id: undefined,
        nik: NIK_PEREMPUAN,
        nama: 'Siti Aminah',
        namaUsaha: 'Pempek Siti',
        sektorId: null,
        skala: 'mikro',
        alamat: '',
        kecamatanId: null,
        desa: '',
        telepon: '',
        npwp: '',
        nib: '',
      },
    ]);
    // The list reloads after a save, and the dialog closes.
    expect(callsTo('debtors.list')).toHaveLength(1);
    expect(wrapper.emitted('update:modelValue')).toEqual([[false]]);
    await flushPromises();
    expect(visibleDialog('debtor-form')).toBeNull();
  });

  it('keeps the dialog open and shows the field message when the NIK is taken', async () => {
    mockBackend(
      backend({
        'debtors.save': () => {
          throw new ApiError({
            code: 'CONFLICT',
            message: `NIK ${NIK_PEREMPUAN} sudah terdaftar atas nama Siti Aminah (debitur no. 7). Satu NIK hanya untuk satu debitur.`,
            fields: { nik: 'Sudah terdaftar atas nama Siti Aminah' },
          });
        },
      }),
    );
    const wrapper = await openForm();
    typeInto('debtor-nik', NIK_PEREMPUAN);
    typeInto('debtor-nama', 'Orang Lain');
    await nextTick();
    await afterDebounce();
    expect(await fieldError('debtor-nik')).toBeNull();

    byTestId<HTMLButtonElement>('debtor-save').click();
    await flushPromises();

    expect(callsTo('debtors.save')).toHaveLength(1);
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    expect(visibleDialog('debtor-form')).not.toBeNull();
    expect(await fieldError('debtor-nik')).toBe('Sudah terdaftar atas nama Siti Aminah');
    // The whole sentence appears as an error toast.
    expect(document.body.querySelector('.el-message--error')?.textContent).toContain('sudah terdaftar atas nama Siti Aminah');
    // What the clerk typed is kept.
    expect(inputValue('debtor-nama')).toBe('Orang Lain');
    expect(callsTo('debtors.list')).toEqual([]);
  });

  it('fills the fields when opened for an existing debtor and checks its NIK excluding itself', async () => {
    const existing = debtor({ npwp: '012345678901234', telepon: '0812 7000 1234' });
    await openForm(existing);
    const dialog = visibleDialog('debtor-form');
    expect(dialog!.textContent).toContain('Ubah debitur');
    expect(inputValue('debtor-nik')).toBe(NIK_PEREMPUAN);
    expect(inputValue('debtor-nama')).toBe('Siti Aminah');
    expect(inputValue('debtor-usaha')).toBe('Pempek Siti');
    expect(callsTo('debtors.checkNik')).toContainEqual({ nik: NIK_PEREMPUAN, excludeId: 7 });

    byTestId<HTMLButtonElement>('debtor-save').click();
    await flushPromises();
    expect(callsTo('debtors.save')).toEqual([expect.objectContaining({ id: 7, nik: NIK_PEREMPUAN, npwp: '01.234.567.8-901.234', telepon: '0812 7000 1234' })]);
  });

  it('shows the derived data in English after switching language', async () => {
    await openForm();
    typeInto('debtor-nik', NIK_PEREMPUAN);
    await nextTick();
    await afterDebounce();
    setLocale('en');
    await nextTick();
    expect(byTestId('nik-derived').textContent?.trim()).toBe('From NIK: Female, born 27 October 1985');
  });

  // Regression (fixed): a per-field message from a failed save outlives the NIK it was about.
  // DebtorForm.vue `nikError` prefers `errors.nik` and nothing clears it when the NIK changes.
  it('clears the "already registered" save error once the clerk types a different, free NIK', async () => {
    let conflict = true;
    mockBackend(
      backend({
        'debtors.save': (input) => {
          if (conflict) throw new ApiError({ code: 'CONFLICT', message: 'NIK sudah terdaftar', fields: { nik: 'Sudah terdaftar atas nama Siti Aminah' } });
          return debtor({ id: 100, nik: input.nik });
        },
      }),
    );
    await openForm();
    typeInto('debtor-nik', NIK_PEREMPUAN);
    typeInto('debtor-nama', 'Orang Lain');
    await nextTick();
    await afterDebounce();
    byTestId<HTMLButtonElement>('debtor-save').click();
    await flushPromises();
    expect(await fieldError('debtor-nik')).toBe('Sudah terdaftar atas nama Siti Aminah');

    conflict = false;
    typeInto('debtor-nik', '1603106710850002');
    await nextTick();
    await afterDebounce();
    expect(await fieldError('debtor-nik')).toBeNull();
  });

  // Regression (fixed): NIK checks are not sequenced, so a slow answer for an earlier NIK
  // overwrites the answer for the NIK now in the field (debtors/store.ts guards its list the same way).
  it('ignores a late answer for a NIK that is no longer in the field', async () => {
    const pending = new Map<string, (value: ReturnType<typeof nikCheck>) => void>();
    mockBackend(
      backend({
        'debtors.checkNik': (input) => new Promise((resolve) => pending.set(input.nik, resolve)),
      }),
    );
    await openForm();
    const first = '1603106710850001';
    const second = '1603100101900001'; // a man born 1 January 1990
    typeInto('debtor-nik', first);
    await nextTick();
    await afterDebounce();
    typeInto('debtor-nik', second);
    await nextTick();
    await afterDebounce();
    expect([...pending.keys()]).toEqual([first, second]);

    pending.get(second)!(nikCheck({ jenisKelamin: 'L', tanggalLahir: '1990-01-01' }));
    await flushPromises();
    pending.get(first)!(nikCheck({ valid: false, message: 'Sudah terdaftar atas nama Siti Aminah', existingDebtor: { id: 7, nama: 'Siti Aminah' } }));
    await flushPromises();

    expect(byTestId('nik-derived').textContent?.trim()).toBe('Dari NIK: Laki-laki, lahir 1 Januari 1990');
    expect(await fieldError('debtor-nik')).toBeNull();
  });
});
