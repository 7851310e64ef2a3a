-- 0003_loan_engine: what the loan engine records beyond the core tables.

-- How a premium was computed, in words ('1,5 % × Rp50.000.000 = Rp750.000'), kept with it.
ALTER TABLE premi ADD COLUMN rincian TEXT;

-- Why a loan changed state (refusal, write-off, …), for the loan's history.
CREATE TABLE pinjaman_riwayat (
  id          INTEGER PRIMARY KEY,
  pinjaman_id INTEGER NOT NULL REFERENCES pinjaman (id),
  dari        TEXT NOT NULL,
  ke          TEXT NOT NULL,
  tanggal     TEXT NOT NULL,
  alasan      TEXT,
  pengguna    TEXT NOT NULL,
  dibuat      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX pinjaman_riwayat_pinjaman ON pinjaman_riwayat (pinjaman_id);

CREATE INDEX pinjaman_bank_status ON pinjaman (bank_id, status);
CREATE INDEX pembayaran_pagu ON pembayaran (pagu_id);
