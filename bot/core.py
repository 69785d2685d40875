"""The Bot: owns the database, scheduler, settings and shared services; loads the features."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import __version__, health, repository
from bot.activity import ActivityService
from bot.backup import BackupService
from bot.budget import RequestBudget, pace
from bot.commandrefs import CommandRefs
from bot.config import Settings
from bot.contentcheck.service import ContentCheckService
from bot.cooldowns import Cooldowns
from bot.database import Database
from bot.errors import UserFacingError
from bot.features import DEFAULT_EXTENSIONS
from bot.guild_settings import GuildSettingsService
from bot.i18n import I18n, Translator
from bot.moderation import appeals, notices, review
from bot.moderation.cases import CaseLog
from bot.moderation.cases.strings import STRINGS as CASE_STRINGS
from bot.moderation.pipeline import Pipeline
from bot.moderation.tempbans import TempBans
from bot.outbox import Outbox
from bot.privacy import PrivacyRegistry
from bot.replies import report_error
from bot.reportsections import ReportSections
from bot.schedule_kinds import ScheduleKinds
from bot.scheduler import Scheduler
from bot.scopes import check_command
from bot.shards import LEADER_LOCK
from bot.strings import STRINGS
from bot.switches import Switches
from bot.timeutil import Clock, utcnow
from bot.writes import WriteQueue

log = logging.getLogger(__name__)


MessageHook = Callable[[discord.Message], None]


class AppTree(app_commands.CommandTree["Bot"]):
    async def interaction_check(self, interaction: discord.Interaction[Bot], /) -> bool:
        """Every command's declared scope (bot/scopes.py) and its typed text (bot/membertext.py),
        before its options are converted."""
        try:
            check_command(interaction)
        except UserFacingError as error:
            if interaction.type is discord.InteractionType.autocomplete:
                # Suggestions could show what the command would reveal: none for the refused.
                with contextlib.suppress(discord.HTTPException):
                    await interaction.response.autocomplete([])
                return False
            await report_error(interaction, error, kept=getattr(error, "kept", None))
            return False
        return True

    async def on_error(
        self, interaction: discord.Interaction[Bot], error: app_commands.AppCommandError
    ) -> None:
        await report_error(interaction, error)


def intents() -> discord.Intents:
    wanted = discord.Intents.default()
    wanted.members = True  # privileged: joins, leaves, roles (stats, moderation, giveaways)
    wanted.message_content = True  # privileged: auto-moderation reads messages
    # Events no feature reads: each would cost a parse per event for nothing.
    wanted.typing = False
    wanted.voice_states = False
    wanted.integrations = False
    wanted.webhooks = False
    wanted.emojis_and_stickers = False
    wanted.guild_scheduled_events = False
    wanted.auto_moderation = False
    return wanted


def freeze_long_lived() -> None:
    """Move everything alive now (modules, commands, models, the member cache) out of the
    garbage collector's view: a full collection then scans only what came after. Without it, the
    collections that chat messages trigger rescan some 100,000 long-lived objects each time
    (about as much CPU per message as a bare discord.py client spends; ``bench/permessage.py``)."""
    gc.collect()
    gc.freeze()


class Bot(commands.Bot):
    #: how shared helpers recognise the bot without importing this module (bot/replies.py)
    community_bot = True

    def __init__(
        self,
        settings: Settings,
        db: Database,
        *,
        extensions: Sequence[str] = DEFAULT_EXTENSIONS,
        clock: Clock = utcnow,
        sync_commands: bool = True,
        start_services: bool = True,
        guild_ready_timeout: float = 2.0,
        own_process: bool = False,
        **client_options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=AppTree,
            member_cache_flags=discord.MemberCacheFlags.from_intents(intents()),
            # After READY, discord.py waits this long for further GUILD_CREATEs before on_ready.
            guild_ready_timeout=guild_ready_timeout,
            **client_options,
        )
        self.settings = settings
        self.db = db
        self.clock = clock
        #: the bot is the one long-lived thing in its process (``python -m bot``): what lives
        #: from the start is frozen out of the garbage collector's view (freeze_long_lived)
        self._own_process = own_process
        self.started_at = clock()
        self.scheduler = Scheduler(clock)
        self.i18n = I18n()
        self.i18n.add(STRINGS)
        self.i18n.add(CASE_STRINGS)
        self.command_refs = CommandRefs(self.i18n)  # </name> in texts: clickable mentions
        self.privacy = PrivacyRegistry(db)
        self.cooldowns = Cooldowns(clock=lambda: self.clock().timestamp())
        self.outbox = Outbox(self)
        self.writes = WriteQueue(db)  # clicks' writes, grouped into few transactions
        self.request_budget = RequestBudget()
        pace(self.http, self.request_budget)  # under Discord's global limit, also in a burst
        self.moderation = Pipeline(self)
        self.temp_bans = TempBans(self)
        self.schedule_kinds = ScheduleKinds()
        self.switches = Switches()  # what the setup wizard can switch on, per feature
        self.report_sections = ReportSections()  # what features add to the statistics report
        # Who may be named in public lists and posts: the statistics feature decides (members'
        # leaderboard choices, also those kept after a forget); without it nobody is named.
        self._naming: Callable[[int, int], bool] | None = None
        self.guild_settings = GuildSettingsService(db, settings, clock)
        # Participation is counted on the guild's local day, like every other statistic.
        self.activity_service = ActivityService(db, clock, zone_of=self.guild_settings.timezone)
        self.guild_settings.add_timezone_listener(self.activity_service.zone_changed)
        self.content_check = ContentCheckService(db)
        self.cases = CaseLog(db, clock)
        self.backups = BackupService(
            db,
            self.scheduler,
            settings.backup_dir,
            settings.backup_keep,
            timedelta(hours=settings.backup_interval_hours),
            clock,
        )
        self.feature_status: dict[str, str | None] = {}
        self._message_hooks: dict[str, MessageHook] = {}
        self._warmups: dict[str, Callable[[], object]] = {}
        self._wanted_extensions = tuple(extensions)
        self._sync_on_start = sync_commands
        self._start_services = start_services
        self._ready_once = False
        self._leading = False
        self.stopping = False
        self._connected = False
        self._heartbeat: asyncio.Task[None] | None = None
        self._beat_now = asyncio.Event()

    # --- start and stop ---------------------------------------------------------------------

    async def setup_hook(self) -> None:
        await self.tree.set_translator(Translator(self.i18n))
        appeals.register(self)
        notices.register(self)
        review.register(self)
        await self.guild_settings.load()
        await self.content_check.load()
        self.activity_service.register_privacy(self.privacy)
        self.cases.register_privacy(self.privacy)
        self.outbox.register_privacy()
        await self.load_features()
        if not self._start_services:
            return
        self.scheduler.start()
        self.activity_service.start()
        await self.privacy.listen()  # forgets announced by other processes on this database
        self._heartbeat = asyncio.create_task(self._beat(), name="heartbeat")
        await self.backups.arm()
        await self.temp_bans.arm_all()
        await self._arm_guild_purges()
        await review.purge_quotes(self)
        if self._sync_on_start:
            try:
                await self.sync_commands()
            except discord.HTTPException:
                # The commands of the last successful sync stay in place; the bot still runs.
                log.exception("Syncing slash commands failed; `python -m bot sync` retries")

    async def load_features(self) -> None:
        """Load each extension on its own; one that fails is logged and the others still load."""
        for name in self._wanted_extensions:
            try:
                await self.load_extension(name)
            except Exception as exc:
                cause = exc.__cause__ or exc
                log.exception("Feature %s failed to load; the others keep running", name)
                self.feature_status[name] = f"{type(cause).__name__}: {cause}"
            else:
                self.feature_status[name] = None

    async def _beat(self) -> None:
        """Write the heartbeat for ``python -m bot health`` (bot/health.py) until closed."""
        path = self.settings.health_file
        while not self.is_closed():
            latency = self.latency
            beat = health.Beat(
                time.time(),
                self._connected,
                None if latency != latency or latency == float("inf") else latency * 1000,
                os.getpid(),
            )
            try:
                await asyncio.to_thread(health.write, path, beat)
            except OSError as exc:
                log.warning("Could not write the heartbeat file %s: %s", path, exc)
            self._beat_now.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._beat_now.wait(), health.INTERVAL)

    def _set_connected(self, connected: bool) -> None:
        self._connected = connected
        self._beat_now.set()  # the health file tells at once

    async def on_connect(self) -> None:
        self._set_connected(True)

    async def on_resumed(self) -> None:
        self._set_connected(True)

    async def on_disconnect(self) -> None:
        self._set_connected(False)

    async def close(self) -> None:
        self.stopping = True  # interactions from now on are told to try again shortly
        self._connected = False
        await self.moderation.close()
        await self.outbox.close()
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            self.settings.health_file.unlink(missing_ok=True)  # stopped: not healthy
        await self.scheduler.shutdown()
        await super().close()  # features unload here and may still count activity
        try:
            await self.activity_service.stop()
        except Exception:
            log.exception("Final flush of activity counts failed")

    def set_naming(self, decide: Callable[[int, int], bool] | None) -> None:
        """Register (None: remove) ``decide(guild_id, user_id)``: may this member be named?"""
        self._naming = decide

    def may_name(self, guild_id: int, user_id: int) -> bool:
        """May this member appear by name in leaderboards, shout-outs and recognition posts?"""
        return self._naming is not None and self._naming(guild_id, user_id)

    # --- the message path -------------------------------------------------------------------

    def add_message_hook(self, name: str, hook: MessageHook) -> None:
        """``hook(message)`` runs for every message, synchronously, in one dispatch for all
        features: counting and cheap checks cost a function call each instead of a task each (an
        ``on_message`` listener per feature). A hook that needs to await starts its own task."""
        if name in self._message_hooks:
            raise ValueError(f"message hook {name!r} added twice")
        self._message_hooks[name] = hook

    def remove_message_hook(self, name: str) -> None:
        self._message_hooks.pop(name, None)

    def add_warmup(self, name: str, load: Callable[[], object]) -> None:
        """``load()`` fills a cache a feature would otherwise fill on its first message (a model,
        a lexicon). It runs at the start, in a worker thread, before what lives from the start is
        frozen out of the garbage collector's view: loaded later, a large lexicon would be
        rescanned by every full collection for as long as the bot runs."""
        self._warmups[name] = load

    def remove_warmup(self, name: str) -> None:
        self._warmups.pop(name, None)

    def warm_up(self) -> None:
        """Run every registered warm-up (blocking: call it in a worker thread)."""
        for name, load in tuple(self._warmups.items()):
            try:
                load()
            except Exception:
                log.exception("Warming up %s failed; it loads on first use", name)

    async def on_message(self, message: discord.Message, /) -> None:
        # No prefix commands: features hook into messages here (or listen in their cogs).
        for name, hook in tuple(self._message_hooks.items()):
            try:
                hook(message)
            except Exception:
                log.exception("Message hook %s failed on message %s", name, message.id)

    # --- command sync -----------------------------------------------------------------------

    def _sync_target(self) -> discord.Object | None:
        dev = self.settings.dev_guild_id
        return discord.Object(dev) if dev else None

    async def command_tree_hash(self) -> str:
        target = self._sync_target()
        if target is not None:
            self.tree.copy_global_to(guild=target)
        translator = self.tree.translator
        payload: list[dict[str, Any]] = []
        for command in self.tree.get_commands(guild=target):
            if translator is not None:
                payload.append(await command.get_translated_payload(self.tree, translator))
            else:
                payload.append(command.to_dict(self.tree))
        blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()

    async def sync_commands(self, *, force: bool = False) -> bool:
        """Sync slash commands if the tree changed since the last sync (or if forced)."""
        target = self._sync_target()
        scope = f"guild:{target.id}" if target else "global"
        key = f"command_hash:{scope}"
        digest = await self.command_tree_hash()
        if not force and await repository.get_meta(self.db, key) == digest:
            log.info("Slash commands unchanged since the last sync (%s); not syncing", scope)
            # Their ids, once, for command mentions in texts.
            self.command_refs.remember(await self.tree.fetch_commands(guild=target))
            return False
        synced = await self.tree.sync(guild=target)
        self.command_refs.remember(synced)
        await repository.set_meta(self.db, key, digest)
        log.info("Synced %d slash commands (%s)", len(synced), scope)
        return True

    # --- guild lifecycle --------------------------------------------------------------------

    def owns(self, guild_id: int | None) -> bool:
        """Is this guild's work this process's? Always, unless other processes run some of the
        shards (SHARD_IDS; bot/shards.py): then only the guilds of this process's shards."""
        shards = self.settings.shards
        return shards is None or shards.owns(guild_id)

    async def leads(self) -> bool:
        """Does this process run the work of no guild (daily purges, retention)? Always, unless
        other processes run some shards: then the one holding the leader lock. Asked at every
        run: the lock is the database session's, so a process whose connection was lost no
        longer holds it, and when a leader ends, the next one to ask takes over."""
        shards = self.settings.shards
        if shards is None or not shards.partial:
            return True  # this process runs every shard: it is the only one
        leading = (self._leading and self.db.holds(LEADER_LOCK)) or await self.db.hold(LEADER_LOCK)
        if leading != self._leading:
            log.info(
                "This process %s the work that belongs to no server",
                "now runs" if leading else "no longer runs",
            )
        self._leading = leading
        return leading

    async def on_ready(self) -> None:
        log.info("Ready as %s in %d servers", self.user, len(self.guilds))
        if self._ready_once:
            return
        self._ready_once = True
        # What a crash left half-done is finished, and what it left unposted goes out, before
        # anything new.
        await self.moderation.recover()
        await self.outbox.start()
        now = self.clock()
        present = {guild.id for guild in self.guilds}
        for guild_id in present:
            if await repository.guild_present(self.db, guild_id, now):
                self.scheduler.cancel(f"core:guild-purge:{guild_id}")
        # Servers that removed the bot while it was offline start their grace period now (only
        # servers of this process's shards: another process sees the others).
        for record in await repository.list_guilds(self.db):
            if (
                record.guild_id not in present
                and record.left_at is None
                and self.owns(record.guild_id)
            ):
                await self._guild_gone(record.guild_id)
        if self._own_process:  # the member cache, filled by now, lives as long as the bot
            await asyncio.to_thread(self.warm_up)
            freeze_long_lived()

    async def on_guild_join(self, guild: discord.Guild) -> None:
        if await repository.guild_present(self.db, guild.id, self.clock()):
            self.scheduler.cancel(f"core:guild-purge:{guild.id}")
            log.info("Re-added to server %s; its data is kept", guild.id)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        await self._guild_gone(guild.id)

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self.guild_settings.channel_deleted(channel.guild.id, channel.id)

    async def _guild_gone(self, guild_id: int) -> None:
        now = self.clock()
        purge_after = now + timedelta(days=self.settings.guild_data_retention_days)
        await repository.guild_left(self.db, guild_id, now, purge_after)
        for record in await repository.list_guilds(self.db):
            if record.guild_id == guild_id and record.purge_after is not None:
                self._arm_purge(guild_id, record)
        log.info(
            "Removed from server %s; its data will be deleted after the grace period", guild_id
        )

    async def _arm_guild_purges(self) -> None:
        for record in await repository.list_guilds(self.db):
            if record.purge_after is not None and self.owns(record.guild_id):
                self._arm_purge(record.guild_id, record)

    def _arm_purge(self, guild_id: int, record: repository.GuildRecord) -> None:
        assert record.purge_after is not None
        self.scheduler.run_at(
            f"core:guild-purge:{guild_id}", record.purge_after, self._purge_guild, guild_id
        )

    async def _purge_guild(self, guild_id: int) -> None:
        if await repository.purge_guild(self.db, guild_id, self.clock()):
            self.guild_settings.forget_guild(guild_id)
            self.content_check.forget_guild(guild_id)
            log.info("Deleted all data of server %s after the grace period", guild_id)

    # --- status -----------------------------------------------------------------------------

    @property
    def version(self) -> str:
        return __version__
