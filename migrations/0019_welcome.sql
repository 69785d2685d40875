-- The welcome (message and role for new members) is its own feature with its own settings; they
-- used to be columns of stats_settings. Existing servers keep their welcome as it was.
CREATE TABLE welcome_settings (
    guild_id      INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    enabled       INTEGER NOT NULL DEFAULT 0,
    text          TEXT,  -- NULL: the default text in the server's language
    role_id       INTEGER,
    -- the welcome role's risky permission bits an administrator accepted when choosing it; the
    -- role is not given if it gains others later
    role_approved INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL
);

INSERT INTO welcome_settings (guild_id, enabled, text, role_id, role_approved, updated_at)
SELECT guild_id, welcome_enabled, welcome_text, welcome_role_id, welcome_role_approved, updated_at
FROM stats_settings
WHERE welcome_enabled != 0 OR welcome_text IS NOT NULL OR welcome_role_id IS NOT NULL
    OR welcome_role_approved != 0;

ALTER TABLE stats_settings DROP COLUMN welcome_enabled;
ALTER TABLE stats_settings DROP COLUMN welcome_text;
ALTER TABLE stats_settings DROP COLUMN welcome_role_id;
ALTER TABLE stats_settings DROP COLUMN welcome_role_approved;
