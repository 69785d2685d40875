-- The review queue: every flag (a case of action 'flag', automatic or a ladder step) is an item
-- that stays open until a moderator decides it (delete, warn, timeout, no violation). The
-- decision is claimed with a conditional update, so two moderators deciding at once cannot
-- both win. The quoted message is erased a fixed number of days after the decision.
CREATE TABLE review_items (
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    case_number INTEGER NOT NULL,
    user_id     INTEGER NOT NULL,
    quote       TEXT,
    opened_at   TEXT NOT NULL,
    decision    TEXT CHECK (decision IN ('delete', 'warn', 'timeout', 'clear')),
    decided_by  INTEGER,
    decided_at  TEXT,
    result_case INTEGER,
    PRIMARY KEY (guild_id, case_number)
) WITHOUT ROWID;

CREATE INDEX review_items_open ON review_items (guild_id, opened_at) WHERE decided_at IS NULL;
CREATE INDEX review_items_user ON review_items (user_id);
