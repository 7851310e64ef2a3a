-- 0012_report_indexes: the monthly summary's subsidy paid, at 100,000 loans × 36 months.
-- "Is this claim line marked paid?" answered from an index alone, walking a payment's lines in
-- order, instead of scanning every paid loan-month (year to date ~1 s → ~0.3 s at 1 million rows).
CREATE INDEX periode_dibayar_baris ON periode_dibayar (tagihan_baris_id);
-- The premiums an insurer payment settled, found from the payment (the summary's premium paid).
CREATE INDEX premi_pembayaran ON premi (pembayaran_premi_id) WHERE pembayaran_premi_id IS NOT NULL;
