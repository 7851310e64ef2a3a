// @vitest-environment happy-dom
/**
 * The attachments panel offers only what the role may do (access.ts), states the size limit
 * before sending and does not send a file above it (main refuses it too: tests/integration/attachments.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { nextTick } from 'vue';
import { ATTACHMENT_MAX_BYTES, type Attachment, type AttachmentOwnerKind, type Role } from '@contract';
import AttachmentsPanel from '@/features/attachments/AttachmentsPanel.vue';
import { byTestId, callsTo, mockBackend, mountWithApp, queryTestId, resetWorld } from '../setup';

vi.mock('@/api', async (orig) => ({ ...(await orig<typeof import('@/api')>()), call: vi.fn() }));

const ROW: Attachment = {
  id: 7,
  pemilikJenis: 'pinjaman',
  pemilikId: 3,
  namaBerkas: 'akad-siti.pdf',
  tipe: 'pdf',
  ukuran: 1_572_864,
  sha256: 'a'.repeat(64),
  jenisDokumen: 'akad',
  catatan: 'halaman tanda tangan',
  dibuatOleh: 'rina',
  dibuatPada: '2026-11-20T03:00:00.000Z',
  dihapusOleh: null,
  dihapusPada: null,
  alasanHapus: null,
};

async function mountAs(role: Role, pemilikJenis: AttachmentOwnerKind = 'pinjaman') {
  mockBackend({ 'attachments.list': () => [{ ...ROW, pemilikJenis }], 'attachments.upload': () => ROW });
  mountWithApp(AttachmentsPanel, { props: { pemilikJenis, pemilikId: 3, jenisBawaan: 'akad' } }, { signedInAs: role });
  await flushPromises();
  await nextTick();
}

describe('AttachmentsPanel', () => {
  afterEach(() => resetWorld());

  it('lists the attachments with kind, type and size, and states the limit before sending', async () => {
    await mountAs('operator');
    const table = byTestId('attachments-table').textContent ?? '';
    expect(table).toContain('akad-siti.pdf');
    expect(table).toContain('Akad kredit');
    expect(table).toContain('1,5 MB');
    expect(byTestId('attachment-dropzone').textContent).toContain('paling besar 10 MB');
    expect(byTestId('attachment-dropzone').getAttribute('tabindex')).toBe('0');
  });

  it('does not send a file above the limit, and names it', async () => {
    await mountAs('operator');
    const input = byTestId<HTMLInputElement>('attachment-input');
    const big = new File([new Uint8Array(ATTACHMENT_MAX_BYTES + 1)], 'pindaian-besar.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [big] });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(byTestId('attachment-refusals').textContent).toContain('Berkas "pindaian-besar.pdf" tidak dikirim');
    expect(callsTo('attachments.upload')).toEqual([]);
  });

  it('a monitor reads only: no upload zone, removal disabled saying who may', async () => {
    await mountAs('pemantau');
    expect(queryTestId('attachment-dropzone')).toBeNull();
    const remove = [...document.body.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Hapus')!;
    expect(remove.disabled).toBe(true);
    expect(remove.closest('[title]')?.getAttribute('title')).toBe('Hanya Admin, Operator, atau Verifikator yang dapat melakukan ini.');
  });

  it("a visit's photos: the verifier views them but is offered neither upload nor removal (those who record visits are)", async () => {
    const hapus = () => [...document.body.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Hapus');
    await mountAs('verifikator', 'kunjungan');
    expect(byTestId('attachments-table').textContent).toContain('akad-siti.pdf');
    expect(queryTestId('attachment-dropzone')).toBeNull();
    expect(hapus()).toEqual([]);
    resetWorld();
    // The same verifier on a loan attaches and removes (the narrowing is for visits only).
    await mountAs('verifikator', 'pinjaman');
    expect(queryTestId('attachment-dropzone')).not.toBeNull();
    expect(hapus().map((b) => b.disabled)).toEqual([false]);
    resetWorld();
    await mountAs('operator', 'kunjungan');
    expect(queryTestId('attachment-dropzone')).not.toBeNull();
    expect(hapus().map((b) => b.disabled)).toEqual([false]);
  });

  it("is not shown to a bank's liaison officer, and asks nothing", async () => {
    await mountAs('bank');
    expect(queryTestId('attachments-panel')).toBeNull();
    expect(callsTo('attachments.list')).toEqual([]);
  });
});
