"""All SQL of the core services: meta values, guilds, guild settings, activity counts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.database import Database, Transaction
from bot.i18n import Lang
from bot.timeutil import from_iso, to_iso


@dataclass(frozen=True)
class GuildConfig:
    guild_id: int
    locale: Lang | None = None
    timezone: str | None = None
    channels: tuple[tuple[str, int], ...] = ()
    moderator_roles: frozenset[int] = frozenset()
    admin_roles: frozenset[int] = frozenset()

    def channel(self, kind: str) -> int | None:
        return dict(self.channels).get(kind)


@dataclass(frozen=True)
class GuildRecord:
    guild_id: int
    joined_at: datetime
    left_at: datetime | None
    purge_after: datetime | None


@dataclass(frozen=True)
class ActivityRow:
    guild_id: int
    day: str
    kind: str
    user_id: int
    count: int


# --- meta -----------------------------------------------------------------------------------


async def get_meta(db: Database, key: str) -> str | None:
    row = await db.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
    return None if row is None else str(row["value"])


async def set_meta(db: Database, key: str, value: str) -> None:
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


async def reserve_identify_turn(db: Database, bucket: int, window: float, now: float) -> float:
    """The bucket's next IDENTIFY turn (Unix time): ``window`` after the turn before it, or
    ``now``; reserved for the caller in the same transaction (write transactions run one at a
    time, across processes too). Returns the seconds to wait for it."""
    async with db.transaction() as tx:
        row = await tx.fetchone("SELECT turn_at FROM identify_turns WHERE bucket = ?", (bucket,))
        turn = now if row is None else max(now, float(row["turn_at"]) + window)
        await tx.execute(
            "INSERT INTO identify_turns (bucket, turn_at) VALUES (?, ?) "
            "ON CONFLICT (bucket) DO UPDATE SET turn_at = excluded.turn_at",
            (bucket, turn),
        )
    return turn - now


# --- guilds ---------------------------------------------------------------------------------


async def ensure_guild(tx: Transaction, guild_id: int, now: datetime) -> None:
    """Every table of guild data references guilds(guild_id): create the row on first use."""
    await tx.execute(
        "INSERT INTO guilds (guild_id, joined_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
        (guild_id, to_iso(now)),
    )


async def guild_present(db: Database, guild_id: int, now: datetime) -> bool:
    """Record that the bot is in the guild; returns True if a pending purge was cancelled."""
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        changed = await tx.execute(
            "UPDATE guilds SET left_at = NULL, purge_after = NULL "
            "WHERE guild_id = ? AND left_at IS NOT NULL",
            (guild_id,),
        )
    return changed > 0


async def guild_left(db: Database, guild_id: int, now: datetime, purge_after: datetime) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        await tx.execute(
            "UPDATE guilds SET left_at = ?, purge_after = ? WHERE guild_id = ? AND left_at IS NULL",
            (to_iso(now), to_iso(purge_after), guild_id),
        )


async def list_guilds(db: Database) -> list[GuildRecord]:
    rows = await db.fetchall("SELECT * FROM guilds ORDER BY guild_id")
    return [
        GuildRecord(
            guild_id=row["guild_id"],
            joined_at=from_iso(row["joined_at"]),
            left_at=from_iso(row["left_at"]) if row["left_at"] else None,
            purge_after=from_iso(row["purge_after"]) if row["purge_after"] else None,
        )
        for row in rows
    ]


async def purge_guild(db: Database, guild_id: int, now: datetime) -> bool:
    """Delete a departed guild and (by cascade) all its data, if its grace period is over."""
    async with db.transaction() as tx:
        deleted = await tx.execute(
            "DELETE FROM guilds WHERE guild_id = ? AND purge_after IS NOT NULL AND purge_after <= ?",
            (guild_id, to_iso(now)),
        )
    return deleted > 0


# --- guild settings -------------------------------------------------------------------------


async def load_guild_configs(db: Database) -> dict[int, GuildConfig]:
    settings = {
        row["guild_id"]: row
        for row in await db.fetchall("SELECT guild_id, locale, timezone FROM guild_settings")
    }
    channels: dict[int, list[tuple[str, int]]] = {}
    for row in await db.fetchall("SELECT guild_id, kind, channel_id FROM guild_channels"):
        channels.setdefault(row["guild_id"], []).append((row["kind"], row["channel_id"]))
    staff: dict[tuple[int, str], set[int]] = {}
    for row in await db.fetchall("SELECT guild_id, kind, role_id FROM guild_staff_roles"):
        staff.setdefault((row["guild_id"], row["kind"]), set()).add(row["role_id"])
    guild_ids = set(settings) | set(channels) | {guild_id for guild_id, _ in staff}
    configs: dict[int, GuildConfig] = {}
    for guild_id in guild_ids:
        saved = settings.get(guild_id)
        configs[guild_id] = GuildConfig(
            guild_id,
            saved["locale"] if saved else None,
            saved["timezone"] if saved else None,
            tuple(sorted(channels.get(guild_id, []))),
            frozenset(staff.get((guild_id, "moderator"), set())),
            frozenset(staff.get((guild_id, "admin"), set())),
        )
    return configs


async def set_staff_role(
    db: Database, guild_id: int, kind: str, role_id: int, present: bool, now: datetime
) -> bool:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        if present:
            return (
                await tx.execute(
                    "INSERT INTO guild_staff_roles (guild_id, kind, role_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (guild_id, kind, role_id),
                )
                > 0
            )
        return (
            await tx.execute(
                "DELETE FROM guild_staff_roles WHERE guild_id = ? AND kind = ? AND role_id = ?",
                (guild_id, kind, role_id),
            )
            > 0
        )


async def save_guild_settings(
    db: Database, guild_id: int, now: datetime, *, locale: Lang | None, timezone: str | None
) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        await tx.execute(
            "INSERT INTO guild_settings (guild_id, locale, timezone, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (guild_id) DO UPDATE SET locale = excluded.locale, "
            "timezone = excluded.timezone, updated_at = excluded.updated_at",
            (guild_id, locale, timezone, to_iso(now)),
        )


async def set_guild_channel(
    db: Database, guild_id: int, kind: str, channel_id: int | None, now: datetime
) -> None:
    async with db.transaction() as tx:
        await ensure_guild(tx, guild_id, now)
        if channel_id is None:
            await tx.execute(
                "DELETE FROM guild_channels WHERE guild_id = ? AND kind = ?", (guild_id, kind)
            )
        else:
            await tx.execute(
                "INSERT INTO guild_channels (guild_id, kind, channel_id) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id, kind) DO UPDATE SET channel_id = excluded.channel_id",
                (guild_id, kind, channel_id),
            )


async def forget_channel(db: Database, guild_id: int, channel_id: int) -> int:
    """A channel was deleted: unset every setting that pointed at it."""
    async with db.transaction() as tx:
        return await tx.execute(
            "DELETE FROM guild_channels WHERE guild_id = ? AND channel_id = ?",
            (guild_id, channel_id),
        )


# --- activity -------------------------------------------------------------------------------


async def add_activity(
    db: Database, counts: Mapping[tuple[int, str, str, int], int], now: datetime
) -> None:
    """Add buffered counts, keyed (guild_id, day, kind, user_id), in one transaction."""
    if not counts:
        return
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO guilds (guild_id, joined_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(guild_id, to_iso(now)) for guild_id in {key[0] for key in counts}],
        )
        await tx.executemany(
            "INSERT INTO activity_daily (guild_id, day, kind, user_id, count) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (guild_id, day, kind, user_id) DO UPDATE SET count = activity_daily.count + excluded.count",
            [(*key, n) for key, n in counts.items()],
        )


async def activity_totals(
    db: Database, guild_id: int, kinds: Iterable[str], since_day: str
) -> dict[str, int]:
    kinds = list(kinds)
    marks = ",".join("?" for _ in kinds)
    rows = await db.fetchall(
        f"SELECT kind, SUM(count) AS n FROM activity_daily WHERE guild_id = ? AND day >= ? "
        f"AND kind IN ({marks}) GROUP BY kind",
        (guild_id, since_day, *kinds),
    )
    return {row["kind"]: int(row["n"]) for row in rows}


async def activity_of_user(db: Database, user_id: int) -> list[ActivityRow]:
    rows = await db.fetchall(
        "SELECT guild_id, day, kind, user_id, count FROM activity_daily WHERE user_id = ? "
        "ORDER BY guild_id, day, kind",
        (user_id,),
    )
    return [ActivityRow(**dict(row)) for row in rows]


async def delete_activity_of_user(db: Database, user_id: int) -> int:
    """Remove a member's attribution; the guild's totals stay correct (re-counted as user 0)."""
    async with db.transaction() as tx:
        await tx.execute(
            "INSERT INTO activity_daily (guild_id, day, kind, user_id, count) "
            "SELECT guild_id, day, kind, 0, count FROM activity_daily WHERE user_id = ? "
            "ON CONFLICT (guild_id, day, kind, user_id) DO UPDATE SET count = activity_daily.count + excluded.count",
            (user_id,),
        )
        return await tx.execute("DELETE FROM activity_daily WHERE user_id = ?", (user_id,))


# --- the outbox -------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxPost:
    """A post to make once: in a channel (``channel_id``) or a member's DMs (``user_id``)."""

    key: str
    guild_id: int
    content: str
    channel_id: int | None = None
    user_id: int | None = None
    pings: tuple[int, ...] = ()  # users this post may ping
    ping_roles: tuple[int, ...] = ()  # roles this post may ping
    file_name: str | None = None
    file_text: str | None = None
    view_kind: str | None = None
    view_arg: str | None = None
    renderer: str | None = None  # drawn at delivery by a registered renderer, from ``ref``
    on_sent: str | None = None  # a registered callback told of the delivery, with ``ref``
    ref: str | None = None
    not_before: datetime | None = None  # held until then (e.g. to be combined with a later DM)
    id: int = 0
    created_at: datetime | None = None
    attempts: int = 0


