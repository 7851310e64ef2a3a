-- 0021_insurance_claim_base: an insurance claim is on the outstanding at the date it is about (the
-- default), kept with the claim together with where that figure came from (the bank's position of
-- which month, or the schedule). Claims recorded before this migration have neither (NULL).
ALTER TABLE klaim_asuransi ADD COLUMN tanggal_dasar TEXT CHECK (tanggal_dasar IS NULL OR tanggal_dasar <= tanggal);
ALTER TABLE klaim_asuransi ADD COLUMN dasar TEXT CHECK ((tanggal_dasar IS NULL) = (dasar IS NULL));
