-- 0017_payment_history: subsidy already paid before the app (issue 13, item 2), so that the
-- "never paid twice" guards (periode_dibayar's key, and one person one subsidy per month, 0015)
-- and the run's "already paid" know the past.
--
-- A historic payment is stored exactly as a payment made in the app, so every reader (the run,
-- the guards, the loan's page, the rekap, the realisation against the pagu) sees it without a
-- special case: per SP2D one claim (tagihan) marked sumber = 'riwayat', already 'dibayar', whose
-- lines are the file's rows (loan, month, amount), one periode_dibayar row per line, and the SP2D
-- in pembayaran (its number stays unique across all payments). impor_id names the file it came from.
--
-- Realisation: an SP2D is charged to the APBD of the year of its date. A historic SP2D counts in
-- the realisation of the subsidi_bunga budget line of that year (the one the loans' scheme names,
-- else the year's only such line); a year with no budget line recorded (before the app) counts
-- in no realisation (pagu_id NULL), its months are still paid. The pagu's remaining amount does
-- not refuse a historic SP2D: the money was paid; an overrun shows on the budget screen.
ALTER TABLE tagihan ADD COLUMN sumber TEXT NOT NULL DEFAULT 'tagihan' CHECK (sumber IN ('tagihan', 'riwayat'));
CREATE INDEX tagihan_riwayat ON tagihan (impor_id) WHERE sumber = 'riwayat';
