-- Q&A rounds (Fragerunden): questions, votes, answers; the community FAQ with its auto-replies.
-- Schedules also learn the Q&A round and stats report kinds and remember the Discord event
-- created for their next run.

CREATE TABLE qa_rounds (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id            INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    channel_id          INTEGER NOT NULL,
    topic               TEXT NOT NULL,
    host_id             INTEGER NOT NULL,
    anonymous           INTEGER NOT NULL DEFAULT 0,   -- every question without its author
    moderated           INTEGER NOT NULL DEFAULT 0,   -- questions wait for a moderator
    max_questions       INTEGER NOT NULL DEFAULT 3,   -- per member and round
    ends_at             TEXT NOT NULL,
    state               TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    panel_message_id    INTEGER,
    summary_message_id  INTEGER,
    created_by          INTEGER NOT NULL,
    created_at          TEXT NOT NULL,
    closed_at           TEXT,
    -- the summary kept for the reports once the round closed
    questions_count     INTEGER,
    answered_count      INTEGER,
    askers_count        INTEGER,
    voters_count        INTEGER
);
CREATE UNIQUE INDEX qa_rounds_one_open_per_channel ON qa_rounds (channel_id) WHERE state = 'open';
CREATE INDEX qa_rounds_by_guild ON qa_rounds (guild_id, id);

CREATE TABLE qa_questions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id          INTEGER NOT NULL REFERENCES qa_rounds(id) ON DELETE CASCADE,
    number            INTEGER NOT NULL,               -- 1, 2, ... within the round
    author_id         INTEGER NOT NULL,
    anonymous         INTEGER NOT NULL DEFAULT 0,
    text              TEXT NOT NULL,
    state             TEXT NOT NULL DEFAULT 'visible' CHECK (state IN ('pending', 'visible', 'rejected', 'merged')),
    reject_reason     TEXT,
    merged_into       INTEGER REFERENCES qa_questions(id) ON DELETE SET NULL,
    message_id        INTEGER,
    review_message_id INTEGER,
    answer            TEXT,
    answered_by       INTEGER,
    answer_message_id INTEGER,
    answered_at       TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (round_id, number)
);
CREATE INDEX qa_questions_by_author ON qa_questions (author_id);
CREATE INDEX qa_questions_merged ON qa_questions (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX qa_questions_answered_by ON qa_questions (answered_by) WHERE answered_by IS NOT NULL;

CREATE TABLE qa_votes (
    question_id INTEGER NOT NULL REFERENCES qa_questions(id) ON DELETE CASCADE,
    voter_id    INTEGER NOT NULL,
    voted_at    TEXT NOT NULL,
    PRIMARY KEY (question_id, voter_id)
) WITHOUT ROWID;
CREATE INDEX qa_votes_by_voter ON qa_votes (voter_id);

CREATE TABLE faq_entries (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id           INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    question           TEXT NOT NULL,
    answer             TEXT NOT NULL,
    source_question_id INTEGER REFERENCES qa_questions(id) ON DELETE SET NULL,
    created_by         INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    helped             INTEGER NOT NULL DEFAULT 0,
    not_helped         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX faq_entries_by_guild ON faq_entries (guild_id);
CREATE UNIQUE INDEX faq_entries_one_per_question ON faq_entries (source_question_id)
    WHERE source_question_id IS NOT NULL;

-- Channels where the bot answers chat questions from the FAQ (off everywhere by default).
CREATE TABLE faq_channels (
    guild_id   INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
) WITHOUT ROWID;

-- One auto-reply per chat message, ever; the reply's buttons point here.
CREATE TABLE faq_replies (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id           INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    entry_id           INTEGER REFERENCES faq_entries(id) ON DELETE SET NULL,
    source_message_id  INTEGER NOT NULL UNIQUE,
    reply_message_id   INTEGER,
    score              REAL NOT NULL,
    created_at         TEXT NOT NULL
);

CREATE TABLE faq_reply_votes (
    reply_id INTEGER NOT NULL REFERENCES faq_replies(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL,
    helpful  INTEGER NOT NULL,
    PRIMARY KEY (reply_id, user_id)
) WITHOUT ROWID;
CREATE INDEX faq_reply_votes_by_user ON faq_reply_votes (user_id);

-- Schedules: two more kinds, and the Discord event created for the next run.
CREATE TABLE schedules_new (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('announcement', 'giveaway', 'contest', 'qa', 'stats_report')),
    phrase        TEXT NOT NULL,
    zone          TEXT NOT NULL,
    channel_id    INTEGER NOT NULL,
    role_id       INTEGER,
    text          TEXT NOT NULL,
    payload       TEXT,
    created_by    INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    starts_at     TEXT,
    ends_at       TEXT,
    remind_seconds INTEGER,
    next_run_at   TEXT,
    last_run_at   TEXT,
    paused_reason TEXT,
    event_id      INTEGER,               -- the Discord scheduled event announcing event_at
    event_at      TEXT
);
INSERT INTO schedules_new (id, guild_id, kind, phrase, zone, channel_id, role_id, text, payload, created_by,
                           created_at, starts_at, ends_at, remind_seconds, next_run_at, last_run_at, paused_reason)
    SELECT id, guild_id, kind, phrase, zone, channel_id, role_id, text, payload, created_by,
           created_at, starts_at, ends_at, remind_seconds, next_run_at, last_run_at, paused_reason
    FROM schedules;
-- Keep the id counter: ids of removed schedules are never handed out again.
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'schedules_new', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'schedules_new');
UPDATE sqlite_sequence
    SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'schedules'), 0))
    WHERE name = 'schedules_new';
DROP TABLE schedules;
ALTER TABLE schedules_new RENAME TO schedules;
