-- 0001_core: the core tables of the program.
-- Conventions: money is INTEGER rupiah; rates are TEXT holding an exact decimal
-- percentage per year (e.g. '11.5' = 11,5 %), never REAL; dates are TEXT 'YYYY-MM-DD';
-- periods are TEXT 'YYYY-MM'; flags are INTEGER 0/1. Nothing that money has touched is
-- deleted: rows are deactivated (aktif = 0) instead.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Reference data (editable by an admin, seeded by 0002).
CREATE TABLE kecamatan (
  id           INTEGER PRIMARY KEY,
  nama         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(nama)) > 0),
  kode_wilayah TEXT CHECK (kode_wilayah IS NULL OR kode_wilayah GLOB '[0-9][0-9].[0-9][0-9].[0-9][0-9]'),
  aktif        INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1))
);

CREATE TABLE sektor (
  id    INTEGER PRIMARY KEY,
  nama  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(nama)) > 0),
  aktif INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1))
);

-- Partner banks and their branches (unit/cabang).
CREATE TABLE bank (
  id          INTEGER PRIMARY KEY,
  kode        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(kode)) > 0),
  nama        TEXT NOT NULL CHECK (length(trim(nama)) > 0),
  jenis       TEXT NOT NULL DEFAULT 'umum' CHECK (jenis IN ('umum', 'bpr', 'syariah')),
  alamat      TEXT,
  pic_nama    TEXT,
  pic_jabatan TEXT,
  pic_telepon TEXT,
  pic_email   TEXT,
  aktif       INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1)),
  dibuat      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE bank_cabang (
  id      INTEGER PRIMARY KEY,
  bank_id INTEGER NOT NULL REFERENCES bank (id),
  kode    TEXT NOT NULL CHECK (length(trim(kode)) > 0),
  nama    TEXT NOT NULL CHECK (length(trim(nama)) > 0),
  alamat  TEXT,
  aktif   INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1)),
  UNIQUE (bank_id, kode)
);

-- Insurers and guarantors (asuransi kredit / penjaminan).
CREATE TABLE penjamin (
  id       INTEGER PRIMARY KEY,
  kode     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(kode)) > 0),
  nama     TEXT NOT NULL CHECK (length(trim(nama)) > 0),
  jenis    TEXT NOT NULL DEFAULT 'asuransi' CHECK (jenis IN ('asuransi', 'penjaminan')),
  alamat   TEXT,
  pic_nama TEXT,
  telepon  TEXT,
  email    TEXT,
  aktif    INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1)),
  dibuat   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Debtors: one per NIK. Gender and birth date are derived from the NIK on write.
