"""All SQL of the auto-moderation configuration."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

from bot.contentcheck.links import LinkPolicy
from bot.contentcheck.rules import AutomodConfig, RaidSettings, RuleSettings
from bot.contentcheck.words import WordEntry
from bot.database import Database
from bot.moderation.cases.strikes import parse_ladder
from bot.repository import ensure_guild
from bot.timeutil import to_iso

TERM_KINDS = ("word", "allowed_word", "pattern", "allow_domain", "deny_domain", "allow_invite")


@dataclass(frozen=True)
class Term:
    kind: str
    term: str
    inside_words: bool
    added_by: int


async def load_all(db: Database) -> dict[int, AutomodConfig]:
    guild_ids = {
        row[0]
        for table in ("automod_rules", "automod_terms", "automod_exemptions", "automod_settings")
        for row in await db.fetchall(f"SELECT DISTINCT guild_id FROM {table}")
    }
    return {guild_id: await load(db, guild_id) for guild_id in guild_ids}


async def load(db: Database, guild_id: int) -> AutomodConfig:
    rules = {
        row["rule"]: RuleSettings(
            bool(row["enabled"]), row["action"], row["points"], row["timeout_seconds"]
        )
        for row in await db.fetchall("SELECT * FROM automod_rules WHERE guild_id = ?", (guild_id,))
    }
    terms = await list_terms(db, guild_id)
    exempt_roles: dict[str, set[int]] = {}
    exempt_channels: dict[str, set[int]] = {}
    for row in await db.fetchall(
        "SELECT * FROM automod_exemptions WHERE guild_id = ?", (guild_id,)
    ):
        target = exempt_roles if row["target_type"] == "role" else exempt_channels
        target.setdefault(row["rule"], set()).add(row["target_id"])
    settings = await db.fetchone("SELECT * FROM automod_settings WHERE guild_id = ?", (guild_id,))
    base = AutomodConfig(guild_id)
    config = AutomodConfig(
        guild_id,
        rules={**base.rules, **rules},
        words=tuple(WordEntry(t.term, t.inside_words) for t in terms if t.kind == "word"),
        allowed_words=tuple(t.term for t in terms if t.kind == "allowed_word"),
        patterns=tuple(t.term for t in terms if t.kind == "pattern"),
        links=LinkPolicy(
            allow_invites=frozenset(t.term for t in terms if t.kind == "allow_invite"),
            allowed_domains=frozenset(t.term for t in terms if t.kind == "allow_domain"),
            denied_domains=frozenset(t.term for t in terms if t.kind == "deny_domain"),
            allowlist_only=bool(settings and settings["links_allowlist_only"]),
        ),
        exempt_roles={k: frozenset(v) for k, v in exempt_roles.items()},
        exempt_channels={k: frozenset(v) for k, v in exempt_channels.items()},
    )
    if settings is None:
        return config
    ladder = parse_ladder(settings["ladder"]) if settings["ladder"] else base.ladder
    return replace(
        config,
        ladder=ladder,
        decay_days=settings["decay_days"] or base.decay_days,
        raid=RaidSettings(
            enabled=bool(settings["raid_enabled"]),
            joins=settings["raid_joins"],
            seconds=settings["raid_seconds"],
            lockdown=bool(settings["raid_lockdown"]),
            min_account_age_hours=settings["min_account_age_hours"],
            new_account_action=settings["new_account_action"],
            quarantine_role_id=settings["quarantine_role_id"],
        ),
    )


async def save_rule(
    db: Database, guild_id: int, rule: str, settings: RuleSettings, now: datetime
) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        await tx.execute(
            "INSERT INTO automod_rules (guild_id, rule, enabled, action, points, timeout_seconds) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, rule) DO UPDATE SET "
            "enabled = excluded.enabled, action = excluded.action, points = excluded.points, "
            "timeout_seconds = excluded.timeout_seconds",
            (
                guild_id,
                rule,
                int(settings.enabled),
                settings.action,
                settings.points,
                settings.timeout_seconds,
            ),
        )


async def count_terms(db: Database, guild_id: int, kind: str) -> int:
    row = await db.fetchone(
        "SELECT count(*) FROM automod_terms WHERE guild_id = ? AND kind = ?", (guild_id, kind)
    )
    return int(row[0]) if row else 0


async def add_term(
    db: Database,
    guild_id: int,
    kind: str,
    term: str,
    inside_words: bool,
    added_by: int,
    now: datetime,
) -> bool:
    """Add a term; False if it was already there (then its options are updated)."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        existed = await tx.fetchone(
            "SELECT 1 FROM automod_terms WHERE guild_id = ? AND kind = ? AND term = ?",
            (guild_id, kind, term),
        )
        await tx.execute(
            "INSERT INTO automod_terms (guild_id, kind, term, inside_words, added_by, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, kind, term) DO UPDATE SET "
            "inside_words = excluded.inside_words",
            (guild_id, kind, term, int(inside_words), added_by, to_iso(now)),
        )
    return existed is None