async def add_posts(
    tx: Transaction, posts: Iterable[OutboxPost], now: datetime, *, skip_existing: bool = False
) -> None:
    """Queue posts inside the caller's transaction (the state change they follow); with
    ``skip_existing``, a post whose key is already queued (or was sent) is left as it is."""
    posts = list(posts)
    for guild_id in {p.guild_id for p in posts}:
        await ensure_guild(tx, guild_id, now)
    await tx.executemany(
        "INSERT INTO outbox (key, guild_id, channel_id, "
        "user_id, content, pings, ping_roles, file_name, file_text, view_kind, view_arg, "
        "renderer, on_sent, ref, not_before, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        + (" ON CONFLICT DO NOTHING" if skip_existing else ""),
        [
            (
                p.key,
                p.guild_id,
                p.channel_id,
                p.user_id,
                p.content,
                json.dumps(list(p.pings)),
                json.dumps(list(p.ping_roles)),
                p.file_name,
                p.file_text,
                p.view_kind,
                p.view_arg,
                p.renderer,
                p.on_sent,
                p.ref,
                to_iso(p.not_before) if p.not_before else None,
                to_iso(now),
            )
            for p in posts
        ],
    )


async def pending_posts(
    db: Database, keys: Sequence[str] | None = None, *, due: datetime | None = None
) -> list[OutboxPost]:
    """Posts not sent or given up yet, oldest first (only those with ``keys`` if given; with
    ``due``, only those not held beyond that moment)."""
    where = "sent_at IS NULL AND failed IS NULL"
    args: list[object] = []
    if keys is not None:
        where += f" AND key IN ({', '.join('?' * len(keys))})"
        args += keys
    if due is not None:
        where += " AND (not_before IS NULL OR not_before <= ?)"
        args.append(to_iso(due))
    rows = await db.fetchall(f"SELECT * FROM outbox WHERE {where} ORDER BY id", tuple(args))
    return [_post(row) for row in rows]


