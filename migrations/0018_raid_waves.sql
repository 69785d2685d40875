-- A raid alert names its wave: the members who joined in the window. Moderators act on the wave
-- from the alert's buttons (time out or kick all of them); the decision is claimed once.
CREATE TABLE raid_waves (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    member_ids  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    decision    TEXT CHECK (decision IN ('timeout', 'kick')),
    decided_by  INTEGER,
    decided_at  TEXT
);
