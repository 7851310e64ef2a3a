-- 0022_loan_imports: loans entered from a bank's list or the office's old spreadsheets (import kind
-- 'pinjaman', issue 13) name the file they came from, and the states a loan can only reach with its
-- dates are refused without them, whoever writes the row:
--  - a loan past approval (aktif, lunas, macet, klaim, hapus buku) has its disbursement date, not
--    before its agreement date;
--  - a paid-off loan (lunas) has its payoff date, not before disbursement.
-- Existing rows are not rechecked (the triggers guard writes from now on).

ALTER TABLE pinjaman ADD COLUMN impor_id INTEGER REFERENCES impor_berkas (id);
CREATE INDEX pinjaman_impor ON pinjaman (impor_id) WHERE impor_id IS NOT NULL;

CREATE TRIGGER pinjaman_tanggal_status_insert BEFORE INSERT ON pinjaman
WHEN (NEW.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku') AND (NEW.tanggal_pencairan IS NULL OR NEW.tanggal_pencairan < NEW.tanggal_akad))
  OR (NEW.status = 'lunas' AND (NEW.tanggal_lunas IS NULL OR NEW.tanggal_lunas < NEW.tanggal_pencairan))
BEGIN
  SELECT RAISE(ABORT, 'Pinjaman tanpa tanggal pencairan atau tanggal lunas yang sah untuk statusnya');
END;

CREATE TRIGGER pinjaman_tanggal_status_update BEFORE UPDATE OF status, tanggal_pencairan, tanggal_lunas, tanggal_akad ON pinjaman
WHEN (NEW.status IN ('aktif', 'lunas', 'macet', 'klaim', 'hapus_buku') AND (NEW.tanggal_pencairan IS NULL OR NEW.tanggal_pencairan < NEW.tanggal_akad))
  OR (NEW.status = 'lunas' AND (NEW.tanggal_lunas IS NULL OR NEW.tanggal_lunas < NEW.tanggal_pencairan))
BEGIN
  SELECT RAISE(ABORT, 'Pinjaman tanpa tanggal pencairan atau tanggal lunas yang sah untuk statusnya');
END;
