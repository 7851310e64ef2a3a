-- Loan search by 2 characters at 1,000,000 loans (issue 16, docs/performance-history.md "Fourth round: the
-- 2-letter loan search"). A 2-character search matches `nomor_akad LIKE '%xy%'` (besides the
-- debtor's names, through debitur_pasangan of migration debtor_pairs, and prefixes). pinjaman_cari
-- (migration loan_search) has no trigram for 2 characters and folds more than LIKE, so the
-- agreement numbers were tested loan by loan, newest first: a pair in few of them read every loan.
--
-- The same trick as debitur_pasangan: a trigram index of the agreement number as LIKE compares it
-- (lower(): ASCII case folded, nothing else; case_sensitive 1), ended by char(1), so every 2
-- characters of it start a trigram; the loans holding "ak" are those of the trigrams "ak?".
-- Contentless, `detail = none` (which loans, no positions), rowid = the loan's id, kept by the
-- triggers below whatever writes pinjaman. (docs/performance-history.md: its fill time and size.)
CREATE VIRTUAL TABLE pinjaman_pasangan USING fts5(
  nomor_akad,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'trigram case_sensitive 1'
);

-- Its trigrams, for the ones that start with the 2 characters searched.
CREATE VIRTUAL TABLE pinjaman_pasangan_kata USING fts5vocab(pinjaman_pasangan, 'row');

INSERT INTO pinjaman_pasangan (rowid, nomor_akad) SELECT id, lower(nomor_akad) || char(1) FROM pinjaman ORDER BY id;

CREATE TRIGGER pinjaman_pasangan_tambah AFTER INSERT ON pinjaman
BEGIN
  INSERT INTO pinjaman_pasangan (rowid, nomor_akad) VALUES (NEW.id, lower(NEW.nomor_akad) || char(1));
END;

CREATE TRIGGER pinjaman_pasangan_ubah AFTER UPDATE OF id, nomor_akad ON pinjaman
BEGIN
  DELETE FROM pinjaman_pasangan WHERE rowid = OLD.id;
  INSERT INTO pinjaman_pasangan (rowid, nomor_akad) VALUES (NEW.id, lower(NEW.nomor_akad) || char(1));
END;

CREATE TRIGGER pinjaman_pasangan_hapus AFTER DELETE ON pinjaman
BEGIN
  DELETE FROM pinjaman_pasangan WHERE rowid = OLD.id;
END;