async def remove_term(db: Database, guild_id: int, kind: str, term: str) -> bool:
    async with db.transaction() as tx:
        return (
            await tx.execute(
                "DELETE FROM automod_terms WHERE guild_id = ? AND kind = ? AND term = ?",
                (guild_id, kind, term),
            )
            > 0
        )


async def list_terms(db: Database, guild_id: int, kind: str | None = None) -> list[Term]:
    sql = "SELECT kind, term, inside_words, added_by FROM automod_terms WHERE guild_id = ?"
    params: tuple[object, ...] = (guild_id,)
    if kind is not None:
        sql += " AND kind = ?"
        params = (guild_id, kind)
    rows = await db.fetchall(sql + " ORDER BY kind, term", params)
    return [
        Term(row["kind"], row["term"], bool(row["inside_words"]), row["added_by"]) for row in rows
    ]


async def set_exemption(
    db: Database,
    guild_id: int,
    rule: str,
    target_type: str,
    target_id: int,
    exempt: bool,
    now: datetime,
) -> bool:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        if exempt:
            return (
                await tx.execute(
                    "INSERT INTO automod_exemptions (guild_id, rule, target_type, target_id) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (guild_id, rule, target_type, target_id),
                )
                > 0
            )
        return (
            await tx.execute(
                "DELETE FROM automod_exemptions WHERE guild_id = ? AND rule = ? AND target_type = ? "
                "AND target_id = ?",
                (guild_id, rule, target_type, target_id),
            )
            > 0
        )


SETTING_COLUMNS = (
    "links_allowlist_only",
    "ladder",
    "decay_days",
    "raid_enabled",
    "raid_joins",
    "raid_seconds",
    "raid_lockdown",
    "min_account_age_hours",
    "new_account_action",
    "quarantine_role_id",
)


async def save_settings(db: Database, guild_id: int, now: datetime, **values: object) -> None:
    unknown = set(values) - set(SETTING_COLUMNS)
    if unknown:
        raise ValueError(f"unknown automod settings {sorted(unknown)}")
    if not values:
        return
    columns = list(values)
    assignments = ", ".join(f"{c} = excluded.{c}" for c in columns)
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        await tx.execute(
            f"INSERT INTO automod_settings (guild_id, {', '.join(columns)}) "
            f"VALUES (?, {', '.join('?' for _ in columns)}) "
            f"ON CONFLICT (guild_id) DO UPDATE SET {assignments}",
            (guild_id, *values.values()),
        )


# --- raid waves ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RaidWave:
    id: int
    guild_id: int
    member_ids: tuple[int, ...]
    decision: str | None
    decided_by: int | None


async def add_wave(db: Database, guild_id: int, member_ids: list[int], now: datetime) -> int:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        row = await tx.fetchone(
            "INSERT INTO raid_waves (guild_id, member_ids, created_at) VALUES (?, ?, ?) "
            "RETURNING id",
            (guild_id, json.dumps(member_ids), to_iso(now)),
        )
    assert row is not None
    return int(row[0])


async def get_wave(db: Database, guild_id: int, wave_id: int) -> RaidWave | None:
    row = await db.fetchone(
        "SELECT * FROM raid_waves WHERE id = ? AND guild_id = ?", (wave_id, guild_id)
    )
    if row is None:
        return None
    return RaidWave(
        row["id"],
        row["guild_id"],
        tuple(json.loads(row["member_ids"])),
        row["decision"],
        row["decided_by"],
    )


async def claim_wave(
    db: Database, guild_id: int, wave_id: int, decision: str, by: int, now: datetime
) -> bool:
    """Decide a wave once; False if someone decided it already."""
    async with db.transaction() as tx:
        changed = await tx.execute(
            "UPDATE raid_waves SET decision = ?, decided_by = ?, decided_at = ? "
            "WHERE id = ? AND guild_id = ? AND decision IS NULL",
            (decision, by, to_iso(now), wave_id, guild_id),
        )
    return changed == 1
