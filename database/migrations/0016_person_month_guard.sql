-- 0016_person_month_guard: one person, one subsidy per month, by construction (issue 13, item 4).
--
-- The 2020 audit found 33 people paid more than once, 31 of them under two akad (two loan records
-- for one person). periode_dibayar (0001) already makes a loan-month payable once; this makes a
-- PERSON-month payable at most N times across all their loans, banks and schemes.
--
-- A person is a debitur row: debitur.nik is UNIQUE NOT NULL since 0001, so no data, legacy or
-- imported, can hold two debtors for one NIK.
--
-- N is per scheme (default 1). Rule, symmetric so the order of payment does not matter: a
-- loan-month may be marked paid only if, after it, the person's paid loans of that month number at
-- most the smallest N among the schemes of those loans (the new one included). A same-loan repeat
-- is left to periode_dibayar's primary key (its own, older message).
ALTER TABLE skema ADD COLUMN maks_pinjaman_per_orang INTEGER NOT NULL DEFAULT 1
  CHECK (maks_pinjaman_per_orang BETWEEN 1 AND 12);

-- The count reads the person's loans by pinjaman_debitur (0001) and each one's month by
-- periode_dibayar's primary key: a few rows per insert whatever the size of the program.
CREATE TRIGGER periode_dibayar_satu_orang BEFORE INSERT ON periode_dibayar
WHEN EXISTS (
  SELECT 1
  FROM (SELECT count(*) AS n, min(s.maks_pinjaman_per_orang) AS batas
        FROM pinjaman baru
        CROSS JOIN pinjaman l ON l.debitur_id = baru.debitur_id AND l.id <> baru.id
        CROSS JOIN periode_dibayar pd ON pd.pinjaman_id = l.id AND pd.periode = NEW.periode
        JOIN skema s ON s.id = l.skema_id
        WHERE baru.id = NEW.pinjaman_id) lain
  WHERE lain.n > 0
    AND lain.n + 1 > min(lain.batas, (SELECT s.maks_pinjaman_per_orang FROM pinjaman l JOIN skema s ON s.id = l.skema_id WHERE l.id = NEW.pinjaman_id))
)
BEGIN SELECT RAISE(ABORT, 'SATU_ORANG_SEBULAN: bulan ini sudah disubsidi melalui pinjaman lain debitur yang sama'); END;

-- A paid month is never moved to another loan or month (that would slip past the count above),
-- nor is a loan with paid months moved to another debtor. The services never do either.
CREATE TRIGGER periode_dibayar_tetap BEFORE UPDATE OF pinjaman_id, periode ON periode_dibayar
BEGIN SELECT RAISE(ABORT, 'Bulan yang sudah dibayar tidak dapat dipindahkan ke pinjaman atau bulan lain'); END;

CREATE TRIGGER pinjaman_debitur_tetap BEFORE UPDATE OF debitur_id ON pinjaman
WHEN NEW.debitur_id IS NOT OLD.debitur_id AND EXISTS (SELECT 1 FROM periode_dibayar WHERE pinjaman_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'Pinjaman yang subsidinya sudah dibayar tidak dapat dipindahkan ke debitur lain'); END;
