// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import type { Bank, BankSaveInput } from '@contract';
import { ApiError } from '@/api';
import BanksPage from '@/features/banks/BanksPage.vue';
import { bank, buttonByText, byTestId, callsTo, fieldError, mockBackend, mountWithApp, queryTestId, resetWorld, typeInto, visibleDialog } from './setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const BSB = bank({
  id: 1,
  kode: 'BSB',
  nama: 'Bank Sumsel Babel',
  jenis: 'umum',
  picNama: 'Rahmat Hidayat',
  cabang: [
    { id: 11, kode: 'BSB-ME', nama: 'Cabang Muara Enim', alamat: null, aktif: true },
    { id: 12, kode: 'BSB-TJ', nama: 'Capem Tanjung Enim', alamat: 'Jl. Lingkar', aktif: true },
    { id: 13, kode: 'BSB-GL', nama: 'Capem Gelumbang', alamat: null, aktif: false },
  ],
});
const BRI = bank({ id: 2, kode: 'BRI', nama: 'BRI Unit Lawang Kidul', jenis: 'bpr', picNama: 'Dewi Lestari', picTelepon: null, cabang: [] });

/** A backend holding a list of banks; banks.save appends (or replaces) and banks.list reads it. */
function bankBackend(initial: Bank[]) {
  const banks = [...initial];
  mockBackend({
    'banks.list': () => banks.map((b) => ({ ...b, cabang: b.cabang.map((c) => ({ ...c })) })),
    'banks.save': (input: BankSaveInput) => {
      const saved = bank({
        ...input,
        id: input.id ?? 100 + banks.length,
        alamat: null,
        picNama: input.picNama || null,
        picJabatan: null,
        picTelepon: null,
        picEmail: null,
        jenis: input.jenis ?? 'umum',
        cabang: (input.cabang ?? []).map((c, i) => ({ id: c.id ?? 500 + i, kode: c.kode, nama: c.nama, alamat: c.alamat || null, aktif: c.aktif ?? true })),
      });
      const at = banks.findIndex((b) => b.id === saved.id);
      if (at >= 0) banks[at] = saved;
      else banks.push(saved);
      return saved;
    },
  });
  return banks;
}

function tableRows(): string[][] {
  const table = byTestId('bank-table');
  return [...table.querySelectorAll('.el-table__body tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''));
}

async function mountPage() {
  const { wrapper } = mountWithApp(BanksPage);
  await flushPromises();
  await nextTick();
  return wrapper;
}

function pressAlt(key: string): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, altKey: true, bubbles: true, cancelable: true });
  window.dispatchEvent(event);
  return event;
}

