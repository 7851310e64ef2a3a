-- 0023_payment_corrections: a paid claim line later found wrong (the bank's own correction, an
-- inspectorate or BPK finding) is corrected, never edited (issue 18.5). A correction (koreksi) names
-- the paid line, the kind (lebih_bayar: the bank must return it; kurang_bayar: still owed to the
-- bank), a whole-rupiah amount, the reason and the finding's document. It is settled either
--  - by offset (kompensasi) on a later claim of the same bank: chosen at that claim's approval, the
--    claim's SP2D then pays agreed total − overpayments + underpayments; the correction is settled
--    (status diselesaikan, tanggal_selesai = that SP2D's date) when the claim is paid in full; or
--  - by a deposit back to the kas daerah (STS number and date), overpayments only.
-- The paid line, its payment and periode_dibayar are never touched. The database refuses what
-- must never happen: a correction of an unpaid line, overpayments beyond what the line was paid,
-- changing what a correction says, removing one, settling it by whoever recorded it, an STS in a
-- closed month, an offset that leaves the claim nothing (or less) to pay, and an SP2D beyond the
-- claim's net payable.

CREATE TABLE koreksi (
  id                   INTEGER PRIMARY KEY,
  tagihan_baris_id     INTEGER NOT NULL REFERENCES tagihan_baris (id),
  jenis                TEXT NOT NULL CHECK (jenis IN ('lebih_bayar', 'kurang_bayar')),
  jumlah               INTEGER NOT NULL CHECK (typeof(jumlah) = 'integer' AND jumlah > 0),
  alasan               TEXT NOT NULL CHECK (length(trim(alasan)) > 0),
  dokumen_jenis        TEXT NOT NULL CHECK (dokumen_jenis IN ('koreksi_bank', 'inspektorat', 'bpk', 'lainnya')),
  dokumen_nomor        TEXT NOT NULL CHECK (length(trim(dokumen_nomor)) > 0),
  dokumen_tanggal      TEXT NOT NULL,
  dicatat_oleh         TEXT NOT NULL,
  dicatat_oleh_id      INTEGER REFERENCES pengguna (id),
  dicatat_pada         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  status               TEXT NOT NULL DEFAULT 'terbuka' CHECK (status IN ('terbuka', 'diselesaikan')),
  -- How it is (to be) settled: chosen at an offsetting claim's approval, or by the STS.
  penyelesaian         TEXT CHECK (penyelesaian IS NULL OR penyelesaian IN ('kompensasi', 'sts')),
  tagihan_kompensasi_id INTEGER REFERENCES tagihan (id),
  nomor_sts            TEXT,
  tanggal_sts          TEXT,
  penyelesaian_oleh    TEXT,
  penyelesaian_oleh_id INTEGER REFERENCES pengguna (id),
  penyelesaian_pada    TEXT,
  -- The date the money moved (the completing SP2D, or the STS): what reports sum by.
  tanggal_selesai      TEXT,
  -- The budget line whose realisation it corrects (the SP2D's, or for an STS the paid claim's).
  pagu_id              INTEGER REFERENCES pagu (id),
  CHECK ((penyelesaian IS 'kompensasi') = (tagihan_kompensasi_id IS NOT NULL)),
  CHECK (penyelesaian IS NOT 'sts' OR (jenis = 'lebih_bayar' AND nomor_sts IS NOT NULL AND tanggal_sts IS NOT NULL)),
  CHECK (penyelesaian IS 'sts' OR (nomor_sts IS NULL AND tanggal_sts IS NULL)),
  CHECK (status = 'terbuka' OR (penyelesaian IS NOT NULL AND tanggal_selesai IS NOT NULL))
);
CREATE INDEX koreksi_baris ON koreksi (tagihan_baris_id);
CREATE INDEX koreksi_kompensasi ON koreksi (tagihan_kompensasi_id) WHERE tagihan_kompensasi_id IS NOT NULL;
CREATE INDEX koreksi_selesai ON koreksi (tanggal_selesai) WHERE status = 'diselesaikan';
CREATE UNIQUE INDEX koreksi_nomor_sts ON koreksi (nomor_sts) WHERE nomor_sts IS NOT NULL;

-- Only a paid line is corrected; overpayments never exceed what the line was paid (its agreed
-- amount plus the underpayments recognised on it).
CREATE TRIGGER koreksi_baris_dibayar BEFORE INSERT ON koreksi
WHEN NOT EXISTS (SELECT 1 FROM periode_dibayar WHERE tagihan_baris_id = NEW.tagihan_baris_id)
BEGIN SELECT RAISE(ABORT, 'Koreksi hanya untuk baris tagihan yang sudah dibayar'); END;

CREATE TRIGGER koreksi_lebih_dari_dibayar BEFORE INSERT ON koreksi
WHEN NEW.jenis = 'lebih_bayar' AND NEW.jumlah
  + (SELECT coalesce(sum(CASE jenis WHEN 'lebih_bayar' THEN jumlah ELSE -jumlah END), 0) FROM koreksi WHERE tagihan_baris_id = NEW.tagihan_baris_id)
  > (SELECT coalesce(disetujui, 0) FROM tagihan_baris WHERE id = NEW.tagihan_baris_id)
BEGIN SELECT RAISE(ABORT, 'Koreksi lebih bayar melebihi yang dibayar pada baris itu'); END;

-- What a correction says is fixed once recorded; a settled one is fixed altogether; none is removed.
CREATE TRIGGER koreksi_tetap BEFORE UPDATE OF tagihan_baris_id, jenis, jumlah, alasan, dokumen_jenis, dokumen_nomor, dokumen_tanggal,
  dicatat_oleh, dicatat_oleh_id, dicatat_pada ON koreksi
BEGIN SELECT RAISE(ABORT, 'Koreksi yang sudah dicatat tidak dapat diubah'); END;

CREATE TRIGGER koreksi_selesai_tetap BEFORE UPDATE ON koreksi
WHEN OLD.status = 'diselesaikan'
BEGIN SELECT RAISE(ABORT, 'Koreksi sudah diselesaikan; tidak dapat diubah'); END;

CREATE TRIGGER koreksi_tidak_dihapus BEFORE DELETE ON koreksi
BEGIN SELECT RAISE(ABORT, 'Koreksi tidak dapat dihapus'); END;

-- Four-eyes: whoever recorded the correction does not settle it (STS) nor offset it.
CREATE TRIGGER koreksi_empat_mata BEFORE UPDATE OF penyelesaian_oleh_id ON koreksi
WHEN NEW.penyelesaian_oleh_id IS NOT NULL AND NEW.penyelesaian_oleh_id IS OLD.dicatat_oleh_id
BEGIN SELECT RAISE(ABORT, 'Prinsip empat mata: koreksi tidak dapat diselesaikan oleh yang mencatatnya'); END;

-- An STS dated in a closed month is not recorded (tutup buku, as for SP2Ds).
CREATE TRIGGER koreksi_sts_tutup BEFORE UPDATE OF tanggal_sts ON koreksi
WHEN NEW.tanggal_sts IS NOT NULL AND EXISTS (SELECT 1 FROM tutup_buku WHERE periode = substr(NEW.tanggal_sts, 1, 7))
BEGIN SELECT RAISE(ABORT, 'Periode sudah ditutup (tutup buku)'); END;

-- An offset goes on an approved, unpaid claim of the same bank, and leaves it something to pay.
CREATE TRIGGER koreksi_kompensasi_tagihan BEFORE UPDATE OF tagihan_kompensasi_id ON koreksi
WHEN NEW.tagihan_kompensasi_id IS NOT NULL AND (
  NOT EXISTS (SELECT 1 FROM tagihan t WHERE t.id = NEW.tagihan_kompensasi_id AND t.status = 'disetujui'
              AND t.bank_id = (SELECT k.bank_id FROM tagihan_baris b JOIN tagihan k ON k.id = b.tagihan_id WHERE b.id = NEW.tagihan_baris_id))
  OR EXISTS (SELECT 1 FROM pembayaran WHERE tagihan_id = NEW.tagihan_kompensasi_id))
BEGIN SELECT RAISE(ABORT, 'Kompensasi koreksi hanya pada tagihan bank yang sama yang sudah disetujui dan belum dibayar'); END;

CREATE TRIGGER koreksi_kompensasi_batas AFTER UPDATE OF tagihan_kompensasi_id ON koreksi
WHEN NEW.tagihan_kompensasi_id IS NOT NULL
  AND (SELECT coalesce(total_disetujui, 0) FROM tagihan WHERE id = NEW.tagihan_kompensasi_id)
    + (SELECT coalesce(sum(CASE jenis WHEN 'kurang_bayar' THEN jumlah ELSE -jumlah END), 0) FROM koreksi WHERE tagihan_kompensasi_id = NEW.tagihan_kompensasi_id) < 1
BEGIN SELECT RAISE(ABORT, 'Kompensasi koreksi melebihi jumlah yang disetujui pada tagihan'); END;

-- No SP2D beyond the claim's net payable (agreed total − overpayments offset + underpayments offset).
CREATE TRIGGER pembayaran_batas_bersih BEFORE INSERT ON pembayaran
WHEN (SELECT total_disetujui FROM tagihan WHERE id = NEW.tagihan_id) IS NOT NULL
  AND (SELECT coalesce(sum(jumlah), 0) FROM pembayaran WHERE tagihan_id = NEW.tagihan_id) + NEW.jumlah
    > (SELECT total_disetujui FROM tagihan WHERE id = NEW.tagihan_id)
      + (SELECT coalesce(sum(CASE jenis WHEN 'kurang_bayar' THEN jumlah ELSE -jumlah END), 0) FROM koreksi WHERE tagihan_kompensasi_id = NEW.tagihan_id)
BEGIN SELECT RAISE(ABORT, 'SP2D melebihi jumlah bersih yang harus dibayar pada tagihan'); END;