def _post(row: Any) -> OutboxPost:
    return OutboxPost(
        key=row["key"],
        guild_id=row["guild_id"],
        content=row["content"],
        channel_id=row["channel_id"],
        user_id=row["user_id"],
        pings=tuple(json.loads(row["pings"])),
        ping_roles=tuple(json.loads(row["ping_roles"])),
        file_name=row["file_name"],
        file_text=row["file_text"],
        view_kind=row["view_kind"],
        view_arg=row["view_arg"],
        renderer=row["renderer"],
        on_sent=row["on_sent"],
        ref=row["ref"],
        not_before=from_iso(row["not_before"]) if row["not_before"] else None,
        id=row["id"],
        created_at=from_iso(row["created_at"]),
        attempts=row["attempts"],
    )


async def next_held(db: Database, now: datetime) -> datetime | None:
    """When the earliest post held beyond ``now`` becomes due."""
    row = await db.fetchone(
        "SELECT min(not_before) FROM outbox WHERE sent_at IS NULL AND failed IS NULL "
        "AND not_before > ?",
        (to_iso(now),),
    )
    return from_iso(row[0]) if row is not None and row[0] else None


async def held_dms(db: Database, guild_id: int, user_id: int, on_sent: str) -> list[OutboxPost]:
    """A member's DMs still held (not due yet), e.g. to fold them into a later DM."""
    rows = await db.fetchall(
        "SELECT * FROM outbox WHERE sent_at IS NULL AND failed IS NULL AND not_before IS NOT "
        "NULL AND guild_id = ? AND user_id = ? AND on_sent = ? ORDER BY id",
        (guild_id, user_id, on_sent),
    )
    return [_post(row) for row in rows]


