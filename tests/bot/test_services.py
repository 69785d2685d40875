"""The shared services on a real database: guild settings, activity, privacy registry, backups."""

from datetime import UTC, datetime, timedelta

import pytest

from bot import repository
from bot.activity import ActivityService
from bot.backup import list_backups, make_backup
from bot.guild_settings import GuildSettingsService
from bot.privacy import PrivacyRegistry

pytestmark = pytest.mark.postgres  # the repositories on both backends


NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


async def test_guild_settings_are_cached_and_persisted(db, settings):
    service = GuildSettingsService(db, settings, lambda: NOW)
    await service.load()
    assert service.locale(1) == "en"  # the default from settings
    await service.set_locale(1, "de")
    await service.set_timezone(1, "America/New_York")
    await service.set_channel(1, "modlog", 555)
    fresh = GuildSettingsService(db, settings, lambda: NOW)
    await fresh.load()
    assert fresh.locale(1) == "de"
    assert fresh.timezone_name(1) == "America/New_York"
    assert fresh.channel(1, "modlog") == 555
    assert fresh.channel(2, "modlog") is None  # guilds are kept apart
    await fresh.channel_deleted(1, 555)
    assert fresh.channel(1, "modlog") is None


async def test_activity_is_buffered_then_flushed_in_one_go(db):
    clock = [NOW]
    service = ActivityService(db, lambda: clock[0])
    for _ in range(3):
        service.record(10, "message", 7)
    service.record(10, "message", 8)
    clock[0] = NOW + timedelta(days=1)
    service.record(10, "message", 7)
    assert await repository.activity_totals(db, 10, ["message"], "2026-01-01") == {}
    assert await service.flush() == 3
    assert await repository.activity_totals(db, 10, ["message"], "2026-11-26") == {"message": 5}
    service.record(10, "message", 7)
    await service.flush()
    rows = await repository.activity_of_user(db, 7)
    assert [(r.day, r.count) for r in rows] == [("2026-11-26", 3), ("2026-11-27", 2)]


async def test_forgetting_a_member_keeps_guild_totals(db):
    service = ActivityService(db, lambda: NOW)
    registry = PrivacyRegistry()
    service.register_privacy(registry)
    service.record(10, "message", 7, count=4)
    service.record(10, "message", 8, count=1)
    exported = await registry.export(7)
    assert exported["activity"]["data"][0]["count"] == 4
    result = await registry.forget(7)
    assert result.deleted == {"activity": 1} and result.failed == ()
    assert (await registry.export(7))["activity"]["data"] == []
    assert await repository.activity_totals(db, 10, ["message"], "2026-11-01") == {"message": 5}


async def test_privacy_registry_names_a_failing_source():
    registry = PrivacyRegistry()

    async def broken(user_id: int) -> int:
        raise RuntimeError("db down")

    async def fine_export(user_id: int) -> list[dict[str, int]]:
        return [{"user": user_id}]

    registry.register("broken", "x", broken, broken, erase=broken)  # type: ignore[arg-type]
    registry.register(
        "fine", "y", fine_export, lambda user_id: _zero(), erase=lambda db, user_id: _zero()
    )
    exported = await registry.export(3)
    assert exported["broken"]["error"] == "export failed"
    assert exported["fine"]["data"] == [{"user": 3}]
    result = await registry.forget(3)
    assert result.failed == ("broken",) and result.deleted == {"fine": 0}


async def _zero() -> int:
    return 0


async def test_guild_purge_waits_for_the_grace_period_and_cascades(db, settings):
    service = GuildSettingsService(db, settings, lambda: NOW)
    await service.set_channel(5, "qa", 99)
    await repository.guild_left(db, 5, NOW, NOW + timedelta(days=30))
    assert await repository.purge_guild(db, 5, NOW + timedelta(days=29)) is False
    assert await repository.guild_present(db, 5, NOW) is True  # re-added: purge cancelled
    assert await repository.purge_guild(db, 5, NOW + timedelta(days=31)) is False
    await repository.guild_left(db, 5, NOW, NOW + timedelta(days=30))
    assert await repository.purge_guild(db, 5, NOW + timedelta(days=31)) is True
    assert (await repository.load_guild_configs(db)) == {}


async def test_backups_keep_the_newest(db, tmp_path, backend):
    if backend == "postgres":
        pytest.skip("the bot copies SQLite files only; PostgreSQL's backups are the server's")
    folder = tmp_path / "backups"
    for hour in range(4):
        await make_backup(db, folder, keep=2, now=NOW + timedelta(hours=hour))
    names = [p.name for p in list_backups(folder)]
    assert names == ["backup-20261126-140000.sqlite3", "backup-20261126-150000.sqlite3"]
    assert await repository.get_meta(db, "last_backup_at") == "2026-11-26T15:00:00+00:00"


