-- Recurring schedules: the rule as written, its zone, and the next and last run (UTC).

CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('announcement', 'giveaway', 'contest')),
    phrase        TEXT NOT NULL,
    zone          TEXT NOT NULL,
    channel_id    INTEGER NOT NULL,
    role_id       INTEGER,               -- the one role an announcement may ping, chosen explicitly
    text          TEXT NOT NULL,         -- the announcement, or the giveaway's prize / contest's title
    payload       TEXT,                  -- JSON parameters of a giveaway or contest
    created_by    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    starts_at     TEXT,                  -- optional: no runs before (UTC)
    ends_at       TEXT,                  -- optional: no runs after (UTC)
    remind_seconds INTEGER,              -- optional: a reminder this long before each run
    next_run_at   TEXT,
    last_run_at   TEXT,
    paused_reason TEXT                   -- NULL: active
);