async def hold_dms(
    db: Database, guild_id: int, user_id: int, on_sent: str, until: datetime
) -> None:
    """Hold a member's held DMs longer (a step that will tell them everything is on its way)."""
    async with db.transaction() as tx:
        await tx.execute(
            "UPDATE outbox SET not_before = ? WHERE sent_at IS NULL AND failed IS NULL "
            "AND not_before IS NOT NULL AND guild_id = ? AND user_id = ? AND on_sent = ? "
            "AND not_before < ?",
            (to_iso(until), guild_id, user_id, on_sent, to_iso(until)),
        )


async def post_attempted(db: Database, post_id: int) -> None:
    """Counted before sending: a row with attempts may have reached Discord before a crash."""
    async with db.transaction() as tx:
        await tx.execute("UPDATE outbox SET attempts = attempts + 1 WHERE id = ?", (post_id,))


async def post_done(
    db: Database,
    post_id: int,
    now: datetime,
    message_id: int | None = None,
    failed: str | None = None,
) -> None:
    async with db.transaction() as tx:
        if failed is not None:
            await tx.execute("UPDATE outbox SET failed = ? WHERE id = ?", (failed[:200], post_id))
        else:
            await tx.execute(
                "UPDATE outbox SET sent_at = ?, message_id = ?, file_text = NULL WHERE id = ?",
                (to_iso(now), message_id, post_id),
            )


async def purge_posts(db: Database, before: datetime) -> int:
    """Done rows are kept a while for the record, then deleted (they may quote member text)."""
    async with db.transaction() as tx:
        return await tx.execute(
            "DELETE FROM outbox WHERE (sent_at IS NOT NULL OR failed IS NOT NULL) AND created_at < ?",
            (to_iso(before),),
        )


async def posts_of_user(db: Database, user_id: int) -> list[dict[str, object]]:
    rows = await db.fetchall(
        "SELECT key, guild_id, channel_id, content, created_at, sent_at FROM outbox "
        "WHERE user_id = ? OR instr(pings, ?) > 0 ORDER BY id",
        (user_id, str(user_id)),
    )
    return [dict(row) for row in rows]


async def forget_posts_of_user(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        return await tx.execute(
            "DELETE FROM outbox WHERE user_id = ? OR instr(pings, ?) > 0 OR instr(content, ?) > 0",
            (user_id, str(user_id), str(user_id)),
        )
