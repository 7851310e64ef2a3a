import { describe, expect, it } from 'vitest';
import { insertClaim } from '../../database/repositories/claims';
import { auditRows, call, sessionAs, snapshot, useTempRuntime } from '../helpers/runtime';

// Issue 18.6: opening a claim changes nothing. Reading a draft claim (what the claim page does when
// it opens) leaves its status and the audit trail as they were, whoever reads it; reconciling is an
// explicit call that only the roles of access.ts may make, written in their name.

const rtOf = useTempRuntime({ prefix: 'gs-claim-view-' });
const TABLES = ['tagihan', 'tagihan_baris', 'audit_log'];

async function draftClaim() {
  const rt = rtOf();
  const bank = await call(rt, 'banks.save', { kode: 'BSB', nama: 'Bank Sumsel Babel', cabang: [] });
  const { tagihanId } = insertClaim(rt.db, {
    bankId: bank.id,
    periodeAwal: '2026-10',
    periodeAkhir: '2026-10',
    imporId: null,
    dibuatOleh: 'rina',
    lines: [
      {
        nomorBaris: 1,
        periode: '2026-10',
        nomorRekening: '0099',
        nik: null,
        nama: 'Tidak Dikenal',
        outstanding: null,
        bungaPersen: null,
        hari: null,
        kol: null,
        diklaim: 50_000,
        plafon: null,
        tanggalAkad: null,
      },
    ],
  });
  return { rt, tagihanId };
}

describe('viewing a draft claim', () => {
  it('pemantau opens a draft claim: status and audit trail unchanged, and may not reconcile it', async () => {
    const { rt, tagihanId } = await draftClaim();
    const before = snapshot(rt.db, TABLES);
    const token = sessionAs(rt, 'pemantau');
    const got = await rt.callWithSession(token, 'claims.get', { tagihanId });
    expect(got.ok && (got.value as { claim: { status: string } }).claim.status).toBe('draf');
    expect((await rt.callWithSession(token, 'claims.unclaimed', { tagihanId })).ok).toBe(true);
    const refused = await rt.callWithSession(token, 'claims.reconcile', { tagihanId });
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN');
    expect(snapshot(rt.db, TABLES)).toBe(before);
  });

  it('an operator reading it changes nothing either; reconciling is their explicit action, in their name', async () => {
    const { rt, tagihanId } = await draftClaim();
    const before = snapshot(rt.db, TABLES);
    const token = sessionAs(rt, 'operator', { username: 'budi' });
    expect((await rt.callWithSession(token, 'claims.get', { tagihanId })).ok).toBe(true);
    expect(snapshot(rt.db, TABLES)).toBe(before);
    expect((await rt.callWithSession(token, 'claims.reconcile', { tagihanId })).ok).toBe(true);
    const status = rt.db.prepare('SELECT status, direkonsiliasi_oleh AS oleh FROM tagihan WHERE id = ?').get(tagihanId);
    expect(status).toEqual({ status: 'diverifikasi', oleh: 'budi' });
    expect(auditRows(rt.db, 'tagihan').at(-1)?.pengguna).toBe('budi');
  });
});
