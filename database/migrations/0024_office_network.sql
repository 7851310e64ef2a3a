-- 0024_office_network: with an office server several PCs write to one database, so each audit
-- entry names where the change came from (asal: the window, or a client PC's address and name),
-- beside who made it. Hashed with the entry when present; entries from before have none and keep
-- their hashes (database/repositories/audit.ts canonicalAudit).
ALTER TABLE audit_log ADD COLUMN asal TEXT;
