-- Core tables every feature stands on.
-- Convention: every table that holds a guild's data references guilds(guild_id) with
-- ON DELETE CASCADE, so deleting a guild's row (after the retention period) deletes it all.
-- Times are ISO-8601 UTC text ("2026-11-26T18:00:00+00:00").

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE guilds (
    guild_id     INTEGER PRIMARY KEY,
    joined_at    TEXT NOT NULL,
    left_at      TEXT,
    purge_after  TEXT
);

CREATE TABLE guild_settings (
    guild_id   INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    locale     TEXT CHECK (locale IN ('de', 'en')),
    timezone   TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE guild_channels (
    guild_id   INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    channel_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind)
) WITHOUT ROWID;
