-- The public suggestions board: a member's suggestion (numbered per server, as members name it),
-- one up or down vote per member and suggestion, and every status change with its reason.
-- ``author_id`` 0: the author asked to be forgotten (the suggestion stays because others voted).
-- ``version`` counts the changes members see on the message (votes, status, merge);
-- ``shown_version`` is what the message shows, so a restart brings stale messages up to date.
CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    author_id     INTEGER NOT NULL,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'review', 'planned', 'done', 'declined', 'merged')),
    reason        TEXT,
    merged_into   INTEGER REFERENCES suggestions(id) ON DELETE SET NULL,
    channel_id    INTEGER NOT NULL,
    message_id    INTEGER,
    thread_id     INTEGER,
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    version       INTEGER NOT NULL DEFAULT 0,
    shown_version INTEGER NOT NULL DEFAULT 0,
    UNIQUE (guild_id, number)
);
CREATE INDEX suggestions_author ON suggestions (author_id);
CREATE INDEX suggestions_created ON suggestions (guild_id, created_at);
CREATE INDEX suggestions_decided ON suggestions (guild_id, decided_at);
-- a suggestion's count of merged duplicates is read with every suggestion shown
CREATE INDEX suggestions_merged_into ON suggestions (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE suggestion_votes (
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    voter_id      INTEGER NOT NULL,
    value         INTEGER NOT NULL CHECK (value IN (-1, 1)),
    voted_at      TEXT NOT NULL,
    PRIMARY KEY (suggestion_id, voter_id)
) WITHOUT ROWID;
CREATE INDEX suggestion_votes_voter ON suggestion_votes (voter_id);

CREATE TABLE suggestion_status_log (
    id            INTEGER PRIMARY KEY,
    suggestion_id INTEGER NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
    status        TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT '',
    changed_by    INTEGER NOT NULL,
    changed_at    TEXT NOT NULL
);
CREATE INDEX suggestion_status_log_of ON suggestion_status_log (suggestion_id);
CREATE INDEX suggestion_status_log_by ON suggestion_status_log (changed_by);
