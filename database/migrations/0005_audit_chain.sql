-- The audit trail becomes a hash chain (tamper-evident).
--
-- Each entry stores the hash of the entry before it (prev_hash; the first entry links to
-- 64 zeros) and its own hash: sha256 over a canonical serialisation of (id, waktu, pengguna,
-- aksi, entitas, entitas_id, sebelum, sesudah, prev_hash), computed by
-- database/repositories/audit.ts (SQLite has no sha256 of its own). Editing, deleting or
-- reordering an entry behind the app's back breaks the chain, and `audit.verify` says where.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- Where the chain ends (the last entry's id and hash), kept apart from the entries so that
-- deleting the last entries is noticed too. legacy_sampai: entries up to this id were written
-- before the chain existed; SQL cannot hash them, so the app seals them (in id order, from the
-- first entry) when it next opens the file (sealLegacyAudit in the audit repository) and then
-- clears it. After that, an entry without a hash is a break in the chain, never sealed again.
CREATE TABLE audit_chain (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  ujung_id      INTEGER,
  ujung_hash    TEXT,
  legacy_sampai INTEGER
);
INSERT INTO audit_chain (id, ujung_id, ujung_hash, legacy_sampai) SELECT 1, NULL, NULL, max(id) FROM audit_log;

-- The trail is append-only for the app: a sealed entry can be neither changed nor deleted
-- (someone with a database tool can drop these triggers; the chain then still tells).
CREATE TRIGGER audit_log_tanpa_ubah BEFORE UPDATE ON audit_log WHEN OLD.hash IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'Jejak audit tidak dapat diubah');
END;
CREATE TRIGGER audit_log_tanpa_hapus BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'Jejak audit tidak dapat dihapus');
END;

-- The browsing screen filters by time and by user and pages newest first.
CREATE INDEX audit_log_waktu ON audit_log (waktu);
CREATE INDEX audit_log_pengguna ON audit_log (pengguna);
