-- 0026_monitoring: monitoring and evaluation of the financed businesses (issue 15, docs/monitoring.md).
-- The business as it was at akad (one profile per loan), the monitoring visits (monev) with what the
-- officer found and the follow-up agreed, and the visit plans: a seeded random sample of running
-- loans, kept as drawn so the printed list can always be shown again exactly.

CREATE TABLE profil_usaha (
  pinjaman_id      INTEGER PRIMARY KEY REFERENCES pinjaman (id),
  omzet_bulanan    INTEGER NOT NULL CHECK (omzet_bulanan >= 0),
  pekerja_dibayar  INTEGER NOT NULL CHECK (pekerja_dibayar >= 0),
  pekerja_keluarga INTEGER NOT NULL CHECK (pekerja_keluarga >= 0),
  aset             INTEGER NOT NULL CHECK (aset >= 0),
  -- 'baru': the business starts with this loan; 'berjalan': it already ran before the akad.
  status_usaha     TEXT NOT NULL CHECK (status_usaha IN ('baru', 'berjalan')),
  diubah           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE rencana_monev (
  id        INTEGER PRIMARY KEY,
  periode   TEXT NOT NULL CHECK (periode GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  ukuran    INTEGER NOT NULL CHECK (ukuran > 0),
  seed      INTEGER NOT NULL CHECK (seed BETWEEN 1 AND 4294967295),
  populasi  INTEGER NOT NULL CHECK (populasi >= 0),
  pengguna  TEXT NOT NULL,
  dibuat    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE rencana_monev_pinjaman (
  rencana_id  INTEGER NOT NULL REFERENCES rencana_monev (id),
  urutan      INTEGER NOT NULL CHECK (urutan > 0),
  pinjaman_id INTEGER NOT NULL REFERENCES pinjaman (id),
  -- 'bankId:kecamatanId' ('-' for a debtor without a kecamatan), as the sample drew it.
  strata      TEXT NOT NULL,
  PRIMARY KEY (rencana_id, pinjaman_id),
  UNIQUE (rencana_id, urutan)
);

-- A plan is what was drawn and printed: never edited or removed afterwards (draw a new one).
CREATE TRIGGER rencana_monev_tetap_ubah BEFORE UPDATE ON rencana_monev
BEGIN SELECT RAISE(ABORT, 'Rencana kunjungan yang sudah dibuat tidak dapat diubah'); END;
CREATE TRIGGER rencana_monev_tetap_hapus BEFORE DELETE ON rencana_monev
BEGIN SELECT RAISE(ABORT, 'Rencana kunjungan yang sudah dibuat tidak dapat dihapus'); END;
CREATE TRIGGER rencana_monev_pinjaman_tetap_ubah BEFORE UPDATE ON rencana_monev_pinjaman
BEGIN SELECT RAISE(ABORT, 'Rencana kunjungan yang sudah dibuat tidak dapat diubah'); END;
CREATE TRIGGER rencana_monev_pinjaman_tetap_hapus BEFORE DELETE ON rencana_monev_pinjaman
BEGIN SELECT RAISE(ABORT, 'Rencana kunjungan yang sudah dibuat tidak dapat dihapus'); END;

CREATE TABLE kunjungan_monev (
  id                    INTEGER PRIMARY KEY,
  pinjaman_id           INTEGER NOT NULL REFERENCES pinjaman (id),
  rencana_id            INTEGER REFERENCES rencana_monev (id),
  tanggal               TEXT NOT NULL CHECK (tanggal GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  petugas               TEXT NOT NULL CHECK (length(trim(petugas)) > 0),
  omzet_bulanan         INTEGER NOT NULL CHECK (omzet_bulanan >= 0),
  pekerja_dibayar       INTEGER NOT NULL CHECK (pekerja_dibayar >= 0),
  pekerja_keluarga      INTEGER NOT NULL CHECK (pekerja_keluarga >= 0),
  status_usaha          TEXT NOT NULL CHECK (status_usaha IN ('berjalan', 'berkembang', 'menurun', 'tutup')),
  dana_sesuai           INTEGER NOT NULL CHECK (dana_sesuai IN (0, 1)),
  penggunaan_dana       TEXT,
  masalah               TEXT,
  tindak_lanjut         TEXT,
  tindak_lanjut_batas   TEXT CHECK (tindak_lanjut_batas IS NULL OR tindak_lanjut_batas GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  tindak_lanjut_selesai TEXT CHECK (tindak_lanjut_selesai IS NULL OR tindak_lanjut_selesai GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  pengguna              TEXT NOT NULL,
  pengguna_id           INTEGER,
  dibuat                TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  -- Funds not used as agreed: the officer writes how they were used.
  CHECK (dana_sesuai = 1 OR length(trim(coalesce(penggunaan_dana, ''))) > 0),
  -- A due date and a completion belong to a follow-up, and neither comes before the visit.
  CHECK (tindak_lanjut_batas IS NULL OR (tindak_lanjut IS NOT NULL AND tindak_lanjut_batas >= tanggal)),
  CHECK (tindak_lanjut_selesai IS NULL OR (tindak_lanjut IS NOT NULL AND tindak_lanjut_selesai >= tanggal))
);
CREATE INDEX kunjungan_monev_pinjaman ON kunjungan_monev (pinjaman_id, tanggal);
CREATE INDEX kunjungan_monev_tanggal ON kunjungan_monev (tanggal);
-- The dashboard's overdue follow-ups: open ones by due date.
CREATE INDEX kunjungan_monev_terbuka ON kunjungan_monev (tindak_lanjut_batas) WHERE tindak_lanjut_selesai IS NULL;

-- A business is visited once it has an agreement: never before the akad.
CREATE TRIGGER kunjungan_monev_sesudah_akad BEFORE INSERT ON kunjungan_monev
WHEN NEW.tanggal < (SELECT tanggal_akad FROM pinjaman WHERE id = NEW.pinjaman_id)
BEGIN SELECT RAISE(ABORT, 'Tanggal kunjungan sebelum tanggal akad pinjaman'); END;
CREATE TRIGGER kunjungan_monev_sesudah_akad_ubah BEFORE UPDATE OF tanggal, pinjaman_id ON kunjungan_monev
WHEN NEW.tanggal < (SELECT tanggal_akad FROM pinjaman WHERE id = NEW.pinjaman_id)
BEGIN SELECT RAISE(ABORT, 'Tanggal kunjungan sebelum tanggal akad pinjaman'); END;
