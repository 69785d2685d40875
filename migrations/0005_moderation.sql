-- Temporary bans lift themselves: the scheduler is re-armed from these rows at start.

CREATE TABLE temp_bans (
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    unban_at    TEXT NOT NULL,
    case_number INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_id)
) WITHOUT ROWID;
