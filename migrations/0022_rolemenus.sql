-- Role menus: a persistent message (or several, 25 roles each) with buttons or a select menu for
-- self-assignable roles. No member is stored: who holds a role is Discord's record.
CREATE TABLE rolemenus (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id         INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    channel_id       INTEGER NOT NULL,
    title            TEXT NOT NULL,
    style            TEXT NOT NULL CHECK (style IN ('buttons', 'select')),
    single           INTEGER NOT NULL DEFAULT 0,  -- 1: one role of the menu at a time
    max_roles        INTEGER,                     -- NULL: no maximum
    required_role_id INTEGER,                     -- NULL: everyone may choose
    created_at       TEXT NOT NULL
);
CREATE INDEX rolemenus_by_guild ON rolemenus (guild_id);

-- The menu's roles in their order; a label and description as the team typed them.
CREATE TABLE rolemenu_roles (
    menu_id     INTEGER NOT NULL REFERENCES rolemenus(id) ON DELETE CASCADE,
    role_id     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    label       TEXT NOT NULL,
    description TEXT,
    PRIMARY KEY (menu_id, role_id)
) WITHOUT ROWID;
CREATE INDEX rolemenu_roles_by_role ON rolemenu_roles (role_id);

-- The menu's messages: part 0 holds roles 1-25, part 1 roles 26-50, ...
CREATE TABLE rolemenu_messages (
    menu_id    INTEGER NOT NULL REFERENCES rolemenus(id) ON DELETE CASCADE,
    part       INTEGER NOT NULL,
    message_id INTEGER NOT NULL UNIQUE,
    PRIMARY KEY (menu_id, part)
) WITHOUT ROWID;

-- Which interests grow: per server, local day and role, how often it was chosen and given back.
-- Counts only, no member.
CREATE TABLE rolemenu_choices_daily (
    guild_id INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    day      TEXT NOT NULL,
    role_id  INTEGER NOT NULL,
    added    INTEGER NOT NULL DEFAULT 0,
    removed  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (guild_id, day, role_id)
) WITHOUT ROWID;
