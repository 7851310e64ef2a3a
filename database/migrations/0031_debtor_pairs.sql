-- Debtor search by 2 characters at 1,000,000 debtors (issue 16, docs/performance.md "Fourth round").
-- debitur_cari (migration debtor_search) has no trigram for 2 characters, so "me" was matched with
-- LIKE while walking the name index until the page was full: "me" is in 15,019 names, nearly all
-- "Me…", half the index away (1.1 s). This index finds them without reading any other debtor.
--
-- A trigram index of the name and the business name as LIKE compares them: ASCII case folded by
-- lower(), nothing else folded (case_sensitive 1, no accents removed), each column ended by
-- char(1). Every 2 characters of a column then start a trigram (the last two with the char(1)), so
-- the debtors holding "me" are those of the trigrams starting with "me", listed by the vocabulary
-- table below (database/repositories/debtors.ts). `detail = none`: which debtors, no positions.
--
-- The rowid is not the debtor's id but the start of the name folded into 30 bits, then the id in
-- the low 32 bits: FTS5 returns matches in rowid order, so they come grouped by their name's first
-- 6 characters in name order (`nama COLLATE NOCASE`), and a page is the first matches up to the end
-- of their group, sorted exactly. Each character counts in 5 bits, never decreasing with the
-- character: nothing 0, below '0' 1, '0'–'@' 2, 'A'–'`' 3 (lower() leaves no A–Z), 'a'–'z' 4–29,
-- '{'–DEL 30, beyond ASCII 31. So a name before another (NOCASE: ASCII folded, then UTF-8 bytes,
-- i.e. code points) never gets a greater key.
CREATE VIRTUAL TABLE debitur_pasangan USING fts5(
  nama, nama_usaha,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'trigram case_sensitive 1'
);

-- Its trigrams, for the ones that start with the 2 characters searched.
CREATE VIRTUAL TABLE debitur_pasangan_kata USING fts5vocab(debitur_pasangan, 'row');

-- A debtor's rowid in debitur_pasangan and its columns: one place for the fill and the triggers.
CREATE VIEW debitur_pasangan_isi (id, kunci, nama, nama_usaha) AS
SELECT d.id,
  (SELECT sum(
       CASE
         WHEN c IS NULL THEN 0
         WHEN c < 48 THEN 1
         WHEN c < 65 THEN 2
         WHEN c < 97 THEN 3
         WHEN c <= 122 THEN c - 93
         WHEN c < 128 THEN 30
         ELSE 31
       END << (5 * (6 - i)))
   FROM (SELECT column1 AS i, unicode(substr(lower(d.nama), column1, 1)) AS c FROM (VALUES (1), (2), (3), (4), (5), (6))))
  * 4294967296 + d.id,
  lower(d.nama) || char(1),
  lower(d.nama_usaha) || char(1)
FROM debitur d;

-- Filled once for the debtors already there, in rowid order: FTS5 writes out what it holds
-- whenever a rowid is lower than the last one, and in debtor order that was nearly every row.
-- (docs/performance.md: the time and size at 1,000,000 debtors.)
INSERT INTO debitur_pasangan (rowid, nama, nama_usaha) SELECT kunci, nama, nama_usaha FROM debitur_pasangan_isi ORDER BY kunci;

-- Kept by the database itself, whatever writes debitur. The old entry is found by the old name
-- (its rowid), so it is dropped BEFORE the row changes.
CREATE TRIGGER debitur_pasangan_tambah AFTER INSERT ON debitur
BEGIN
  INSERT INTO debitur_pasangan (rowid, nama, nama_usaha) SELECT kunci, nama, nama_usaha FROM debitur_pasangan_isi WHERE id = NEW.id;
END;

CREATE TRIGGER debitur_pasangan_lepas BEFORE UPDATE OF id, nama, nama_usaha ON debitur
BEGIN
  DELETE FROM debitur_pasangan WHERE rowid = (SELECT kunci FROM debitur_pasangan_isi WHERE id = OLD.id);
END;

CREATE TRIGGER debitur_pasangan_ubah AFTER UPDATE OF id, nama, nama_usaha ON debitur
BEGIN
  INSERT INTO debitur_pasangan (rowid, nama, nama_usaha) SELECT kunci, nama, nama_usaha FROM debitur_pasangan_isi WHERE id = NEW.id;
END;

CREATE TRIGGER debitur_pasangan_hapus BEFORE DELETE ON debitur
BEGIN
  DELETE FROM debitur_pasangan WHERE rowid = (SELECT kunci FROM debitur_pasangan_isi WHERE id = OLD.id);
END;
