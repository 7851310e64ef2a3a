-- 0009_imports: importing the files banks and insurers send (issue 4, import part).
--
-- impor_berkas (0001) keeps one row per file content and kind (UNIQUE (jenis, sha256)): the same
-- content is never counted twice. Replacing an import (same content, e.g. with a corrected
-- mapping) reuses that row: what the earlier import produced is removed first (only while nothing
-- depends on it), the row is updated and counts the replacement; the audit trail keeps the before.

ALTER TABLE impor_berkas ADD COLUMN dibuat_oleh TEXT;
ALTER TABLE impor_berkas ADD COLUMN format TEXT CHECK (format IS NULL OR format IN ('csv', 'xlsx'));
-- Rows of the file with errors, not written (jumlah_baris counts the rows written).
ALTER TABLE impor_berkas ADD COLUMN jumlah_dilewati INTEGER NOT NULL DEFAULT 0 CHECK (jumlah_dilewati >= 0);
-- Sum of the money written (claimed subsidy, outstanding, premium): integer rupiah.
ALTER TABLE impor_berkas ADD COLUMN total_nilai INTEGER;
ALTER TABLE impor_berkas ADD COLUMN periode_awal TEXT;
ALTER TABLE impor_berkas ADD COLUMN periode_akhir TEXT;
-- The mapping and reading options used (JSON), so the import can be traced and repeated.
ALTER TABLE impor_berkas ADD COLUMN pemetaan TEXT;
ALTER TABLE impor_berkas ADD COLUMN opsi TEXT;
ALTER TABLE impor_berkas ADD COLUMN diganti_kali INTEGER NOT NULL DEFAULT 0 CHECK (diganti_kali >= 0);
ALTER TABLE impor_berkas ADD COLUMN diganti_pada TEXT;

CREATE INDEX impor_berkas_bank ON impor_berkas (bank_id, dibuat);
CREATE INDEX impor_berkas_penjamin ON impor_berkas (penjamin_id, dibuat);

-- What an import produced, found again when it is replaced or shown.
CREATE INDEX posisi_bank_impor ON posisi_bank (impor_id) WHERE impor_id IS NOT NULL;
CREATE INDEX tagihan_impor ON tagihan (impor_id) WHERE impor_id IS NOT NULL;
CREATE INDEX premi_impor ON premi (impor_id) WHERE impor_id IS NOT NULL;

-- The column mapping a bank (or insurer) uses for a kind of file: saved on each commit and
-- suggested the next time. pemetaan: JSON {field: column header}; opsi: JSON reading options
-- (delimiter, encoding, sheet, header row, number style).
CREATE TABLE impor_templat (
  id          INTEGER PRIMARY KEY,
  jenis       TEXT NOT NULL CHECK (jenis IN ('posisi', 'tagihan', 'premi')),
  bank_id     INTEGER REFERENCES bank (id),
  penjamin_id INTEGER REFERENCES penjamin (id),
  pemetaan    TEXT NOT NULL CHECK (json_valid(pemetaan)),
  opsi        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(opsi)),
  diubah      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah_oleh TEXT NOT NULL,
  CHECK ((bank_id IS NULL) <> (penjamin_id IS NULL))
);
CREATE UNIQUE INDEX impor_templat_bank ON impor_templat (jenis, bank_id) WHERE bank_id IS NOT NULL;
CREATE UNIQUE INDEX impor_templat_penjamin ON impor_templat (jenis, penjamin_id) WHERE penjamin_id IS NOT NULL;
