-- 0018_sk_penerima: the recipient decree (Keputusan/SK Bupati penerima). The Bupati names the
-- recipients: per person NIK, name, bank and bank unit, plafon. The 2020 audit found payments to
-- names that were not customers of the bank unit the decree named, so every loan is checked
-- against the decrees of its scheme (electron/domain/decree.ts).

CREATE TABLE sk_penerima (
  id          INTEGER PRIMARY KEY,
  nomor       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(nomor)) > 0),
  tanggal     TEXT NOT NULL CHECK (tanggal GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  tahun       INTEGER NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
  skema_id    INTEGER NOT NULL REFERENCES skema (id),
  keterangan  TEXT,
  dibuat      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  dibuat_oleh TEXT NOT NULL,
  diubah      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah_oleh TEXT NOT NULL
);
CREATE INDEX sk_penerima_skema ON sk_penerima (skema_id, tahun);

-- One recipient of a decree: the unit is kept as the decree wrote it (unit_tertulis) and as the
-- bank branch it was matched to (cabang_id). One person appears once per bank in a decree.
CREATE TABLE sk_penerima_baris (
  id            INTEGER PRIMARY KEY,
  sk_id         INTEGER NOT NULL REFERENCES sk_penerima (id),
  no_urut       INTEGER CHECK (no_urut IS NULL OR no_urut > 0),
  nik           TEXT NOT NULL CHECK (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'),
  nama          TEXT NOT NULL CHECK (length(trim(nama)) > 0),
  bank_id       INTEGER NOT NULL REFERENCES bank (id),
  cabang_id     INTEGER NOT NULL REFERENCES bank_cabang (id),
  unit_tertulis TEXT,
  plafon        INTEGER CHECK (plafon IS NULL OR plafon > 0),
  impor_id      INTEGER REFERENCES impor_berkas (id),
  dibuat        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (sk_id, nik, bank_id)
);
-- The run reads every decree row of its bank's debtors in one query, by NIK.
CREATE INDEX sk_penerima_baris_nik ON sk_penerima_baris (nik);

-- Whether a loan not named in a decree for its bank and unit loses its subsidy (1) or is only
-- flagged (0, the default).
ALTER TABLE skema ADD COLUMN tolak_tanpa_sk INTEGER NOT NULL DEFAULT 0 CHECK (tolak_tanpa_sk IN (0, 1));
