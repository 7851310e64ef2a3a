-- Debtor search by 2 characters at 1,000,000 debtors (issue 16, docs/performance-history.md "Fourth round").
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
-- The rowid is not the debtor's id but the first 4 bytes of the name as compared (lower(): ASCII
-- folded, as NOCASE folds it; UTF-8 bytes, as NOCASE compares them; a shorter name padded with
-- zero bytes) in the high 32 bits, then the id in the low 31 bits. FTS5 returns matches in rowid
-- order, so they come grouped by the start of their name, groups in name order (`nama COLLATE
-- NOCASE`): a name before another never has a greater group. A page is then the first matches up
-- to the end of their group, sorted exactly (database/repositories/debtors.ts). A debtor id from
-- 2^31 on would not fit: the insert trigger refuses it (ids are counted from 1).
CREATE VIRTUAL TABLE debitur_pasangan USING fts5(
  nama, nama_usaha,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'trigram case_sensitive 1'
);

-- Its trigrams, for the ones that start with the 2 characters searched.
CREATE VIRTUAL TABLE debitur_pasangan_kata USING fts5vocab(debitur_pasangan, 'row');

-- A debtor's rowid in debitur_pasangan and its columns: one place for the fill and the triggers.
-- The 4 bytes are read from their 8 hex digits (Horner's rule; no hex-to-integer in SQLite).
CREATE VIEW debitur_pasangan_isi (id, kunci, nama, nama_usaha) AS
SELECT d.id,
  (SELECT ((((((( instr('0123456789ABCDEF', substr(h, 1, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 2, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 3, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 4, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 5, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 6, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 7, 1)) - 1) * 16
              + instr('0123456789ABCDEF', substr(h, 8, 1)) - 1
   FROM (SELECT substr(hex(lower(substr(d.nama, 1, 4))) || '00000000', 1, 8) AS h))
  * 2147483648 + d.id,
  lower(d.nama) || char(1),
  lower(d.nama_usaha) || char(1)
FROM debitur d;

-- Filled once for the debtors already there, in rowid order: FTS5 writes out what it holds
-- whenever a rowid is lower than the last one, and in debtor order that was nearly every row.
-- (docs/performance-history.md: the time and size at 1,000,000 debtors.)
INSERT INTO debitur_pasangan (rowid, nama, nama_usaha) SELECT kunci, nama, nama_usaha FROM debitur_pasangan_isi ORDER BY kunci;

-- Kept by the database itself, whatever writes debitur. The old entry is found by the old name
-- (its rowid), so it is dropped BEFORE the row changes.
CREATE TRIGGER debitur_pasangan_tambah AFTER INSERT ON debitur
BEGIN
  SELECT RAISE(ABORT, 'Nomor debitur terlalu besar untuk indeks pencarian (debitur_pasangan)') WHERE NEW.id >= 2147483648 OR NEW.id < 0;
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
