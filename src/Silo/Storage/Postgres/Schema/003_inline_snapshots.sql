-- A case's snapshot is rewritten by every command, and a typical one is 2-5 KB. Past about 2 KB
-- PostgreSQL compresses a row's bytea on every write (pglz) and, when it stays above that, moves it
-- into the TOAST table: each commit then inserted TOAST chunks and their index entries and left the
-- old ones to vacuum. Measured under load, the snapshot UPDATE was the server's costliest statement.
-- Rows now stay in the table, uncompressed, up to a page: one row write per commit, and with a
-- page's room for the next version the update stays on its page (a HOT update: no index entry).
-- Only rows written from now on follow this; older ones move as their cases are next written.
ALTER TABLE case_snapshots SET (toast_tuple_target = 8160, fillfactor = 50);
