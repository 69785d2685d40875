-- Sharded processes: the next IDENTIFY turn of each bucket (shard_id % max_concurrency), as a
-- Unix time. Each identify reserves the turn after the last one, in one transaction, so the
-- bucket's identifies stay 5 s apart across processes, also when a process dies and restarts.
CREATE TABLE identify_turns (
    bucket  INTEGER PRIMARY KEY,
    turn_at REAL NOT NULL
) WITHOUT ROWID;
