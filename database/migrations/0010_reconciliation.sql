-- 0010_reconciliation: a bank's claim (tagihan) reconciled line by line against the subsidy run,
-- decided, approved (berita acara) and paid.
--
-- A claim goes draf (imported) → diverifikasi (reconciled; lines being decided) → disetujui
-- (approved: agreed total fixed, lines locked, berita acara numbered) → dibayar (paid in full).
-- The skema's tolerance (skema.toleransi_rekonsiliasi, rupiah, default 1) is already in 0001.

-- What the bank's file says beyond 0001's columns (the import fills them when the file has them):
-- the NIK fallback match needs them.
ALTER TABLE tagihan_baris ADD COLUMN plafon INTEGER CHECK (plafon IS NULL OR plafon >= 0);
ALTER TABLE tagihan_baris ADD COLUMN tanggal_akad TEXT;

-- The reconciliation's result per line. `status` (0001) holds one of
-- cocok | selisih | rekening_tidak_dikenal | tidak_memenuhi_syarat | ganda, `keterangan` (0001) why.
-- How the line was matched to a loan: by account number, or (weaker) by NIK with plafon/akad date.
ALTER TABLE tagihan_baris ADD COLUMN cocok_oleh TEXT CHECK (cocok_oleh IS NULL OR cocok_oleh IN ('rekening', 'nik'));
-- The run's exclusion reason for 'tidak_memenuhi_syarat' lines (electron/domain/loan/eligibility.ts), or 'tidak_berjalan'.
ALTER TABLE tagihan_baris ADD COLUMN alasan_kode TEXT;
-- Our working, beside the bank's figures: base, days, subsidised rate and day-count rule used.
ALTER TABLE tagihan_baris ADD COLUMN hitung_pokok INTEGER;
ALTER TABLE tagihan_baris ADD COLUMN hitung_hari INTEGER;
ALTER TABLE tagihan_baris ADD COLUMN hitung_tarif TEXT;
ALTER TABLE tagihan_baris ADD COLUMN hitung_konvensi TEXT;
-- The likely cause of a 'selisih' line and the figure that explains it, in words.
ALTER TABLE tagihan_baris ADD COLUMN diagnosis TEXT
  CHECK (diagnosis IS NULL OR diagnosis IN ('outstanding', 'bunga', 'hari', 'konvensi_hari', 'pembulatan', 'gabungan', 'tidak_diketahui'));
ALTER TABLE tagihan_baris ADD COLUMN diagnosis_rincian TEXT;
-- The decision on the line; `disetujui` (0001) is the agreed amount it sets.
ALTER TABLE tagihan_baris ADD COLUMN keputusan TEXT CHECK (keputusan IS NULL OR keputusan IN ('terima_bank', 'terima_hitungan', 'keluarkan'));
ALTER TABLE tagihan_baris ADD COLUMN alasan_keputusan TEXT;
-- 1: set by the reconciliation itself (cocok accepted, ganda/unknown/ineligible excluded).
ALTER TABLE tagihan_baris ADD COLUMN keputusan_otomatis INTEGER NOT NULL DEFAULT 0 CHECK (keputusan_otomatis IN (0, 1));
ALTER TABLE tagihan_baris ADD COLUMN diputuskan_oleh TEXT;
ALTER TABLE tagihan_baris ADD COLUMN diputuskan_pada TEXT;

CREATE INDEX tagihan_baris_status ON tagihan_baris (tagihan_id, status);

-- Who created the claim (four-eyes: they may not approve it), when it was reconciled, approved,
-- and the berita acara's number and date.
ALTER TABLE tagihan ADD COLUMN dibuat_oleh TEXT;
ALTER TABLE tagihan ADD COLUMN direkonsiliasi_pada TEXT;
ALTER TABLE tagihan ADD COLUMN direkonsiliasi_oleh TEXT;
ALTER TABLE tagihan ADD COLUMN disetujui_oleh TEXT;
ALTER TABLE tagihan ADD COLUMN disetujui_pada TEXT;
ALTER TABLE tagihan ADD COLUMN nomor_ba TEXT;
ALTER TABLE tagihan ADD COLUMN tanggal_ba TEXT;
CREATE UNIQUE INDEX tagihan_nomor_ba ON tagihan (nomor_ba) WHERE nomor_ba IS NOT NULL;
CREATE INDEX tagihan_bank_periode ON tagihan (bank_id, periode_awal);
CREATE INDEX pembayaran_tagihan ON pembayaran (tagihan_id);

-- The other way round: loan-months the run expected (eligible, amount > 0) that the claim does not
-- contain, with the amount expected. Rewritten by each reconciliation of the claim.
CREATE TABLE tagihan_tidak_diklaim (
  id          INTEGER PRIMARY KEY,
  tagihan_id  INTEGER NOT NULL REFERENCES tagihan (id),
  pinjaman_id INTEGER NOT NULL REFERENCES pinjaman (id),
  periode     TEXT NOT NULL,
  diharapkan  INTEGER NOT NULL CHECK (diharapkan > 0),
  UNIQUE (tagihan_id, pinjaman_id, periode)
);

-- An approved claim's lines are fixed: the agreed amounts and decisions can no longer change
-- (the service refuses first; this is the backstop).
CREATE TRIGGER tagihan_baris_terkunci BEFORE UPDATE OF disetujui, keputusan, status, diklaim, diharapkan ON tagihan_baris
WHEN EXISTS (SELECT 1 FROM tagihan WHERE id = OLD.tagihan_id AND status IN ('disetujui', 'dibayar') AND disetujui_oleh IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'Tagihan sudah disetujui; barisnya tidak dapat diubah'); END;
