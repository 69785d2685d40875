-- Recognition (Danke): members thank each other; a monthly post names the most helpful members,
-- with what the bot already counts elsewhere (answered questions, helpful FAQ entries, contest
-- placements; read from those features' tables when the post is made, not copied here).
CREATE TABLE thanks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    giver_id    INTEGER NOT NULL,
    receiver_id INTEGER NOT NULL,
    message_id  INTEGER,              -- the thanked message (Apps › Danke); NULL for /thanks
    counted     INTEGER NOT NULL,     -- 0: beyond what one pair counts per week
    given_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX thanks_once_per_message ON thanks (giver_id, message_id)
    WHERE message_id IS NOT NULL;
CREATE INDEX thanks_by_guild_time ON thanks (guild_id, given_at);
CREATE INDEX thanks_by_giver ON thanks (giver_id, given_at);
CREATE INDEX thanks_by_receiver ON thanks (receiver_id);

CREATE TABLE thanks_settings (
    guild_id   INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    monthly    INTEGER NOT NULL DEFAULT 0,  -- the monthly recognition post
    role_id    INTEGER,                     -- a role for the month's top helpers (NULL: none)
    rotate     INTEGER NOT NULL DEFAULT 1,  -- 1: the role goes to the next month's helpers
    posts_from TEXT,                        -- first month (YYYY-MM) that may be posted
    updated_at TEXT NOT NULL
);

-- One recognition post per server and month: claimed before posting, never twice.
CREATE TABLE thanks_posts (
    guild_id   INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    month      TEXT NOT NULL,
    message_id INTEGER,
    posted_at  TEXT NOT NULL,
    PRIMARY KEY (guild_id, month)
) WITHOUT ROWID;

-- Members who hold the top-helper role from the bot, so it can be taken back at the month's end.
CREATE TABLE thanks_role_holders (
    guild_id INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL,
    role_id  INTEGER NOT NULL,
    month    TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
