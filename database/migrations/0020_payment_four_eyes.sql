-- Money leaves only after a second person: the database refuses what the services refuse.

-- A premium is paid on the insurer's invoice only, never while merely computed ('terhitung'), so
-- the invoice's recorder and the payer are two people (premi_empat_mata, migration 0019_four_eyes_ids).
CREATE TRIGGER premi_bayar_tanpa_tagihan BEFORE UPDATE OF status ON premi
WHEN NEW.status = 'dibayar' AND OLD.status <> 'ditagih'
BEGIN SELECT RAISE(ABORT, 'Premi hanya dapat dibayar setelah tagihan penjamin dicatat'); END;

-- An invoice once recorded is not silently recorded over (nor its recorder replaced); an import
-- that replaces an earlier one first returns its premiums to 'terhitung'.
CREATE TRIGGER premi_tagihan_sekali BEFORE UPDATE OF nomor_tagihan, tanggal_tagihan, tagihan_dicatat_oleh, tagihan_dicatat_oleh_id ON premi
WHEN OLD.status = 'ditagih' AND NEW.status = 'ditagih'
BEGIN SELECT RAISE(ABORT, 'Tagihan premi sudah dicatat; tidak dapat ditimpa'); END;

-- A signed-in user records an SP2D only against an approved claim, and never on a claim they
-- created or imported. (The trusted caller, dicatat_oleh_id NULL, writes historic payments.)
CREATE TRIGGER pembayaran_empat_mata BEFORE INSERT ON pembayaran
WHEN NEW.dicatat_oleh_id IS NOT NULL AND (
  NOT EXISTS (SELECT 1 FROM tagihan WHERE id = NEW.tagihan_id AND disetujui_oleh IS NOT NULL)
  OR NEW.dicatat_oleh_id IN (
    SELECT t.dibuat_oleh_id FROM tagihan t WHERE t.id = NEW.tagihan_id AND t.dibuat_oleh_id IS NOT NULL
    UNION SELECT f.dibuat_oleh_id FROM tagihan t JOIN impor_berkas f ON f.id = t.impor_id WHERE t.id = NEW.tagihan_id AND f.dibuat_oleh_id IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'Prinsip empat mata: SP2D hanya untuk tagihan yang disetujui, dicatat oleh selain yang memasukkan tagihan'); END;