CREATE TABLE debitur (
  id            INTEGER PRIMARY KEY,
  nik           TEXT NOT NULL UNIQUE CHECK (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'),
  nama          TEXT NOT NULL CHECK (length(trim(nama)) > 0),
  jenis_kelamin TEXT NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
  tanggal_lahir TEXT NOT NULL CHECK (tanggal_lahir GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  nama_usaha    TEXT,
  sektor_id     INTEGER REFERENCES sektor (id),
  skala         TEXT NOT NULL CHECK (skala IN ('mikro', 'kecil', 'menengah', 'koperasi')),
  alamat        TEXT,
  kecamatan_id  INTEGER REFERENCES kecamatan (id),
  desa          TEXT,
  telepon       TEXT,
  npwp          TEXT CHECK (npwp IS NULL OR length(npwp) IN (15, 16) AND npwp NOT GLOB '*[^0-9]*'),
  nib           TEXT CHECK (nib IS NULL OR nib NOT GLOB '*[^0-9]*'),
  aktif         INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1)),
  dibuat        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX debitur_nama ON debitur (nama COLLATE NOCASE);
CREATE INDEX debitur_kecamatan ON debitur (kecamatan_id);

-- Budget: pagu per fiscal year and budget line.
CREATE TABLE pagu (
  id            INTEGER PRIMARY KEY,
  tahun         INTEGER NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
  jenis         TEXT NOT NULL CHECK (jenis IN ('subsidi_bunga', 'premi')),
  kode_rekening TEXT NOT NULL,
  uraian        TEXT NOT NULL,
  jumlah        INTEGER NOT NULL CHECK (jumlah >= 0),
  UNIQUE (tahun, kode_rekening)
);

-- Schemes (skema): the rules a group of loans is subsidised under.
CREATE TABLE skema (
  id                      INTEGER PRIMARY KEY,
  kode                    TEXT NOT NULL UNIQUE COLLATE NOCASE,
  nama                    TEXT NOT NULL,
  berlaku_dari            TEXT NOT NULL,
  berlaku_sampai          TEXT,
  bunga_bank_persen       TEXT NOT NULL,
  bunga_debitur_persen    TEXT NOT NULL,
  jenis_subsidi           TEXT NOT NULL DEFAULT 'selisih' CHECK (jenis_subsidi IN ('selisih', 'persentase')),
  porsi_subsidi_persen    TEXT,
  metode_bunga            TEXT NOT NULL CHECK (metode_bunga IN ('flat', 'efektif', 'anuitas')),
  basis_subsidi           TEXT NOT NULL DEFAULT 'outstanding' CHECK (basis_subsidi IN ('outstanding', 'plafon')),
  konvensi_hari           TEXT NOT NULL DEFAULT 'act360' CHECK (konvensi_hari IN ('act360', 'act365', '30360')),
  pembulatan              TEXT NOT NULL DEFAULT 'half_up' CHECK (pembulatan IN ('half_up', 'floor')),
  kol_maks                INTEGER NOT NULL DEFAULT 2 CHECK (kol_maks BETWEEN 1 AND 5),
  wajib_angsuran          INTEGER NOT NULL DEFAULT 0 CHECK (wajib_angsuran IN (0, 1)),
  hanya_tahun_anggaran    INTEGER NOT NULL DEFAULT 0 CHECK (hanya_tahun_anggaran IN (0, 1)),
  plafon_maks             INTEGER CHECK (plafon_maks IS NULL OR plafon_maks > 0),
  tenor_maks              INTEGER CHECK (tenor_maks IS NULL OR tenor_maks > 0),
  tolak_pembiayaan_ganda  INTEGER NOT NULL DEFAULT 1 CHECK (tolak_pembiayaan_ganda IN (0, 1)),
  penjamin_id             INTEGER REFERENCES penjamin (id),
  premi_basis             TEXT NOT NULL DEFAULT 'sekali' CHECK (premi_basis IN ('sekali', 'tahunan', 'tabel')),
  premi_tarif_persen      TEXT,
  porsi_jaminan_persen    TEXT,
  toleransi_rekonsiliasi  INTEGER NOT NULL DEFAULT 1 CHECK (toleransi_rekonsiliasi >= 0),
  aktif                   INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1))
);

CREATE TABLE skema_premi_tenor (
  id          INTEGER PRIMARY KEY,
  skema_id    INTEGER NOT NULL REFERENCES skema (id),
  tenor_min   INTEGER NOT NULL CHECK (tenor_min > 0),
  tenor_maks  INTEGER NOT NULL CHECK (tenor_maks >= tenor_min),
  tarif_persen TEXT NOT NULL
);

CREATE TABLE skema_pagu (
  skema_id INTEGER NOT NULL REFERENCES skema (id),
  pagu_id  INTEGER NOT NULL REFERENCES pagu (id),
  PRIMARY KEY (skema_id, pagu_id)
);

-- Files received (bank positions, claims, insurer invoices): kept and hashed so a file
-- is never counted twice.
CREATE TABLE impor_berkas (
  id         INTEGER PRIMARY KEY,
  jenis      TEXT NOT NULL CHECK (jenis IN ('posisi', 'tagihan', 'premi')),
  bank_id    INTEGER REFERENCES bank (id),
  penjamin_id INTEGER REFERENCES penjamin (id),
  nama_berkas TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  lokasi     TEXT,
  jumlah_baris INTEGER NOT NULL DEFAULT 0,
  dibuat     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (jenis, sha256)
);

