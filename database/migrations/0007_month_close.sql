-- Closing a month (tutup buku): a closed month's bank positions (by their month), payments (by
-- the SP2D's date) and insurance claims (by their date) can no longer change. Paying January's
-- subsidy in March stays possible after January is closed: the payment belongs to March. A row here means the month is closed; reopening
-- (admin, with a reason, audited) deletes it. The services refuse with a clear message first;
-- these triggers are the backstop for anything that reaches the tables another way.
CREATE TABLE tutup_buku (
  periode      TEXT PRIMARY KEY CHECK (periode GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
  ditutup_oleh TEXT NOT NULL,
  ditutup_pada TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TRIGGER posisi_bank_tutup_insert BEFORE INSERT ON posisi_bank
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = NEW.periode)
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER posisi_bank_tutup_update BEFORE UPDATE ON posisi_bank
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode IN (OLD.periode, NEW.periode))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER posisi_bank_tutup_delete BEFORE DELETE ON posisi_bank
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = OLD.periode)
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER pembayaran_tutup BEFORE INSERT ON pembayaran
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(NEW.tanggal_sp2d, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER pembayaran_premi_tutup BEFORE INSERT ON pembayaran_premi
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(NEW.tanggal_sp2d, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER klaim_asuransi_tutup_insert BEFORE INSERT ON klaim_asuransi
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(NEW.tanggal, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER klaim_asuransi_tutup_update BEFORE UPDATE ON klaim_asuransi
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode IN (substr(OLD.tanggal, 1, 7), substr(NEW.tanggal, 1, 7)))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

-- Nor may a closed month's payments or claims disappear.
CREATE TRIGGER pembayaran_tutup_delete BEFORE DELETE ON pembayaran
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(OLD.tanggal_sp2d, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER pembayaran_premi_tutup_delete BEFORE DELETE ON pembayaran_premi
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(OLD.tanggal_sp2d, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

CREATE TRIGGER klaim_asuransi_tutup_delete BEFORE DELETE ON klaim_asuransi
WHEN EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(OLD.tanggal, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;
