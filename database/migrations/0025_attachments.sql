-- attachments: documents attached to records (issue 15): scanned akad, KTP, signed berita
-- acara, SP2D, photos. The bytes are kept in the data folder as lampiran/<sha256>.<ext> (content
-- named, so the same file is kept once); this table is the record of each attachment and the
-- audit trail carries its hash, so a file swapped behind the app's back is found by verify.
--
-- The owner is a (kind, id) pair, since an attachment may belong to many kinds of record. The kinds
-- are rows of lampiran_pemilik_jenis (a foreign key refuses any other), so a new kind of owner is one
-- INSERT there; 'kunjungan' (monitoring visits, issue 15's monev part) is already listed so that the
-- visits' table only has to be named in the contract (ATTACHMENT_OWNERS) to accept attachments.
--
-- Evidence is never silently deleted: DELETE is refused; removing an attachment sets dihapus_* once
-- (with a reason) and nothing else of the row can change. The file stays on disk (it is evidence and
-- may be shared by another record with the same content).

CREATE TABLE lampiran_pemilik_jenis (
  jenis TEXT PRIMARY KEY
);
INSERT INTO lampiran_pemilik_jenis (jenis) VALUES
  ('debitur'), ('pinjaman'), ('tagihan'), ('pembayaran'), ('pembayaran_premi'), ('sk_penerima'), ('kunjungan');

CREATE TABLE lampiran (
  id             INTEGER PRIMARY KEY,
  pemilik_jenis  TEXT NOT NULL REFERENCES lampiran_pemilik_jenis (jenis),
  pemilik_id     INTEGER NOT NULL CHECK (pemilik_id > 0),
  -- The name the file had on the clerk's PC (shown and offered on download; never a path on disk).
  nama_berkas    TEXT NOT NULL CHECK (length(trim(nama_berkas)) > 0 AND length(nama_berkas) <= 200),
  -- Recognised from the content (magic bytes), never from the name.
  tipe           TEXT NOT NULL CHECK (tipe IN ('pdf', 'jpg', 'png')),
  ukuran         INTEGER NOT NULL CHECK (typeof(ukuran) = 'integer' AND ukuran > 0),
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  jenis_dokumen  TEXT NOT NULL CHECK (jenis_dokumen IN ('akad', 'ktp', 'berita_acara', 'sp2d', 'foto', 'lainnya')),
  catatan        TEXT,
  dibuat_oleh    TEXT NOT NULL,
  dibuat_pada    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  dihapus_oleh   TEXT,
  dihapus_pada   TEXT,
  alasan_hapus   TEXT,
  CHECK ((dihapus_pada IS NULL AND dihapus_oleh IS NULL AND alasan_hapus IS NULL)
      OR (dihapus_pada IS NOT NULL AND dihapus_oleh IS NOT NULL AND length(trim(alasan_hapus)) > 0))
);
CREATE INDEX lampiran_pemilik ON lampiran (pemilik_jenis, pemilik_id);
CREATE INDEX lampiran_sha ON lampiran (sha256);

CREATE TRIGGER lampiran_tidak_dihapus BEFORE DELETE ON lampiran
BEGIN
  SELECT RAISE(ABORT, 'Lampiran tidak dapat dihapus dari basis data; hapus dicatat sebagai penghapusan');
END;

-- Only the removal may be written, once; what the attachment is and who sent it never change.
CREATE TRIGGER lampiran_tetap BEFORE UPDATE ON lampiran
WHEN OLD.dihapus_pada IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.pemilik_jenis IS NOT OLD.pemilik_jenis OR NEW.pemilik_id IS NOT OLD.pemilik_id
  OR NEW.nama_berkas IS NOT OLD.nama_berkas OR NEW.tipe IS NOT OLD.tipe OR NEW.ukuran IS NOT OLD.ukuran
  OR NEW.sha256 IS NOT OLD.sha256 OR NEW.jenis_dokumen IS NOT OLD.jenis_dokumen OR NEW.catatan IS NOT OLD.catatan
  OR NEW.dibuat_oleh IS NOT OLD.dibuat_oleh OR NEW.dibuat_pada IS NOT OLD.dibuat_pada
BEGIN
  SELECT RAISE(ABORT, 'Lampiran tidak dapat diubah; hanya penghapusannya yang dicatat, sekali');
END;