-- Loans: one record per loan agreement (akad).
CREATE TABLE pinjaman (
  id                     INTEGER PRIMARY KEY,
  debitur_id             INTEGER NOT NULL REFERENCES debitur (id),
  bank_id                INTEGER NOT NULL REFERENCES bank (id),
  cabang_id              INTEGER REFERENCES bank_cabang (id),
  skema_id               INTEGER NOT NULL REFERENCES skema (id),
  nomor_rekening         TEXT NOT NULL CHECK (length(trim(nomor_rekening)) > 0),
  nomor_akad             TEXT NOT NULL,
  tanggal_akad           TEXT NOT NULL,
  tanggal_pencairan      TEXT,
  plafon                 INTEGER NOT NULL CHECK (plafon > 0),
  tenor_bulan            INTEGER NOT NULL CHECK (tenor_bulan > 0),
  bunga_bank_persen      TEXT NOT NULL,
  bunga_debitur_persen   TEXT NOT NULL,
  alasan_ubah_bunga      TEXT,
  tanggal_angsuran_pertama TEXT,
  status                 TEXT NOT NULL DEFAULT 'diajukan'
                         CHECK (status IN ('diajukan', 'disetujui', 'aktif', 'lunas', 'macet', 'klaim', 'hapus_buku', 'ditolak')),
  tanggal_lunas          TEXT,
  dibuat                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  diubah                 TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (bank_id, nomor_rekening),
  UNIQUE (bank_id, nomor_akad)
);
CREATE INDEX pinjaman_debitur ON pinjaman (debitur_id);
CREATE INDEX pinjaman_skema ON pinjaman (skema_id);

