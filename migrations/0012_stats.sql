-- Engagement statistics: counts only, never message text. Days are the guild's local dates
-- (YYYY-MM-DD in the guild's time zone), so reports cover the guild's own days and weeks.
-- user_id 0 means "not attributed to a member" (members who opted out of per-member statistics,
-- members who asked to be forgotten).

CREATE TABLE stats_settings (
    guild_id         INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    report_period    TEXT CHECK (report_period IN ('daily', 'weekly', 'monthly')),  -- NULL: off
    report_hour      INTEGER NOT NULL DEFAULT 9 CHECK (report_hour BETWEEN 0 AND 23),
    reports_from     TEXT,  -- local day reports were switched on: periods over before it are not posted
    leaderboard_mode TEXT NOT NULL DEFAULT 'opt_out' CHECK (leaderboard_mode IN ('opt_out', 'opt_in')),
    -- at least 61 days: a monthly report's retention cohort joined up to 61 days before it is due
    retention_days   INTEGER NOT NULL DEFAULT 90 CHECK (retention_days BETWEEN 61 AND 730),
    welcome_enabled  INTEGER NOT NULL DEFAULT 0,
    welcome_text     TEXT,
    welcome_role_id  INTEGER,
    -- the welcome role's risky permission bits an administrator accepted when choosing it; the
    -- role is not given if it gains others later
    welcome_role_approved INTEGER NOT NULL DEFAULT 0,
    updated_at       TEXT NOT NULL
);

-- A member's choices per guild: leaderboard 1 = in, 0 = out, NULL = the guild's default;
-- member_stats 0 = no per-member statistics at all (counted anonymously).
CREATE TABLE stats_member_prefs (
    guild_id     INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL,
    leaderboard  INTEGER CHECK (leaderboard IN (0, 1)),
    member_stats INTEGER NOT NULL DEFAULT 1 CHECK (member_stats IN (0, 1)),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
CREATE INDEX stats_member_prefs_user ON stats_member_prefs (user_id);

-- Opt-outs that outlive a /mydata forget without naming the member: the key is a keyed hash
-- (HMAC-SHA256 with a per-database secret kept in meta) of guild and member id, so the bot can
-- recognise the member again but nobody can read from the row who it is.
-- member_stats 0: counted anonymously; leaderboard 0: never named (NULL: the guild's default).
CREATE TABLE stats_kept_optouts (
    guild_id     INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    digest       BLOB NOT NULL,
    member_stats INTEGER NOT NULL CHECK (member_stats IN (0, 1)),
    leaderboard  INTEGER CHECK (leaderboard = 0),
    PRIMARY KEY (guild_id, digest)
) WITHOUT ROWID;

-- Raw counts per member, channel and day (deleted after the retention window).
CREATE TABLE stats_member_channel_daily (
    guild_id   INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    channel_id INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    messages   INTEGER NOT NULL DEFAULT 0,
    reactions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, day, channel_id, user_id)
) WITHOUT ROWID;
CREATE INDEX stats_member_channel_daily_user ON stats_member_channel_daily (user_id);

-- Daily rollups, written in the same transaction as the raw counts.
CREATE TABLE stats_member_daily (
    guild_id  INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day       TEXT NOT NULL,
    user_id   INTEGER NOT NULL,
    messages  INTEGER NOT NULL DEFAULT 0,
    reactions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, day, user_id)
) WITHOUT ROWID;
CREATE INDEX stats_member_daily_user ON stats_member_daily (user_id);

CREATE TABLE stats_channel_daily (
    guild_id      INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day           TEXT NOT NULL,
    channel_id    INTEGER NOT NULL,
    messages      INTEGER NOT NULL DEFAULT 0,
    reactions     INTEGER NOT NULL DEFAULT 0,
    sentiment_sum REAL NOT NULL DEFAULT 0,    -- sum of polarities (-1 .. 1) of scored messages
    sentiment_n   INTEGER NOT NULL DEFAULT 0, -- how many messages were scored
    PRIMARY KEY (guild_id, day, channel_id)
) WITHOUT ROWID;

-- active_members stays NULL while the per-member rows of the day exist (it is counted from them);
-- it is filled in when those rows are folded away after the retention window.
CREATE TABLE stats_guild_daily (
    guild_id       INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day            TEXT NOT NULL,
    messages       INTEGER NOT NULL DEFAULT 0,
    reactions      INTEGER NOT NULL DEFAULT 0,
    joins          INTEGER NOT NULL DEFAULT 0,
    leaves         INTEGER NOT NULL DEFAULT 0,
    active_members INTEGER,
    PRIMARY KEY (guild_id, day)
) WITHOUT ROWID;

-- Each join (for retention and growth sources); deleted after the retention window.
CREATE TABLE stats_joins (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    day         TEXT NOT NULL,
    joined_at   TEXT NOT NULL,
    invite_code TEXT,      -- NULL: unknown (no Manage Server, or several invites used at once)
    inviter_id  INTEGER,
    left_at     TEXT
);
CREATE INDEX stats_joins_guild_day ON stats_joins (guild_id, day);
CREATE INDEX stats_joins_user ON stats_joins (user_id);
CREATE INDEX stats_joins_inviter ON stats_joins (inviter_id) WHERE inviter_id IS NOT NULL;

-- Growth sources, kept after the join rows are gone ('' = unknown).
CREATE TABLE stats_invite_daily (
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    invite_code TEXT NOT NULL,
    joins       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, day, invite_code)
) WITHOUT ROWID;

-- One report per (guild, period): claimed before posting, the message id recorded after.
CREATE TABLE stats_reports (
    guild_id     INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly')),
    period_start TEXT NOT NULL,
    period_end   TEXT NOT NULL,
    channel_id   INTEGER NOT NULL,
    claimed_at   TEXT NOT NULL,
    message_id   INTEGER,
    PRIMARY KEY (guild_id, kind, period_start)
) WITHOUT ROWID;
