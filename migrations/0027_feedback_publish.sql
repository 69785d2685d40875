-- Criticism from the inbox as a public suggestion, only with its author's consent: the team
-- proposes it, the author is asked by DM, and nothing is posted before they agree.

CREATE TABLE feedback_publish (
    item_id       INTEGER PRIMARY KEY REFERENCES feedback_items(id) ON DELETE CASCADE,
    guild_id      INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    title         TEXT NOT NULL,     -- what would be posted, as the author was shown it
    body          TEXT NOT NULL,
    asked_by      INTEGER,           -- the team member who proposed it
    asked_at      TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'asked'
        CHECK (state IN ('asked', 'unreachable', 'agreed', 'declined', 'posted')),
    decided_at    TEXT,
    suggestion_id INTEGER            -- the suggestion it became
);
