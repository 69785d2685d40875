import asyncio
from datetime import UTC, datetime, timedelta

from bot.scheduler import Scheduler


async def test_job_in_the_past_runs_once_right_away():
    scheduler = Scheduler()
    ran: list[str] = []

    async def job(name: str) -> None:
        ran.append(name)

    scheduler.run_at("missed", datetime.now(UTC) - timedelta(days=3), job, "missed")
    scheduler.start()
    try:
        for _ in range(50):
            if ran:
                break
            await asyncio.sleep(0.02)
        await asyncio.sleep(0.1)
        assert ran == ["missed"]
        assert not scheduler.has("missed")
    finally:
        await scheduler.shutdown()


async def test_rearming_a_key_replaces_the_job_and_cancel_removes_it():
    scheduler = Scheduler()
    scheduler.start()
    try:
        later = datetime.now(UTC) + timedelta(hours=1)

        async def job() -> None:
            return None

        scheduler.run_at("giveaway:1", later, job)
        scheduler.run_at("giveaway:1", later + timedelta(hours=1), job)
        scheduler.run_at("giveaway:2", later, job)
        pending = scheduler.pending()
        assert [p.key for p in pending] == ["giveaway:2", "giveaway:1"]
        assert scheduler.cancel("giveaway:1") is True
        assert scheduler.cancel("giveaway:1") is False
        assert scheduler.cancel_prefix("giveaway:") == 1
        assert scheduler.pending() == []
    finally:
        await scheduler.shutdown()


async def test_a_failing_job_is_logged_not_fatal(caplog):
    scheduler = Scheduler()
    done = asyncio.Event()

    async def bad() -> None:
        raise ValueError("broken handler")

    async def good() -> None:
        done.set()

    scheduler.start()
    try:
        now = datetime.now(UTC)
        scheduler.run_at("bad", now, bad)
        scheduler.run_at("good", now + timedelta(milliseconds=50), good)
        await asyncio.wait_for(done.wait(), 5)
        assert "Scheduled job bad failed" in caplog.text
    finally:
        await scheduler.shutdown()


async def test_shutdown_waits_for_a_running_job():
    scheduler = Scheduler()
    started = asyncio.Event()
    finished: list[bool] = []

    async def slow() -> None:
        started.set()
        await asyncio.sleep(0.2)
        finished.append(True)

    scheduler.start()
    scheduler.run_at("slow", datetime.now(UTC), slow)
    await asyncio.wait_for(started.wait(), 5)
    await scheduler.shutdown()
    assert finished == [True]


async def test_shutdown_cancels_a_job_that_overruns_the_grace_period():
    scheduler = Scheduler()
    started = asyncio.Event()
    finished: list[bool] = []

    async def stuck() -> None:
        started.set()
        await asyncio.sleep(30)
        finished.append(True)

    scheduler.start()
    scheduler.run_at("stuck", datetime.now(UTC), stuck)
    await asyncio.wait_for(started.wait(), 5)
    await scheduler.shutdown(grace=0.1)
    assert finished == []


async def test_planned_times_are_forgotten_when_jobs_run_or_are_cancelled():
    """The bot-clock time of each job is kept per key; it must not outlive the job (a
    long-running bot arms thousands of one-shot jobs)."""
    scheduler = Scheduler()
    later = datetime.now(UTC) + timedelta(hours=1)
    rearmed = asyncio.Event()

    async def noop() -> None:
        return None

    async def rearm_self() -> None:
        scheduler.run_at("self", later, noop)  # a handler arming its own next occurrence
        rearmed.set()

    scheduler.start()
    try:
        scheduler.run_at("once", datetime.now(UTC), noop)
        scheduler.run_at("self", datetime.now(UTC), rearm_self)
        scheduler.run_at("giveaway:1", later, noop)
        scheduler.run_at("giveaway:2", later, noop)
        scheduler.run_at("contest:1", later, noop)
        await asyncio.wait_for(rearmed.wait(), 5)
        for _ in range(50):
            if "once" not in scheduler._planned:
                break
            await asyncio.sleep(0.02)
        assert "once" not in scheduler._planned  # ran: gone
        assert scheduler._planned["self"] == later  # re-armed by its handler: the new time
        assert [job.run_at for job in scheduler.pending() if job.key == "self"] == [later]
        scheduler.cancel("contest:1")
        assert "contest:1" not in scheduler._planned
        assert scheduler.cancel_prefix("giveaway:") == 2
        assert set(scheduler._planned) == {"self"}
        scheduler.cancel("self")
        assert scheduler._planned == {}
    finally:
        await scheduler.shutdown()