async def test_activity_is_counted_on_the_guilds_local_day(db, settings):
    guild_settings = GuildSettingsService(db, settings, lambda: NOW)
    await guild_settings.set_timezone(10, "Europe/Berlin")
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)  # 00:30 on the 27th in Berlin
    service = ActivityService(db, lambda: late, zone_of=guild_settings.timezone)
    guild_settings.add_timezone_listener(service.zone_changed)
    service.record(10, "qa_vote", 7)
    await guild_settings.set_timezone(10, "America/New_York")  # 18:30 on the 26th there
    service.record(10, "qa_vote", 7)
    await service.flush()
    rows = await repository.activity_of_user(db, 7)
    assert [(r.day, r.count) for r in rows] == [("2026-11-26", 1), ("2026-11-27", 1)]


async def test_time_zone_listeners_hear_each_change(db, settings):
    service = GuildSettingsService(db, settings, lambda: NOW)
    heard: list[tuple[str, int]] = []

    async def later(guild_id: int) -> None:
        heard.append(("async", guild_id))

    service.add_timezone_listener(lambda guild_id: heard.append(("plain", guild_id)))
    service.add_timezone_listener(later)
    await service.set_timezone(3, "Asia/Tokyo")
    await service.set_timezone(3, "Asia/Tokyo")  # no change, nobody is told
    await service.set_locale(3, "de")
    assert heard == [("plain", 3), ("async", 3)]
    service.remove_timezone_listener(later)
    await service.set_timezone(3, "UTC")
    assert heard[-1] == ("plain", 3) and len(heard) == 3


async def test_opted_out_members_are_recorded_as_nobody(db):
    service = ActivityService(db, lambda: NOW)
    service.set_anonymous(lambda guild_id, user_id: (guild_id, user_id) == (10, 7))
    service.record(10, "qa_vote", 7)
    service.record(11, "qa_vote", 7)  # another server: counted as chosen there
    service.record(10, "qa_vote", 8)
    await service.flush()
    assert [(r.guild_id, r.user_id) for r in await repository.activity_of_user(db, 7)] == [(11, 7)]
    assert await repository.activity_totals(db, 10, ["qa_vote"], "2026-11-01") == {"qa_vote": 2}


async def test_events_during_a_forget_do_not_name_the_member_afterwards(db):
    service = ActivityService(db, lambda: NOW)
    registry = PrivacyRegistry()
    service.register_privacy(registry)
    service.record(10, "qa_vote", 7)
    flush = service.flush

    async def flush_then_more() -> int:
        written = await flush()
        service.record(10, "qa_vote", 7)  # arrives while the deletion runs
        return written

    service.flush = flush_then_more  # type: ignore[method-assign]
    await registry.forget(7)
    await flush()
    assert await repository.activity_of_user(db, 7) == []
    assert await repository.activity_totals(db, 10, ["qa_vote"], "2026-11-01") == {"qa_vote": 2}


async def test_message_hooks_run_in_order_and_one_failing_stops_no_other(db, settings, caplog):
    from types import SimpleNamespace

    import pytest

    from bot.core import Bot

    bot = Bot(settings, db)
    seen: list[str] = []

    def broken(message: object) -> None:
        raise RuntimeError("boom")

    bot.add_message_hook("first", lambda m: seen.append("first"))
    bot.add_message_hook("broken", broken)
    bot.add_message_hook("last", lambda m: seen.append("last"))
    with pytest.raises(ValueError):
        bot.add_message_hook("last", lambda m: None)
    await bot.on_message(SimpleNamespace(id=1))  # type: ignore[arg-type]
    assert seen == ["first", "last"] and "Message hook broken failed" in caplog.text
    bot.remove_message_hook("first")
    await bot.on_message(SimpleNamespace(id=2))  # type: ignore[arg-type]
    assert seen == ["first", "last", "last"]


async def test_a_feature_that_fails_to_load_leaves_no_message_hook(db, settings, monkeypatch):
    import pytest

    from bot.core import Bot
    from cogs.qa.faq import FaqCog

    async def broken(self: FaqCog) -> None:
        raise RuntimeError("the index could not be built")

    monkeypatch.setattr(FaqCog, "reload", broken)
    bot = Bot(settings, db)
    with pytest.raises(Exception, match="index could not be built"):
        await bot.load_extension("cogs.qa")
    assert "faq" not in bot._message_hooks
    monkeypatch.undo()
    await bot.load_extension("cogs.qa")  # a second try works
    assert "faq" in bot._message_hooks


async def test_activity_counted_while_features_unload_is_written(db, settings):
    from discord.ext import commands

    from bot import repository as core_repository
    from bot.core import Bot

    bot = Bot(settings, db)

    class Closing(commands.Cog):
        async def cog_unload(self) -> None:
            bot.activity_service.record(5, "qa_answer", 9)

    await bot.add_cog(Closing())
    await bot.close()
    rows = await core_repository.activity_of_user(db, 9)
    assert [(r.kind, r.count) for r in rows] == [("qa_answer", 1)]


async def test_nobody_is_named_unless_the_statistics_decide(db, settings):
    """Recognition posts name members as leaderboards do; without the statistics feature (which
    knows the members' choices) nobody is named."""
    from bot.core import Bot

    bot = Bot(settings, db)
    assert not bot.may_name(1, 2)
    bot.set_naming(lambda guild_id, user_id: user_id == 2)
    assert bot.may_name(1, 2) and not bot.may_name(1, 3)
    bot.set_naming(None)
    assert not bot.may_name(1, 2)
