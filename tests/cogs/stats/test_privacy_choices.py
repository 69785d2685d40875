"""Privacy choices on the real schema: an opt-out covers join rows and participation, survives a
/mydata forget without a row naming the member, and takes effect before anything is awaited; the
retention window is long enough for the reports' cohorts; queued texts are cut."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import repository as core
from bot.activity import ActivityService
from bot.config import Settings
from bot.database import Database, IntegrityError
from bot.guild_settings import GuildSettingsService
from bot.i18n import I18n
from cogs.stats import repository
from cogs.stats.cog import StatsCog
from cogs.stats.optout import KeptChoice, KeptOptOuts, digest, kept_choice
from cogs.stats.periods import Period
from cogs.stats.report import retention_cohort
from cogs.stats.repository import MIN_RETENTION_DAYS, MemberPrefs, StatsSettings
from cogs.stats.service import StatsService

pytestmark = pytest.mark.postgres  # the repositories on both backends


BERLIN = ZoneInfo("Europe/Berlin")
G, C1 = 7, 71
# Real ids are snowflakes: 18-19 digits (a short id could turn up inside any hex text).
A, B, C = 1_180_000_000_000_000_701, 1_180_000_000_000_000_702, 1_180_000_000_000_000_703
NOW = datetime(2026, 3, 30, 8, tzinfo=UTC)


async def rows_naming(db: Database, user_id: int) -> dict[str, int]:
    """Tables with a cell equal to the id or containing it as text (walks every table)."""
    found: dict[str, int] = {}
    for table in await db.tables():
        where = " OR ".join(f"CAST({c} AS TEXT) LIKE :pattern" for c in await db.columns(table))
        row = await db.fetchone(
            f"SELECT count(*) FROM {table} WHERE {where}", {"pattern": f"%{user_id}%"}
        )
        if row is not None and row[0]:
            found[table] = row[0]
    return found


async def test_opting_out_removes_join_rows_and_participation_but_keeps_totals(db: Database):
    for user, inviter in ((A, B), (B, None), (C, A)):
        await repository.record_join(db, G, user, "2026-02-02", NOW, "spring", inviter)
    await core.add_activity(db, {(G, "2026-02-03", "qa_vote", A): 2}, NOW)
    await repository.save_prefs(db, MemberPrefs(G, A, member_stats=False), NOW)
    assert await rows_naming(db, A) == {"stats_member_prefs": 1}  # only the choice itself
    joins = await db.fetchall("SELECT user_id, inviter_id FROM stats_joins ORDER BY user_id")
    assert [tuple(r) for r in joins] == [(B, None), (C, None)]  # A's row gone, A as inviter too
    totals = await db.fetchone("SELECT joins FROM stats_guild_daily WHERE guild_id = ?", (G,))
    invites = await db.fetchone("SELECT joins FROM stats_invite_daily WHERE invite_code = 'spring'")
    assert totals is not None and invites is not None and (totals[0], invites[0]) == (3, 3)
    assert await core.activity_totals(db, G, ["qa_vote"], "2026-01-01") == {"qa_vote": 2}
    # Retention follows only members counted individually: A is neither joined nor inactive.
    found = await repository.retention(db, G, date(2026, 2, 1), date(2026, 2, 8), date(2026, 3, 30))
    assert found.joined == 2


async def test_retention_window_keeps_a_monthly_reports_cohort(db: Database):
    with pytest.raises(IntegrityError):
        await repository.save_settings(db, StatsSettings(G, retention_days=60), NOW)
    await repository.save_settings(db, StatsSettings(G, retention_days=MIN_RETENTION_DAYS), NOW)
    march = Period("monthly", date(2026, 3, 1), date(2026, 4, 1))
    due = march.end  # the report is posted on 1 April
    cohort_start, _ = retention_cohort(march)
    assert cohort_start == date(2026, 1, 30)  # 31 days, ending 30 days before 1 April
    await repository.record_join(db, G, A, cohort_start.isoformat(), NOW, None, None)
    await repository.fold_before(db, G, date.fromordinal(due.toordinal() - MIN_RETENTION_DAYS))
    data = await repository.report_data(db, G, march, BERLIN, "opt_out")
    assert data.retention is not None and data.retention.joined == 1


async def test_cohort_starts_no_earlier_than_the_kept_rows(db: Database):
    quarter = Period("daily", date(2026, 1, 1), date(2026, 4, 1))  # /stats overview 90d
    data = await repository.report_data(
        db, G, quarter, BERLIN, "opt_out", kept_from=date(2026, 1, 20)
    )
    assert data.retention is not None and data.retention.cohort_start == date(2026, 1, 20)


async def test_queued_texts_are_cut_to_what_the_scorer_reads(db: Database):
    service = StatsService(db, lambda: NOW, lambda _g: BERLIN)
    service.message(G, C1, A, "x" * 5000)
    ((_, queued),) = list(service._queue)
    assert len(queued) == 500


def test_kept_choices_are_keyed_hashes_and_only_what_protects():
    assert kept_choice(True, True) is None and kept_choice(True, None) is None  # opt-ins go
    assert kept_choice(False, True) == KeptChoice(False, None)
    assert kept_choice(True, False) == KeptChoice(True, False)
    secret, other = b"k" * 32, b"j" * 32
    assert digest(secret, G, A) != digest(other, G, A)  # without the secret, ids can't be tried
    assert digest(secret, G, A) != digest(secret, G + 1, A)
    assert str(A).encode() not in digest(secret, G, A) and len(digest(secret, G, A)) == 16
    kept = KeptOptOuts(secret)
    assert kept.get(G, A) is None
    kept.add(G, A, KeptChoice(False, None))
    assert kept.get(G, A) == KeptChoice(False, None) and kept.get(G, B) is None
    kept.discard(G, A)
    assert kept.get(G, A) is None and len(kept) == 0


def make_cog(db: Database, settings: Settings) -> Any:
    bot: Any = SimpleNamespace(
        i18n=I18n(),
        db=db,
        clock=lambda: NOW,
        guild_settings=GuildSettingsService(db, settings, lambda: NOW),
        activity_service=ActivityService(db, lambda: NOW),
    )
    cog = StatsCog(bot)
    bot.activity_service.set_anonymous(cog.service.is_anonymous)
    return cog


async def load(cog: Any, db: Database) -> None:
    cog.prefs = await repository.load_prefs(db)
    cog.service.anonymous = {k for k, p in cog.prefs.items() if not p.member_stats}
    cog.service.kept.load(
        await repository.optout_secret(db), await repository.load_kept_optouts(db)
    )


def arriving_during_the_flush(cog: Any, user_id: int) -> None:
    """A message and a Q&A vote of the member arrive while the buffers are being written (once)."""
    flush = cog.service.flush

    async def flush_then_more() -> int:
        written = await flush()
        cog.service.message(G, C1, user_id, "")
        cog.bot.activity_service.record(G, "qa_vote", user_id)
        cog.service.flush = flush
        return written

    cog.service.flush = flush_then_more


async def test_an_opt_out_counts_anonymously_from_the_moment_it_is_asked(db, settings):
    cog = make_cog(db, settings)
    await load(cog, db)
    cog.service.message(G, C1, A, "")
    arriving_during_the_flush(cog, A)
    await cog.save_prefs(MemberPrefs(G, A, member_stats=False))
    await cog.service.flush()
    await cog.bot.activity_service.flush()
    assert await rows_naming(db, A) == {"stats_member_prefs": 1}
    row = await db.fetchone("SELECT messages FROM stats_member_daily WHERE user_id = 0")
    assert row is not None and row[0] == 2


async def test_forget_keeps_an_opt_out_without_a_row_naming_the_member(db, settings):
    cog = make_cog(db, settings)
    await load(cog, db)
    await cog.save_prefs(MemberPrefs(G, A, leaderboard=False, member_stats=False))
    await cog.save_prefs(MemberPrefs(G, B, leaderboard=True))
    arriving_during_the_flush(cog, A)
    await cog._forget(A)
    await cog.bot.activity_service._delete(A)
    await cog.service.flush()
    await cog.bot.activity_service.flush()
    assert await rows_naming(db, A) == {}
    restarted = make_cog(db, settings)
    await load(restarted, db)
    for instance in (cog, restarted):
        prefs = instance.member_prefs(G, A)
        assert (prefs.member_stats, prefs.leaderboard) == (False, False)
        assert instance.service.is_anonymous(G, A) and not instance.may_name(G, A)
        assert not instance.service.is_anonymous(G, B)
    # Forgetting someone who had only opted in keeps nothing; what they do while it runs is
    # not attributed to them afterwards.
    arriving_during_the_flush(cog, B)
    await cog._forget(B)
    await cog.service.flush()
    assert await rows_naming(db, B) == {}
    assert [tuple(r) for r in await db.fetchall("SELECT guild_id FROM stats_kept_optouts")] == [
        (G,)
    ]
    assert cog.member_prefs(G, B) == MemberPrefs(G, B)
    # The member changes their mind: the named choice replaces the kept one.
    await cog.save_prefs(MemberPrefs(G, A, None, True))
    assert await db.fetchall("SELECT * FROM stats_kept_optouts") == []
    assert not cog.service.is_anonymous(G, A)


async def test_leaderboards_skip_members_who_may_not_be_named(db: Database):
    service = StatsService(db, lambda: NOW, lambda _g: BERLIN)
    for user, n in ((A, 5), (B, 4), (C, 3)):
        for _ in range(n):
            service.message(G, C1, user, "")
    await service.flush()
    week = Period("daily", date(2026, 3, 24), date(2026, 3, 31))
    assert await repository.top_members(db, G, week, "opt_out", limit=2) == [(A, 5), (B, 4)]
    top = await repository.top_members(db, G, week, "opt_out", limit=2, hidden=lambda u: u == A)
    assert top == [(B, 4), (C, 3)]
