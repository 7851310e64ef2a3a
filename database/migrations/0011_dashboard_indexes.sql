-- 0011_dashboard_indexes: the home screen's monthly sums at 100,000 loans × 36 months of positions.
-- A month's positions summed by kol are read from the index alone (outstanding trend ~800 → ~100 ms,
-- kol split 40 → 4 ms at 1.4 million positions); it starts with periode, so it also serves every
-- query the narrower posisi_bank_periode did.
CREATE INDEX posisi_bank_periode_kol ON posisi_bank (periode, kol, outstanding, pinjaman_id);
DROP INDEX posisi_bank_periode;
-- Disbursements per month (the dashboard's bars) without reading the loans themselves.
CREATE INDEX pinjaman_pencairan ON pinjaman (tanggal_pencairan, status, plafon, bank_id);