describe('BanksPage', () => {
  beforeEach(() => {
    bankBackend([BSB, BRI]);
  });
  afterEach(() => resetWorld());

  it('lists the banks from banks.list with their kind and count of active branches', async () => {
    await mountPage();
    expect(callsTo('banks.list')).toEqual([{ search: '', includeInactive: false }]);
    const rows = tableRows();
    expect(rows).toHaveLength(2);
    // kode, nama, jenis, cabang (active only), PIC, telepon, status
    expect(rows[0]!.slice(0, 7)).toEqual(['BSB', 'Bank Sumsel Babel', 'Bank umum', '2', 'Rahmat Hidayat', '0734-421000', 'Aktif']);
    expect(rows[1]!.slice(0, 7)).toEqual(['BRI', 'BRI Unit Lawang Kidul', 'BPR', '0', 'Dewi Lestari', '', 'Aktif']);
    expect(byTestId('bank-table').textContent).toContain('Cabang');
  });

  it('shows the empty text when there are no banks', async () => {
    bankBackend([]);
    await mountPage();
    expect(tableRows()).toEqual([]);
    expect(byTestId('bank-table').textContent).toContain('Belum ada data');
  });

  it('opens an empty "new bank" form from the Tambah button', async () => {
    await mountPage();
    expect(visibleDialog('bank-form')).toBeNull();
    const add = byTestId<HTMLButtonElement>('bank-add');
    expect(add.textContent?.trim()).toBe('Tambah');
    add.click();
    await flushPromises();
    const dialog = visibleDialog('bank-form');
    expect(dialog).not.toBeNull();
    expect(dialog!.textContent).toContain('Bank mitra baru');
    expect(byTestId<HTMLInputElement>('bank-kode').value).toBe('');
    expect(byTestId<HTMLInputElement>('bank-nama').value).toBe('');
    expect(dialog!.querySelectorAll('[data-testid^="cabang-kode-"]')).toHaveLength(0);
  });

  it('opens the form with Alt+N', async () => {
    await mountPage();
    const event = pressAlt('n');
    await flushPromises();
    expect(event.defaultPrevented).toBe(true);
    expect(visibleDialog('bank-form')).not.toBeNull();
    expect(visibleDialog('bank-form')!.textContent).toContain('Bank mitra baru');
  });

  it('offers no Tambah, by button or Alt+N, to a role that may not add banks', async () => {
    mountWithApp(BanksPage, {}, { signedInAs: 'operator' });
    await flushPromises();
    expect(queryTestId('bank-add')).toBeNull();
    pressAlt('n');
    await flushPromises();
    expect(visibleDialog('bank-form')).toBeNull();
    expect(byTestId('bank-table').textContent).toContain('Bank Sumsel Babel');
  });

  it('ignores N without Alt, and Ctrl+Alt+N', async () => {
    await mountPage();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', bubbles: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'n', altKey: true, ctrlKey: true, bubbles: true }));
    await flushPromises();
    expect(visibleDialog('bank-form')).toBeNull();
  });

  it('stops listening for Alt+N once the page is gone', async () => {
    const wrapper = await mountPage();
    wrapper.unmount();
    pressAlt('n');
    await flushPromises();
    expect(visibleDialog('bank-form')).toBeNull();
  });

  it('adds a branch row and sends cabang in the banks.save input, then shows the new bank', async () => {
    await mountPage();
    byTestId<HTMLButtonElement>('bank-add').click();
    await flushPromises();
    typeInto('bank-kode', 'BPRME');
    typeInto('bank-nama', 'BPR Muara Enim');
    typeInto('bank-pic', 'Yusuf');
    byTestId<HTMLButtonElement>('cabang-add').click();
    await flushPromises();
    typeInto('cabang-kode-0', 'BPRME-01');
    typeInto('cabang-nama-0', 'Kantor Pusat');
    await nextTick();

    byTestId<HTMLButtonElement>('bank-save').click();
    await flushPromises();

    expect(callsTo('banks.save')).toEqual([
      {
        id: undefined,
        kode: 'BPRME',
        nama: 'BPR Muara Enim',
        jenis: 'umum',
        alamat: '',
        picNama: 'Yusuf',
        picJabatan: '',
        picTelepon: '',
        picEmail: '',
        cabang: [{ kode: 'BPRME-01', nama: 'Kantor Pusat', alamat: '', aktif: true }],
      },
    ]);
    expect(callsTo('banks.list')).toHaveLength(2);
    await flushPromises();
    expect(visibleDialog('bank-form')).toBeNull();
    expect(tableRows().map((r) => [r[0], r[1], r[3]])).toEqual([
      ['BSB', 'Bank Sumsel Babel', '2'],
      ['BRI', 'BRI Unit Lawang Kidul', '0'],
      ['BPRME', 'BPR Muara Enim', '1'],
    ]);
  });

  it('sends two branch rows in order', async () => {
    await mountPage();
    byTestId<HTMLButtonElement>('bank-add').click();
    await flushPromises();
    typeInto('bank-kode', 'BSS');
    typeInto('bank-nama', 'Bank Syariah Serasan');
    byTestId<HTMLButtonElement>('cabang-add').click();
    await flushPromises();
    byTestId<HTMLButtonElement>('cabang-add').click();
    await flushPromises();
    typeInto('cabang-kode-0', 'BSS-1');
    typeInto('cabang-nama-0', 'Satu');
    typeInto('cabang-kode-1', 'BSS-2');
    typeInto('cabang-nama-1', 'Dua');
    byTestId<HTMLButtonElement>('bank-save').click();
    await flushPromises();
    expect(callsTo('banks.save')[0]!.cabang).toEqual([
      { kode: 'BSS-1', nama: 'Satu', alamat: '', aktif: true },
      { kode: 'BSS-2', nama: 'Dua', alamat: '', aktif: true },
    ]);
  });

  it('edits an existing bank: the form is filled and the branches keep their ids', async () => {
    await mountPage();
    buttonByText('Ubah', byTestId('bank-table').querySelector('.el-table__body tbody tr')!).click();
    await flushPromises();
    const dialog = visibleDialog('bank-form');
    expect(dialog!.textContent).toContain('Ubah bank mitra');
    expect(byTestId<HTMLInputElement>('bank-kode').value).toBe('BSB');
    expect(byTestId<HTMLInputElement>('cabang-nama-2').value).toBe('Capem Gelumbang');
    typeInto('bank-nama', 'Bank Sumsel Babel (BSB)');
    byTestId<HTMLButtonElement>('bank-save').click();
    await flushPromises();
    const sent = callsTo('banks.save')[0]!;
    expect(sent).toMatchObject({ id: 1, kode: 'BSB', nama: 'Bank Sumsel Babel (BSB)' });
    expect(sent.cabang).toEqual([
      { id: 11, kode: 'BSB-ME', nama: 'Cabang Muara Enim', alamat: '', aktif: true },
      { id: 12, kode: 'BSB-TJ', nama: 'Capem Tanjung Enim', alamat: 'Jl. Lingkar', aktif: true },
      { id: 13, kode: 'BSB-GL', nama: 'Capem Gelumbang', alamat: '', aktif: false },
    ]);
  });

  it('keeps the form open with the field messages when banks.save refuses', async () => {
    mockBackend({
      'banks.list': () => [BSB],
      'banks.save': () => {
        throw new ApiError({ code: 'CONFLICT', message: 'Kode bank BSB sudah dipakai oleh Bank Sumsel Babel', fields: { kode: 'Kode sudah dipakai' } });
      },
    });
    await mountPage();
    byTestId<HTMLButtonElement>('bank-add').click();
    await flushPromises();
    typeInto('bank-kode', 'BSB');
    typeInto('bank-nama', 'Bank Lain');
    byTestId<HTMLButtonElement>('bank-save').click();
    await flushPromises();
    expect(visibleDialog('bank-form')).not.toBeNull();
    expect(await fieldError('bank-kode')).toBe('Kode sudah dipakai');
    expect(document.body.querySelector('.el-message--error')?.textContent).toContain('Kode bank BSB sudah dipakai');
  });

  it('reloads the list with the search text', async () => {
    await mountPage();
    typeInto('list-search', 'sumsel');
    await flushPromises();
    expect(callsTo('banks.list').at(-1)).toEqual({ search: 'sumsel', includeInactive: false });
  });

  // Regression (fixed): Alt+N while an existing bank is open in the form flips the title to
  // "new" but keeps that bank's data (watch(open) does not fire because open is already true),
  // so Simpan sends id: undefined together with the other bank's kode and branch ids.
  it('Alt+N while editing a bank does not turn the edit into a "new" bank carrying its data', async () => {
    await mountPage();
    buttonByText('Ubah', byTestId('bank-table').querySelector('.el-table__body tbody tr')!).click();
    await flushPromises();
    pressAlt('n');
    await flushPromises();
    byTestId<HTMLButtonElement>('bank-save').click();
    await flushPromises();
    const sent = callsTo('banks.save')[0]!;
    // Either still the edit of bank 1, or a genuinely blank new bank; never a mix of the two.
    if (sent.id === undefined) {
      expect(sent.kode).toBe('');
      expect(sent.cabang).toEqual([]);
    } else {
      expect(sent.id).toBe(1);
    }
  });
});
