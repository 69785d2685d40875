-- Appeals: a member explains why a case was a mistake; a moderator upholds or revokes it.

CREATE TABLE appeals (
    guild_id       INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    case_number    INTEGER NOT NULL,
    user_id        INTEGER NOT NULL,
    text           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'revoked')),
    created_at     TEXT NOT NULL,
    decided_by     INTEGER,
    decided_at     TEXT,
    log_message_id INTEGER,
    PRIMARY KEY (guild_id, case_number)
) WITHOUT ROWID;
