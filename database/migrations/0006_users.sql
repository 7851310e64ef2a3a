-- Users of this database file, their roles, and who recorded an insurer's invoice (four-eyes).
-- Passwords are scrypt hashes with their parameters ('scrypt$N$r$p$salt$hash'), never the password.
CREATE TABLE pengguna (
  id               INTEGER PRIMARY KEY,
  username         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 3 AND 40),
  nama             TEXT NOT NULL,
  peran            TEXT NOT NULL CHECK (peran IN ('admin', 'operator', 'verifikator', 'bank', 'pemantau')),
  -- A bank liaison officer is bound to exactly one bank; nobody else is.
  bank_id          INTEGER REFERENCES bank (id),
  password_hash    TEXT NOT NULL,
  wajib_ganti_sandi INTEGER NOT NULL DEFAULT 0 CHECK (wajib_ganti_sandi IN (0, 1)),
  gagal_masuk      INTEGER NOT NULL DEFAULT 0 CHECK (gagal_masuk >= 0),
  terkunci_sampai  TEXT,
  aktif            INTEGER NOT NULL DEFAULT 1 CHECK (aktif IN (0, 1)),
  dibuat           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((peran = 'bank') = (bank_id IS NOT NULL))
);

ALTER TABLE premi ADD COLUMN tagihan_dicatat_oleh TEXT;
