-- Staff roles chosen with /config role, and the auto-moderation configuration.
-- Rows exist only where a guild changed a default (see bot/contentcheck/rules.py).

CREATE TABLE guild_staff_roles (
    guild_id INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('moderator', 'admin')),
    role_id  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind, role_id)
) WITHOUT ROWID;

CREATE TABLE automod_rules (
    guild_id        INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    rule            TEXT NOT NULL,
    enabled         INTEGER NOT NULL,
    action          TEXT NOT NULL,
    points          INTEGER NOT NULL CHECK (points BETWEEN 0 AND 100),
    timeout_seconds INTEGER NOT NULL DEFAULT 600,
    PRIMARY KEY (guild_id, rule)
) WITHOUT ROWID;

CREATE TABLE automod_terms (
    guild_id     INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('word', 'allowed_word', 'pattern', 'allow_domain', 'deny_domain', 'allow_invite')),
    term         TEXT NOT NULL,
    inside_words INTEGER NOT NULL DEFAULT 0,
    added_by     INTEGER NOT NULL,
    added_at     TEXT NOT NULL,
    PRIMARY KEY (guild_id, kind, term)
) WITHOUT ROWID;

CREATE TABLE automod_exemptions (
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    rule        TEXT NOT NULL,  -- a rule name, or '*' for every rule
    target_type TEXT NOT NULL CHECK (target_type IN ('role', 'channel')),
    target_id   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, rule, target_type, target_id)
) WITHOUT ROWID;

CREATE TABLE automod_settings (
    guild_id               INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    links_allowlist_only   INTEGER NOT NULL DEFAULT 0,
    ladder                 TEXT,      -- "3:timeout:10m, 6:timeout:1d, 10:flag"; NULL: default
    decay_days             INTEGER,   -- NULL: default
    raid_enabled           INTEGER NOT NULL DEFAULT 1,
    raid_joins             INTEGER NOT NULL DEFAULT 10,
    raid_seconds           INTEGER NOT NULL DEFAULT 60,
    raid_lockdown          INTEGER NOT NULL DEFAULT 0,
    min_account_age_hours  INTEGER NOT NULL DEFAULT 0,
    new_account_action     TEXT NOT NULL DEFAULT 'none' CHECK (new_account_action IN ('none', 'quarantine', 'kick')),
    quarantine_role_id     INTEGER
);

-- A lockdown saves each channel's @everyone overwrite (or its absence) and each thread's
-- locked state, so lifting it restores exactly what was there, also after a restart.
CREATE TABLE lockdowns (
    guild_id   INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    started_by INTEGER NOT NULL,  -- 0: automatic (raid)
    reason     TEXT NOT NULL
);

CREATE TABLE lockdown_channels (
    guild_id      INTEGER NOT NULL REFERENCES lockdowns(guild_id) ON DELETE CASCADE,
    channel_id    INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('channel', 'thread')),
    had_overwrite INTEGER NOT NULL,
    allow_bits    INTEGER NOT NULL DEFAULT 0,
    deny_bits     INTEGER NOT NULL DEFAULT 0,
    was_locked    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, channel_id)
) WITHOUT ROWID;
