-- Conversations with the team: an inbox item the team answered gets a private thread in the inbox
-- channel; team messages there reach the member by DM, the member's answers come back to it.

CREATE TABLE feedback_conversations (
    item_id   INTEGER PRIMARY KEY REFERENCES feedback_items(id) ON DELETE CASCADE,
    guild_id  INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    thread_id INTEGER,              -- the team's private thread (a new one if it was deleted or locked)
    closed_by TEXT CHECK (closed_by IN ('member', 'team', 'forgotten')),  -- NULL: open
    opened_at TEXT NOT NULL,
    closed_at TEXT
);

CREATE UNIQUE INDEX feedback_conversation_thread ON feedback_conversations (thread_id);

CREATE TABLE feedback_messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id        INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    side           TEXT NOT NULL CHECK (side IN ('team', 'member')),
    kind           TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'close')),
    team_member_id INTEGER,         -- who of the team wrote it (team side only)
    content        TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    -- team side: pending (DM queued), delivered, waiting (DMs closed: /feedback-status shows it);
    -- member side: pending (to be posted in the thread at due_at), delivered, dropped
    state          TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'waiting', 'dropped')),
    due_at         TEXT             -- member side: not posted before (anonymous: the next full slot)
);

CREATE INDEX feedback_messages_item ON feedback_messages (item_id, id);
CREATE INDEX feedback_messages_due ON feedback_messages (state, due_at) WHERE side = 'member';
