-- 0014_import_kinds: the kinds of file an import can be, beyond the banks' positions and claims and
-- the insurers' invoices (issue 13): a bank's list of loans with their debtors (daftar nominatif,
-- and the office's old spreadsheets: 'pinjaman'), subsidy paid before the app ('riwayat') and the
-- recipient list of a Keputusan Bupati ('sk_penerima'). SQLite cannot change a CHECK in place, so
-- impor_berkas and impor_templat are rebuilt with the same rows and ids.
--
-- A decree's list belongs to the decree, not to a bank or an insurer: impor_berkas.sk_id names it
-- (the decree table comes with the decree register; the service checks the id), and a template may
-- belong to no sender at all (one per kind then).
--
-- posisi_bank, tagihan and premi refer to impor_berkas (id): the rows keep their ids; foreign keys
-- are off while the table is rebuilt and every reference is checked before the commit (migrate.ts).
-- migrate: foreign-keys-off

CREATE TABLE impor_berkas_baru (
  id              INTEGER PRIMARY KEY,
  jenis           TEXT NOT NULL CHECK (jenis IN ('posisi', 'tagihan', 'premi', 'pinjaman', 'riwayat', 'sk_penerima')),
  bank_id         INTEGER REFERENCES bank (id),
  penjamin_id     INTEGER REFERENCES penjamin (id),
  sk_id           INTEGER,
  nama_berkas     TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  lokasi          TEXT,
  jumlah_baris    INTEGER NOT NULL DEFAULT 0,
  dibuat          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  dibuat_oleh     TEXT,
  format          TEXT CHECK (format IS NULL OR format IN ('csv', 'xlsx')),
  jumlah_dilewati INTEGER NOT NULL DEFAULT 0 CHECK (jumlah_dilewati >= 0),
  total_nilai     INTEGER,
  periode_awal    TEXT,
  periode_akhir   TEXT,
  pemetaan        TEXT,
  opsi            TEXT,
  diganti_kali    INTEGER NOT NULL DEFAULT 0 CHECK (diganti_kali >= 0),
  diganti_pada    TEXT,
  UNIQUE (jenis, sha256)
);
INSERT INTO impor_berkas_baru (id, jenis, bank_id, penjamin_id, nama_berkas, sha256, lokasi, jumlah_baris, dibuat, dibuat_oleh, format,
                               jumlah_dilewati, total_nilai, periode_awal, periode_akhir, pemetaan, opsi, diganti_kali, diganti_pada)
  SELECT id, jenis, bank_id, penjamin_id, nama_berkas, sha256, lokasi, jumlah_baris, dibuat, dibuat_oleh, format,
         jumlah_dilewati, total_nilai, periode_awal, periode_akhir, pemetaan, opsi, diganti_kali, diganti_pada
  FROM impor_berkas;
DROP TABLE impor_berkas;
ALTER TABLE impor_berkas_baru RENAME TO impor_berkas;
CREATE INDEX impor_berkas_bank ON impor_berkas (bank_id, dibuat);
CREATE INDEX impor_berkas_penjamin ON impor_berkas (penjamin_id, dibuat);
CREATE INDEX impor_berkas_sk ON impor_berkas (sk_id, dibuat) WHERE sk_id IS NOT NULL;

CREATE TABLE impor_templat_baru (
  id          INTEGER PRIMARY KEY,
  jenis       TEXT NOT NULL CHECK (jenis IN ('posisi', 'tagihan', 'premi', 'pinjaman', 'riwayat', 'sk_penerima')),
  bank_id     INTEGER REFERENCES bank (id),
  penjamin_id INTEGER REFERENCES penjamin (id),
  pemetaan    TEXT NOT NULL CHECK (json_valid(pemetaan)),
  opsi        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(opsi)),
  diubah      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah_oleh TEXT NOT NULL,
  CHECK (bank_id IS NULL OR penjamin_id IS NULL)
);
INSERT INTO impor_templat_baru (id, jenis, bank_id, penjamin_id, pemetaan, opsi, diubah, diubah_oleh)
  SELECT id, jenis, bank_id, penjamin_id, pemetaan, opsi, diubah, diubah_oleh FROM impor_templat;
DROP TABLE impor_templat;
ALTER TABLE impor_templat_baru RENAME TO impor_templat;
CREATE UNIQUE INDEX impor_templat_bank ON impor_templat (jenis, bank_id) WHERE bank_id IS NOT NULL;
CREATE UNIQUE INDEX impor_templat_penjamin ON impor_templat (jenis, penjamin_id) WHERE penjamin_id IS NOT NULL;
CREATE UNIQUE INDEX impor_templat_umum ON impor_templat (jenis) WHERE bank_id IS NULL AND penjamin_id IS NULL;
