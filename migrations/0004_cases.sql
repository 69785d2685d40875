-- The case log: every moderation action, automatic or manual, numbered per guild.

CREATE TABLE case_counters (
    guild_id    INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    last_number INTEGER NOT NULL
);

CREATE TABLE cases (
    guild_id         INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    number           INTEGER NOT NULL,
    user_id          INTEGER NOT NULL,
    moderator_id     INTEGER NOT NULL,  -- 0: the bot's auto-moderation
    action           TEXT NOT NULL,     -- flag, delete, warn, timeout, untimeout, kick, ban, unban, note
    rule             TEXT,              -- auto-moderation rule, 'strikes' for the ladder, NULL for manual
    reason           TEXT NOT NULL,
    evidence         TEXT,              -- JSON: matched excerpt, score and threshold, message link
    points           INTEGER NOT NULL DEFAULT 0,
    duration_seconds INTEGER,
    channel_id       INTEGER,
    message_id       INTEGER,
    created_at       TEXT NOT NULL,
    points_expire_at TEXT,
    revoked_at       TEXT,
    dm_status        TEXT,              -- sent, closed (DMs off), failed, not_needed
    outcome          TEXT,              -- what happened on Discord: done, or why not
    log_message_id   INTEGER,
    PRIMARY KEY (guild_id, number)
);

-- A strike at most once per (message, rule): edits and link previews cannot add more.
CREATE UNIQUE INDEX cases_once_per_message_rule ON cases (guild_id, message_id, rule)
    WHERE message_id IS NOT NULL AND rule IS NOT NULL;
CREATE INDEX cases_by_user ON cases (guild_id, user_id, created_at);
