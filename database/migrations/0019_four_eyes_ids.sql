-- Four-eyes compares who did what by user id, never by user name: an account can be renamed
-- (users.save), so a name says nothing about who entered a record. Each record that four-eyes
-- reads keeps the id of whoever entered it; records written before this migration get the id of
-- the user whose name they carry, where such a user exists today (case-insensitive, as user
-- names are). A record written by the trusted caller (CLI, demo data) has no user id.

ALTER TABLE pinjaman ADD COLUMN dibuat_oleh_id INTEGER REFERENCES pengguna (id);
ALTER TABLE pinjaman_riwayat ADD COLUMN pengguna_id INTEGER REFERENCES pengguna (id);
ALTER TABLE impor_berkas ADD COLUMN dibuat_oleh_id INTEGER REFERENCES pengguna (id);
ALTER TABLE tagihan ADD COLUMN dibuat_oleh_id INTEGER REFERENCES pengguna (id);
ALTER TABLE tagihan ADD COLUMN disetujui_oleh_id INTEGER REFERENCES pengguna (id);
ALTER TABLE premi ADD COLUMN tagihan_dicatat_oleh_id INTEGER REFERENCES pengguna (id);
ALTER TABLE pembayaran ADD COLUMN dicatat_oleh_id INTEGER REFERENCES pengguna (id);
ALTER TABLE pembayaran_premi ADD COLUMN dicatat_oleh_id INTEGER REFERENCES pengguna (id);

-- Backfill from the names recorded so far.
UPDATE pinjaman SET dibuat_oleh_id = (
  SELECT u.id FROM pengguna u
  WHERE u.username = (SELECT a.pengguna FROM audit_log a WHERE a.entitas = 'pinjaman' AND a.entitas_id = pinjaman.id AND a.aksi = 'buat' ORDER BY a.id LIMIT 1)
);
UPDATE pinjaman_riwayat SET pengguna_id = (SELECT u.id FROM pengguna u WHERE u.username = pinjaman_riwayat.pengguna);
UPDATE impor_berkas SET dibuat_oleh_id = (SELECT u.id FROM pengguna u WHERE u.username = impor_berkas.dibuat_oleh) WHERE dibuat_oleh IS NOT NULL;
UPDATE tagihan SET dibuat_oleh_id = (SELECT u.id FROM pengguna u WHERE u.username = tagihan.dibuat_oleh) WHERE dibuat_oleh IS NOT NULL;
UPDATE tagihan SET disetujui_oleh_id = (SELECT u.id FROM pengguna u WHERE u.username = tagihan.disetujui_oleh) WHERE disetujui_oleh IS NOT NULL;
UPDATE premi SET tagihan_dicatat_oleh_id = (SELECT u.id FROM pengguna u WHERE u.username = premi.tagihan_dicatat_oleh) WHERE tagihan_dicatat_oleh IS NOT NULL;

-- The database refuses too: nobody approves or rejects a loan application they entered, approves
-- a claim they entered or imported, or pays a premium whose invoice they recorded.
CREATE TRIGGER pinjaman_empat_mata BEFORE INSERT ON pinjaman_riwayat
WHEN NEW.ke IN ('disetujui', 'ditolak') AND NEW.pengguna_id IS NOT NULL
  AND NEW.pengguna_id = (SELECT dibuat_oleh_id FROM pinjaman WHERE id = NEW.pinjaman_id)
BEGIN SELECT RAISE(ABORT, 'Prinsip empat mata: pengajuan tidak dapat diputuskan oleh yang memasukkannya'); END;

CREATE TRIGGER tagihan_empat_mata BEFORE UPDATE OF disetujui_oleh_id ON tagihan
WHEN NEW.disetujui_oleh_id IS NOT NULL AND (
  NEW.disetujui_oleh_id = NEW.dibuat_oleh_id
  OR NEW.disetujui_oleh_id = (SELECT dibuat_oleh_id FROM impor_berkas WHERE id = NEW.impor_id))
BEGIN SELECT RAISE(ABORT, 'Prinsip empat mata: tagihan tidak dapat disetujui oleh yang memasukkannya'); END;

CREATE TRIGGER premi_empat_mata BEFORE UPDATE OF status ON premi
WHEN NEW.status = 'dibayar' AND OLD.tagihan_dicatat_oleh_id IS NOT NULL
  AND OLD.tagihan_dicatat_oleh_id = (SELECT dicatat_oleh_id FROM pembayaran_premi WHERE id = NEW.pembayaran_premi_id)
BEGIN SELECT RAISE(ABORT, 'Prinsip empat mata: premi tidak dapat dibayar oleh yang mencatat tagihannya'); END;
