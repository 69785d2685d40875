"""Posts that must appear exactly once, whatever moment the process dies.

A feature writes the post into the ``outbox`` table in the same transaction as the state change
it announces (``repository.add_posts``), then calls :meth:`Outbox.kick`. The drainer posts pending
rows in order and marks them sent; it also runs when the bot is ready, before anything new.

Duplicates across a crash between "posted" and "marked sent" are prevented twice:
- the row's key (at most 25 characters) is sent as the message ``nonce`` with ``enforce_nonce``:
  Discord then refuses to create a second message with it for a few minutes;
- the key is also written into the message (a small ``-# ref …`` line), and before a row that
  was attempted before is posted again, the drainer reads the target's messages since the row
  was created and treats one of the bot's messages carrying the key as the post.
A 403 or 404 (channel deleted, DMs closed) gives the row up, never retried; a 5xx or a network
error leaves it for the next drain (a minute later).
"""

from __future__ import annotations

import asyncio
import io
import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import discord

from bot import repository
from bot.repository import OutboxPost

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)


class Delivery(StrEnum):
    """What became of one attempt to post a row."""

    SENT = "sent"
    LATER = "later"  # Discord is unavailable right now (5xx, network): retried later
    FAILED = "failed"  # given up for good (403, 404, the channel is gone)


RETRY_AFTER = 60.0
MAX_BATCH = 50  # rows posted as one message when a renderer can draw them together
BATCH_SPACING = 8.0  # seconds between two batched posts in one channel (a burst gathers meanwhile)
KEEP_DONE = timedelta(days=7)
ViewBuilder = Callable[[str, str], discord.ui.View | None]
"""(view argument, guild language) -> the view to attach."""
Renderer = Callable[[str], Awaitable[dict[str, Any] | None]]
"""(ref) -> the message's keyword arguments (content, embed, view), drawn at delivery; None: there
is nothing to post any more."""
BatchRenderer = Callable[[Sequence[str]], Awaitable[dict[str, Any] | None]]
"""(refs) -> one message for several rows of the same renderer and channel (a burst's log posts)."""
OnSent = Callable[[str, "discord.Message | None", "str | None"], Awaitable[None]]
"""(ref, the message or None, why it was given up or None): told once a row is done."""


def new_key() -> str:
    """A unique key within Discord's 25-character nonce limit."""
    return "o" + secrets.token_hex(8)


def marker(key: str) -> str:
    return f"-# ref {key}"


def _carries(content: str, key: str) -> bool:
    """Whether a message's marker line names ``key`` (a batch names several)."""
    return any(
        line.startswith("-# ref ") and key in line.split()[2:] for line in content.splitlines()
    )


def with_marker(content: str, key: str) -> str:
    tail = "\n" + marker(key)
    return content[: 2000 - len(tail)] + tail


