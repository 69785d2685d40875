-- Daily activity counts reported by features (messages, questions asked, entries, ...).
-- user_id 0 means "not attributed to a member".

CREATE TABLE activity_daily (
    guild_id INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day      TEXT NOT NULL,
    kind     TEXT NOT NULL,
    user_id  INTEGER NOT NULL DEFAULT 0,
    count    INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (guild_id, day, kind, user_id)
) WITHOUT ROWID;

CREATE INDEX activity_daily_user ON activity_daily (user_id) WHERE user_id != 0;
