-- Record versions (issue 14, "concurrency a clerk can understand"): the records several people
-- edit or decide at once carry `versi`. The renderer gets it with the record and sends it back
-- with the edit; the service takes it inside the write transaction
-- (UPDATE … SET versi = versi + 1 WHERE id = ? AND versi = ?; no row → someone else changed it).
--
-- Every UPDATE bumps it, also one that forgets to (a repository, a script, the sqlite3 shell):
-- the AFTER UPDATE triggers below add one whenever the statement left versi as it was. A statement
-- that sets versi itself (the version check, the bulk updates of reconciliation) is not bumped
-- twice. recursive_triggers is off, so the trigger's own UPDATE does not fire it again.
ALTER TABLE pinjaman ADD COLUMN versi INTEGER NOT NULL DEFAULT 1;
ALTER TABLE debitur ADD COLUMN versi INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tagihan ADD COLUMN versi INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tagihan_baris ADD COLUMN versi INTEGER NOT NULL DEFAULT 1;
ALTER TABLE premi ADD COLUMN versi INTEGER NOT NULL DEFAULT 1;
ALTER TABLE koreksi ADD COLUMN versi INTEGER NOT NULL DEFAULT 1;

CREATE TRIGGER pinjaman_versi AFTER UPDATE ON pinjaman WHEN NEW.versi = OLD.versi
BEGIN UPDATE pinjaman SET versi = OLD.versi + 1 WHERE id = NEW.id; END;

CREATE TRIGGER debitur_versi AFTER UPDATE ON debitur WHEN NEW.versi = OLD.versi
BEGIN UPDATE debitur SET versi = OLD.versi + 1 WHERE id = NEW.id; END;

CREATE TRIGGER tagihan_versi AFTER UPDATE ON tagihan WHEN NEW.versi = OLD.versi
BEGIN UPDATE tagihan SET versi = OLD.versi + 1 WHERE id = NEW.id; END;

CREATE TRIGGER tagihan_baris_versi AFTER UPDATE ON tagihan_baris WHEN NEW.versi = OLD.versi
BEGIN UPDATE tagihan_baris SET versi = OLD.versi + 1 WHERE id = NEW.id; END;

CREATE TRIGGER premi_versi AFTER UPDATE ON premi WHEN NEW.versi = OLD.versi
BEGIN UPDATE premi SET versi = OLD.versi + 1 WHERE id = NEW.id; END;

CREATE TRIGGER koreksi_versi AFTER UPDATE ON koreksi WHEN NEW.versi = OLD.versi
BEGIN UPDATE koreksi SET versi = OLD.versi + 1 WHERE id = NEW.id; END;

-- A settled correction is fixed altogether (0023_payment_corrections), but its version may still
-- be taken: a second person settling it then reads "changed by someone else", not an abort. Only
-- the settlement's columns are listed; what the correction says is fixed by koreksi_tetap.
DROP TRIGGER koreksi_selesai_tetap;
CREATE TRIGGER koreksi_selesai_tetap BEFORE UPDATE ON koreksi
WHEN OLD.status = 'diselesaikan' AND NOT (
  NEW.versi = OLD.versi + 1 AND NEW.status IS OLD.status AND NEW.penyelesaian IS OLD.penyelesaian
  AND NEW.tagihan_kompensasi_id IS OLD.tagihan_kompensasi_id AND NEW.nomor_sts IS OLD.nomor_sts AND NEW.tanggal_sts IS OLD.tanggal_sts
  AND NEW.penyelesaian_oleh IS OLD.penyelesaian_oleh AND NEW.penyelesaian_oleh_id IS OLD.penyelesaian_oleh_id
  AND NEW.penyelesaian_pada IS OLD.penyelesaian_pada AND NEW.tanggal_selesai IS OLD.tanggal_selesai AND NEW.pagu_id IS OLD.pagu_id)
BEGIN SELECT RAISE(ABORT, 'Koreksi sudah diselesaikan; tidak dapat diubah'); END;