-- Restructurings: new tenor/rate from a date.
CREATE TABLE restrukturisasi (
  id                   INTEGER PRIMARY KEY,
  pinjaman_id          INTEGER NOT NULL REFERENCES pinjaman (id),
  berlaku_mulai        TEXT NOT NULL,
  tenor_bulan          INTEGER CHECK (tenor_bulan IS NULL OR tenor_bulan > 0),
  bunga_bank_persen    TEXT,
  bunga_debitur_persen TEXT,
  alasan               TEXT NOT NULL,
  dibuat               TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- A bank's monthly report on a loan.
CREATE TABLE posisi_bank (
  id               INTEGER PRIMARY KEY,
  pinjaman_id      INTEGER NOT NULL REFERENCES pinjaman (id),
  periode          TEXT NOT NULL CHECK (periode GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  outstanding      INTEGER NOT NULL CHECK (outstanding >= 0),
  kol              INTEGER NOT NULL CHECK (kol BETWEEN 1 AND 5),
  hari_tunggakan   INTEGER NOT NULL DEFAULT 0 CHECK (hari_tunggakan >= 0),
  angsuran_dibayar INTEGER NOT NULL DEFAULT 1 CHECK (angsuran_dibayar IN (0, 1)),
  sumber           TEXT NOT NULL DEFAULT 'manual' CHECK (sumber IN ('manual', 'impor')),
  impor_id         INTEGER REFERENCES impor_berkas (id),
  UNIQUE (pinjaman_id, periode)
);

-- A bank's claim (tagihan) for a period and its lines.
CREATE TABLE tagihan (
  id              INTEGER PRIMARY KEY,
  bank_id         INTEGER NOT NULL REFERENCES bank (id),
  periode_awal    TEXT NOT NULL,
  periode_akhir   TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'draf' CHECK (status IN ('draf', 'diverifikasi', 'disetujui', 'dibayar', 'dibatalkan')),
  total_diklaim   INTEGER NOT NULL DEFAULT 0 CHECK (total_diklaim >= 0),
  total_disetujui INTEGER CHECK (total_disetujui IS NULL OR total_disetujui >= 0),
  impor_id        INTEGER REFERENCES impor_berkas (id),
  dibuat          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE tagihan_baris (
  id             INTEGER PRIMARY KEY,
  tagihan_id     INTEGER NOT NULL REFERENCES tagihan (id),
  nomor_baris    INTEGER NOT NULL,
  pinjaman_id    INTEGER REFERENCES pinjaman (id),
  periode        TEXT NOT NULL,
  nomor_rekening TEXT NOT NULL,
  nik            TEXT,
  nama           TEXT,
  outstanding    INTEGER,
  bunga_persen   TEXT,
  hari           INTEGER,
  kol            INTEGER,
  diklaim        INTEGER NOT NULL CHECK (diklaim >= 0),
  diharapkan     INTEGER,
  disetujui      INTEGER CHECK (disetujui IS NULL OR disetujui >= 0),
  status         TEXT,
  keterangan     TEXT
);
CREATE INDEX tagihan_baris_tagihan ON tagihan_baris (tagihan_id);

-- Payments (SP2D) against an approved claim.
CREATE TABLE pembayaran (
  id          INTEGER PRIMARY KEY,
  tagihan_id  INTEGER NOT NULL REFERENCES tagihan (id),
  nomor_sp2d  TEXT NOT NULL UNIQUE,
  tanggal_sp2d TEXT NOT NULL,
  jumlah      INTEGER NOT NULL CHECK (jumlah > 0),
  pagu_id     INTEGER REFERENCES pagu (id),
  dibuat      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The guard against paying a loan-period twice: one row per paid loan and month.
CREATE TABLE periode_dibayar (
  pinjaman_id     INTEGER NOT NULL REFERENCES pinjaman (id),
  periode         TEXT NOT NULL,
  tagihan_baris_id INTEGER NOT NULL REFERENCES tagihan_baris (id),
  PRIMARY KEY (pinjaman_id, periode)
);

-- Insurance premiums, invoices, payments and claims.
CREATE TABLE premi (
  id          INTEGER PRIMARY KEY,
  pinjaman_id INTEGER NOT NULL UNIQUE REFERENCES pinjaman (id),
  penjamin_id INTEGER NOT NULL REFERENCES penjamin (id),
  tarif_persen TEXT NOT NULL,
  jumlah      INTEGER NOT NULL CHECK (jumlah >= 0),
  status      TEXT NOT NULL DEFAULT 'terhitung' CHECK (status IN ('terhitung', 'ditagih', 'dibayar')),
  impor_id    INTEGER REFERENCES impor_berkas (id)
);

CREATE TABLE pembayaran_premi (
  id           INTEGER PRIMARY KEY,
  penjamin_id  INTEGER NOT NULL REFERENCES penjamin (id),
  nomor_sp2d   TEXT NOT NULL UNIQUE,
  tanggal_sp2d TEXT NOT NULL,
  jumlah       INTEGER NOT NULL CHECK (jumlah > 0),
  pagu_id      INTEGER REFERENCES pagu (id)
);

CREATE TABLE klaim_asuransi (
  id             INTEGER PRIMARY KEY,
  pinjaman_id    INTEGER NOT NULL UNIQUE REFERENCES pinjaman (id),
  tanggal        TEXT NOT NULL,
  outstanding    INTEGER NOT NULL CHECK (outstanding >= 0),
  porsi_persen   TEXT NOT NULL,
  jumlah         INTEGER NOT NULL CHECK (jumlah >= 0),
  status         TEXT NOT NULL DEFAULT 'diajukan' CHECK (status IN ('diajukan', 'dibayar', 'ditolak'))
);

-- Audit trail: who changed what, written in the same transaction as the change.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  waktu     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  pengguna  TEXT NOT NULL,
  aksi      TEXT NOT NULL,
  entitas   TEXT NOT NULL,
  entitas_id INTEGER,
  sebelum   TEXT,
  sesudah   TEXT
);
CREATE INDEX audit_log_entitas ON audit_log (entitas, entitas_id);
