-- The feedback inbox: civil criticism found in chat, /feedback submissions and member reports.

CREATE TABLE feedback_settings (
    guild_id     INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    show_authors INTEGER NOT NULL DEFAULT 0,  -- may moderators see who sent anonymous feedback?
    reply_mode   TEXT NOT NULL DEFAULT 'dm' CHECK (reply_mode IN ('dm', 'thread')),
    detect       INTEGER NOT NULL DEFAULT 1   -- copy civil criticism from chat into the inbox
);

CREATE TABLE feedback_items (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id          INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind              TEXT NOT NULL CHECK (kind IN ('criticism', 'feedback', 'report')),
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'replied', 'resolved', 'escalated')),
    author_id         INTEGER,            -- who wrote it (the criticised message's author, the sender, the reported author)
    anonymous         INTEGER NOT NULL DEFAULT 0,
    channel_id        INTEGER,
    message_id        INTEGER,
    content           TEXT NOT NULL,      -- an excerpt (at most 1,000 characters)
    reason            TEXT,               -- report reason
    created_at        TEXT NOT NULL,
    first_response_at TEXT,
    resolved_at       TEXT,
    inbox_message_id  INTEGER
);

CREATE UNIQUE INDEX feedback_one_report_per_message ON feedback_items (guild_id, message_id)
    WHERE kind = 'report' AND status NOT IN ('resolved');
CREATE UNIQUE INDEX feedback_one_copy_per_message ON feedback_items (guild_id, message_id)
    WHERE kind = 'criticism';

CREATE TABLE feedback_reporters (
    item_id     INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    reporter_id INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (item_id, reporter_id)
) WITHOUT ROWID;