class Outbox:
    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._lock = asyncio.Lock()
        self._views: dict[str, ViewBuilder] = {}
        self._renderers: dict[str, Renderer] = {}
        self._batch_renderers: dict[str, BatchRenderer] = {}
        self._soon: asyncio.TimerHandle | None = None
        self._batched_at: dict[int, float] = {}  # channel -> when its last batched post went out
        self._on_sent: dict[str, OnSent] = {}
        self._tasks: set[asyncio.Task[int]] = set()
        self._again: asyncio.TimerHandle | None = None
        #: set once the bot is ready: posts queued earlier wait for the first drain at ready
        self.ready = False

    def register_view(self, kind: str, builder: ViewBuilder) -> None:
        self._views[kind] = builder

    def register_renderer(self, kind: str, renderer: Renderer) -> None:
        self._renderers[kind] = renderer

    def register_batch_renderer(self, kind: str, renderer: BatchRenderer) -> None:
        """Rows of renderer ``kind`` that are pending together for one channel are posted as one
        message drawn by ``renderer`` (their on-sent callbacks are not told: no single row owns
        the message)."""
        self._batch_renderers[kind] = renderer

    def register_on_sent(self, kind: str, callback: OnSent) -> None:
        self._on_sent[kind] = callback

    def kick(self) -> None:
        """Drain soon (after the caller's transaction committed)."""
        if not self.ready or self._bot.is_closed():
            return
        task = asyncio.create_task(self.drain(), name="outbox-drain")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def kick_soon(self, delay: float) -> None:
        """Drain after ``delay`` seconds: posts queued meanwhile (a burst) go out together."""
        if not self.ready or self._bot.is_closed():
            return
        loop = asyncio.get_running_loop()
        if self._soon is not None:
            if self._soon.when() <= loop.time() + delay:
                return  # a drain comes sooner anyway
            self._soon.cancel()
        self._soon = loop.call_later(delay, self._kick_now)

    def _kick_now(self) -> None:
        self._soon = None
        self.kick()

    async def start(self) -> None:
        """At ready: post what a crash or an outage left behind, before anything new."""
        self.ready = True
        await repository.purge_posts(self._bot.db, self._bot.clock() - KEEP_DONE)
        await self.drain()

    async def close(self) -> None:
        self.ready = False
        if self._again is not None:
            self._again.cancel()
        if self._soon is not None:
            self._soon.cancel()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def drain(self) -> int:
        """Post every pending row once; returns how many were sent."""
        bot = self._bot
        sent = 0
        retry = False
        async with self._lock:
            held: set[int | None] = set()  # channels whose batched rows wait for the spacing
            now = bot.clock()
            for group in self._groups(self._owned(await repository.pending_posts(bot.db, due=now))):
                if bot.is_closed():
                    return sent
                if group[0].channel_id in held:
                    continue  # after held rows of the same channel: keep the order
                wait = self._spacing_left(group)
                if wait > 0:
                    held.add(group[0].channel_id)
                    self.kick_soon(wait)
                    continue
                outcome = await self._deliver(group)
                if group[0].renderer in self._batch_renderers:
                    self._batched(group[0].channel_id)
                if outcome is Delivery.SENT:
                    sent += len(group)
                elif outcome is Delivery.LATER:
                    retry = True
        if retry and self._again is None and not bot.is_closed():
            loop = asyncio.get_running_loop()
            self._again = loop.call_later(RETRY_AFTER, self._retry)
        due = await repository.next_held(bot.db, now)
        if due is not None:
            self.kick_soon((due - now).total_seconds() + 0.05)
        return sent

    async def deliver(self, keys: Sequence[str]) -> dict[str, Delivery]:
        """Post these rows now, in order (a caller that reports the result, e.g. whether a DM
        arrived); rows already done, or held for later, are skipped. Returns each attempted key's outcome."""
        outcomes: dict[str, Delivery] = {}
        if not keys:
            return outcomes
        async with self._lock:
            pending = await repository.pending_posts(self._bot.db, keys, due=self._bot.clock())
            for post in self._owned(pending):
                if self._bot.is_closed():
                    break
                outcomes[post.key] = await self._deliver([post])
        return outcomes

    async def withdraw(self, keys: Sequence[str]) -> None:
        """Give up rows not sent yet (e.g. the announcement of a ban that failed); a delivery
        in progress finishes first."""
        async with self._lock:
            for post in await repository.pending_posts(self._bot.db, keys):
                await repository.post_done(
                    self._bot.db, post.id, self._bot.clock(), failed="withdrawn"
                )

    def _owned(self, posts: list[OutboxPost]) -> list[OutboxPost]:
        """The posts of this process's guilds (another process posts the others')."""
        return [post for post in posts if self._bot.owns(post.guild_id)]

    def _retry(self) -> None:
        self._again = None
        self.kick()

    async def _target(self, post: OutboxPost) -> discord.abc.Messageable | None:
        bot = self._bot
        if post.channel_id is not None:
            channel = bot.get_channel(post.channel_id)
            return channel if isinstance(channel, discord.abc.Messageable) else None
        assert post.user_id is not None
        user = bot.get_user(post.user_id)
        if user is None:
            user = await bot.fetch_user(post.user_id)
        return user.dm_channel or await user.create_dm()

    async def _deliver(self, posts: list[OutboxPost]) -> Delivery:
        """Post one row, or several rows of a batch renderer as one message (every key in it,
        every row counted as attempted before sending, so a crash is covered the same way):
        'sent', 'failed' (given up) or 'later' (try again)."""
        bot, first = self._bot, posts[0]
        if first.channel_id is not None and bot.get_guild(first.guild_id) is None:
            return Delivery.LATER  # the server is unavailable right now: not gone, wait
        try:
            target = await self._target(first)
            if target is None:
                return await self._given_up(posts, "channel gone")
            if len(posts) == 1 and first.attempts:
                found = await self._already_posted(target, first)
                if found is not None:
                    return await self._sent(posts, found)
            kwargs = await (self._message(first) if len(posts) == 1 else self._batch(posts))
            if kwargs is None:
                return await self._given_up(posts, "nothing to post")
            for post in posts:
                await repository.post_attempted(bot.db, post.id)
            message = await target.send(**kwargs)
        except (discord.Forbidden, discord.NotFound) as exc:
            log.warning("Outbox post %s given up: %s", first.key, exc)
            return await self._given_up(posts, f"{exc.status}")
        except (discord.HTTPException, OSError) as exc:
            log.warning("Outbox post %s not sent yet: %s", first.key, exc)
            return Delivery.LATER
        return await self._sent(posts, message)

    def _spacing_left(self, group: list[OutboxPost]) -> float:
        """Seconds until rows of a batch renderer may be posted in their channel again."""
        first = group[0]
        if (
            first.renderer not in self._batch_renderers
            or first.attempts
            or first.channel_id is None
        ):
            return 0.0
        last = self._batched_at.get(first.channel_id)
        if last is None:
            return 0.0
        return max(0.0, BATCH_SPACING - (asyncio.get_running_loop().time() - last))

    def _groups(self, posts: list[OutboxPost]) -> list[list[OutboxPost]]:
        """Consecutive fresh rows of one batch renderer and channel go together."""
        groups: list[list[OutboxPost]] = []
        for post in posts:
            last = groups[-1] if groups else None
            if (
                last is not None
                and post.renderer in self._batch_renderers
                and post.attempts == 0
                and last[0].attempts == 0
                and last[0].renderer == post.renderer
                and last[0].channel_id == post.channel_id
                and len(last) < MAX_BATCH
            ):
                last.append(post)
            else:
                groups.append([post])
        return groups

    async def _batch(self, posts: list[OutboxPost]) -> dict[str, Any] | None:
        """The one message for several rows, drawn by their batch renderer."""
        renderer = self._batch_renderers[posts[0].renderer or ""]
        drawn = await renderer([post.ref or "" for post in posts])
        if drawn is None:
            return None
        content = str(drawn.pop("content", "") or "")
        keys = " ".join(post.key for post in posts)
        return {
            **drawn,
            "content": (content + "\n" if content else "") + marker(keys),
            "nonce": posts[0].key,
            "allowed_mentions": discord.AllowedMentions.none(),
        }

    def _batched(self, channel_id: int | None) -> None:
        if channel_id is not None:
            self._batched_at[channel_id] = asyncio.get_running_loop().time()

    async def _sent(self, posts: list[OutboxPost], message: discord.Message) -> Delivery:
        for post in posts:
            await repository.post_done(self._bot.db, post.id, self._bot.clock(), message.id)
        if len(posts) == 1:  # a batch's message belongs to no single row
            await self._tell(posts[0], message, None)
        return Delivery.SENT

    async def _given_up(self, posts: list[OutboxPost], why: str) -> Delivery:
        for post in posts:
            await repository.post_done(self._bot.db, post.id, self._bot.clock(), failed=why)
            await self._tell(post, None, why)
        return Delivery.FAILED

    async def _tell(
        self, post: OutboxPost, message: discord.Message | None, why: str | None
    ) -> None:
        callback = self._on_sent.get(post.on_sent or "")
        if callback is not None:
            try:
                await callback(post.ref or "", message, why)
            except Exception:  # the post is done either way; the callback only records it
                log.exception("Outbox callback %s for %s failed", post.on_sent, post.key)

    async def _message(self, post: OutboxPost) -> dict[str, Any] | None:
        bot = self._bot
        content = post.content
        drawn: dict[str, Any] = {}
        if post.renderer:
            renderer = self._renderers.get(post.renderer)
            rendered = await renderer(post.ref or "") if renderer else None
            if rendered is None:
                return None
            drawn = dict(rendered)
            content = drawn.pop("content", None) or ""
        kwargs: dict[str, Any] = {
            **drawn,
            "content": with_marker(content, post.key) if content else marker(post.key),
            "nonce": post.key,
            "allowed_mentions": discord.AllowedMentions(
                everyone=False,
                roles=[discord.Object(role_id) for role_id in post.ping_roles],
                users=[discord.Object(user_id) for user_id in post.pings],
            ),
        }
        if post.file_name and post.file_text is not None:
            kwargs["file"] = discord.File(
                io.BytesIO(post.file_text.encode("utf-8")), filename=post.file_name
            )
        if post.view_kind:
            builder = self._views.get(post.view_kind)
            lang = bot.guild_settings.locale(post.guild_id)
            view = builder(post.view_arg or "", lang) if builder else None
            if view is not None:
                kwargs["view"] = view
        return kwargs

    async def _already_posted(
        self, target: discord.abc.Messageable, post: OutboxPost
    ) -> discord.Message | None:
        """The bot's message carrying the post's key, sent since the row was created."""
        me = self._bot.user
        after = (
            discord.Object(discord.utils.time_snowflake(post.created_at))
            if post.created_at
            else None
        )
        async for message in target.history(limit=100, after=after, oldest_first=True):
            if (
                me is not None
                and message.author.id == me.id
                and _carries(message.content, post.key)
            ):
                return message
        return None

    # --- privacy: a member's pending DMs and the posts naming them -------------------------

    def register_privacy(self) -> None:
        self._bot.privacy.register(
            "outbox",
            "Messages to you or naming you that the bot still has to post (kept 7 days after).",
            lambda user_id: repository.posts_of_user(self._bot.db, user_id),
            erase=repository.forget_posts_of_user,
        )
