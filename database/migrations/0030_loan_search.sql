-- The loan search by part of an agreement number at 1,000,000 loans (issue 16, docs/performance-history.md).
-- `nomor_akad LIKE '%…%'` read every loan to count a search's matches (~350 ms at 1,000,000, over
-- the 50 ms target). A trigram index finds any part of 3 or more characters through the index, as
-- debitur_cari does for names (migration debtor_search): contentless, rowid = the loan's id, kept
-- by the triggers below whatever writes pinjaman. Case is folded as for names (`akad/2026` finds
-- `AKAD/2026/…`); LIKE folded ASCII case only, the same for an agreement number.
CREATE VIRTUAL TABLE pinjaman_cari USING fts5(
  nomor_akad,
  content = '', contentless_delete = 1,
  tokenize = 'trigram remove_diacritics 1'
);

INSERT INTO pinjaman_cari (rowid, nomor_akad) SELECT id, nomor_akad FROM pinjaman;

CREATE TRIGGER pinjaman_cari_tambah AFTER INSERT ON pinjaman
BEGIN
  INSERT INTO pinjaman_cari (rowid, nomor_akad) VALUES (NEW.id, NEW.nomor_akad);
END;

CREATE TRIGGER pinjaman_cari_ubah AFTER UPDATE OF id, nomor_akad ON pinjaman
BEGIN
  DELETE FROM pinjaman_cari WHERE rowid = OLD.id;
  INSERT INTO pinjaman_cari (rowid, nomor_akad) VALUES (NEW.id, NEW.nomor_akad);
END;

CREATE TRIGGER pinjaman_cari_hapus AFTER DELETE ON pinjaman
BEGIN
  DELETE FROM pinjaman_cari WHERE rowid = OLD.id;
END;
