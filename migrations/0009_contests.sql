-- Contests (Wettbewerbe): skill contests with submissions, a voting window and a ranking.

CREATE TABLE contests (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id             INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    channel_id           INTEGER NOT NULL,
    title                TEXT NOT NULL,
    description          TEXT,
    submissions_close_at TEXT NOT NULL,
    voting_close_at      TEXT NOT NULL,
    state                TEXT NOT NULL DEFAULT 'submissions' CHECK (state IN ('submissions', 'voting', 'ended', 'cancelled')),
    max_submissions      INTEGER NOT NULL DEFAULT 1,
    votes_per_member     INTEGER NOT NULL DEFAULT 1,
    anonymous            INTEGER NOT NULL DEFAULT 1,
    min_membership_age_s INTEGER NOT NULL DEFAULT 0,
    created_by           INTEGER NOT NULL,
    created_at           TEXT NOT NULL
);

CREATE TABLE contest_entries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    contest_id     INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    author_id      INTEGER NOT NULL,
    text           TEXT,
    file_name      TEXT,
    message_id     INTEGER,
    removed_reason TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX contest_entries_by_contest ON contest_entries (contest_id);

CREATE TABLE contest_votes (
    contest_id INTEGER NOT NULL REFERENCES contests(id) ON DELETE CASCADE,
    entry_id   INTEGER NOT NULL REFERENCES contest_entries(id) ON DELETE CASCADE,
    voter_id   INTEGER NOT NULL,
    voted_at   TEXT NOT NULL,
    PRIMARY KEY (contest_id, entry_id, voter_id)
) WITHOUT ROWID;
