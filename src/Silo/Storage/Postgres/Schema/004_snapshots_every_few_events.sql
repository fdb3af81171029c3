-- From this version a commit writes its events every time and the case's snapshot only every few
-- events (SnapshotPolicy): a case is its snapshot plus the events after it, and the writers'
-- guard is the case's last event, not the snapshot's version. Nothing in the tables changes; this
-- records the new meaning where an operator reading the schema will look for it.
COMMENT ON TABLE case_snapshots IS
    'A case as of event `version`, written every few events; the case now is this plus its case_events after `version`.';
COMMENT ON TABLE case_events IS
    'A case''s history, events numbered 1, 2, 3... with no gaps; a commit is refused unless its first event follows the last one stored.';
