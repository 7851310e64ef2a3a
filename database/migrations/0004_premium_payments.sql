-- 0004_premium_payments: an insurer's invoice and the SP2D that paid it, per premium.
ALTER TABLE premi ADD COLUMN nomor_tagihan TEXT;
ALTER TABLE premi ADD COLUMN tanggal_tagihan TEXT;
ALTER TABLE premi ADD COLUMN pembayaran_premi_id INTEGER REFERENCES pembayaran_premi (id);
CREATE INDEX premi_penjamin_status ON premi (penjamin_id, status);
