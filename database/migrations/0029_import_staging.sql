-- A claim import's preview, staged in the database for its commit (issue 16, "the import commit
-- off the main thread"). The commit may run as a job: in a worker thread with its own
-- connection, which cannot see the runtime's memory (where the preview's rows live) nor a TEMP
-- table of the runtime's connection (TEMP tables are per connection). So the preview writes its
-- parsed rows here, keyed by the preview's id, and the commit — on the runtime's thread or in a
-- job — reads them back, checks them again and writes the claim, deleting the staged rows in the
-- same transaction. Rows a crashed or abandoned preview left are deleted when the runtime opens
-- the database and when a preview is forgotten; no import ever reads another preview's rows (its
-- id is a random UUID and the commit asks for its own).
CREATE TABLE impor_staging (
  id TEXT PRIMARY KEY,
  -- Who previewed it: only they may commit it.
  pengguna TEXT NOT NULL,
  jenis TEXT NOT NULL,
  -- The preview's request (file, sender, mapping, options), JSON.
  permintaan TEXT NOT NULL,
  -- Valid rows the preview showed: the commit refuses when its own check finds another number.
  jumlah_valid INTEGER NOT NULL,
  -- Whole-file problems found while reading (JSON array of text): they stop the commit.
  masalah_berkas TEXT NOT NULL,
  dibuat TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Every parsed row of the file goes into a table of its own, created by the preview and named by
-- its id (impor_staging_<id without dashes>; database/repositories/import-staging.ts): dropping
-- a table at the commit takes milliseconds where deleting 100,000 rows from a shared table took
-- most of a second (measured: docs/performance-history.md, "The claim commit as a job").
