-- The outbox: a post that follows a state change (a giveaway's result, ...) is written here in
-- the same transaction as the change, and a drainer posts it: a crash between "decided" and
-- "announced" can neither lose nor double the post (bot/outbox.py).

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    key         TEXT NOT NULL UNIQUE,          -- at most 25 characters: the message nonce, and in the text
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    channel_id  INTEGER,                       -- a channel of the guild, or
    user_id     INTEGER,                       -- a member's DMs
    content     TEXT NOT NULL,
    pings       TEXT NOT NULL DEFAULT '[]',    -- JSON list of user ids this post may ping
    file_name   TEXT,
    file_text   TEXT,
    view_kind   TEXT,                          -- a registered view builder, and its argument
    view_arg    TEXT,
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     TEXT,
    message_id  INTEGER,
    failed      TEXT,                          -- why it was given up (403/404: never retried)
    CHECK ((channel_id IS NULL) != (user_id IS NULL))
);
CREATE INDEX outbox_pending ON outbox (id) WHERE sent_at IS NULL AND failed IS NULL;
