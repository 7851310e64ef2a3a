-- Indexes for a program at province scale (100,000 loans with years of monthly positions).
-- A loan's restructurings were found by scanning the whole table, once per loan in a subsidy run.
CREATE INDEX restrukturisasi_pinjaman ON restrukturisasi (pinjaman_id, berlaku_mulai);
-- A month's positions and paid months of all loans at once (the subsidy run reads them in bulk).
CREATE INDEX posisi_bank_periode ON posisi_bank (periode);
CREATE INDEX periode_dibayar_periode ON periode_dibayar (periode);
-- The loan list's default order (newest agreement first): read from an index, not sorted each time.
CREATE INDEX pinjaman_tanggal_akad ON pinjaman (tanggal_akad, id);
