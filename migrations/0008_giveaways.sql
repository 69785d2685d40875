-- Giveaways: verifiable draws (see cogs/giveaways/draw.py), exactly once, restart-proof.

CREATE TABLE giveaways (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id               INTEGER NOT NULL REFERENCES guilds(guild_id) ON DELETE CASCADE,
    channel_id             INTEGER NOT NULL,
    message_id             INTEGER,
    prize                  TEXT NOT NULL,
    description            TEXT,
    winners_count          INTEGER NOT NULL CHECK (winners_count BETWEEN 1 AND 20),
    ends_at                TEXT NOT NULL,
    state                  TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'ended', 'cancelled')),
    seed                   TEXT NOT NULL,          -- secret until the end, then published
    commitment             TEXT NOT NULL,          -- SHA-256 of the seed, published at the start
    required_role_id       INTEGER,
    min_account_age_s      INTEGER NOT NULL DEFAULT 0,
    min_membership_age_s   INTEGER NOT NULL DEFAULT 0,
    created_by             INTEGER NOT NULL,
    created_at             TEXT NOT NULL,
    ended_at               TEXT,
    terms_url              TEXT,                   -- entry terms (Teilnahmebedingungen)
    claim_seconds          INTEGER,                -- winners must claim within this time (optional)
    entry_count            INTEGER,                -- kept when the entrant list is deleted
    entrants_purged        INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE giveaway_settings (
    guild_id       INTEGER PRIMARY KEY REFERENCES guilds(guild_id) ON DELETE CASCADE,
    terms_url      TEXT,                           -- default entry terms for new giveaways
    retention_days INTEGER NOT NULL DEFAULT 30     -- days the entrant list is kept after the end
);
CREATE INDEX giveaways_open ON giveaways (state, ends_at);

CREATE TABLE giveaway_entries (
    giveaway_id INTEGER NOT NULL REFERENCES giveaways(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    receipt     TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    PRIMARY KEY (giveaway_id, user_id)
) WITHOUT ROWID;

-- The published outcome: kept after the entrant list is deleted.
CREATE TABLE giveaway_results (
    giveaway_id INTEGER NOT NULL REFERENCES giveaways(id) ON DELETE CASCADE,
    receipt     TEXT NOT NULL,
    user_id     INTEGER,                 -- NULL once the entrant list is purged
    outcome     TEXT NOT NULL CHECK (outcome IN ('winner', 'skipped', 'replaced')),
    round       INTEGER NOT NULL,        -- 0: the draw, 1..: rerolls
    drawn_at    TEXT,
    claimed_at  TEXT,
    PRIMARY KEY (giveaway_id, receipt)
) WITHOUT ROWID;
