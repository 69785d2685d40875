"""Background loops survive an error in one round and stop cleanly."""

import asyncio
import logging

from bot import loops


async def test_an_error_in_one_round_is_logged_and_the_loop_goes_on(caplog):
    calls = 0
    second_round = asyncio.Event()

    async def body() -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("disk full")
        second_round.set()

    loop = loops.every(0.01, body, what="Flushing the test")
    with caplog.at_level(logging.ERROR, logger="bot.loops"):
        loop.start()
        await asyncio.wait_for(second_round.wait(), timeout=30)
        await loops.halt(loop)
    assert "Flushing the test failed" in caplog.text and "disk full" in caplog.text
    assert not loop.is_running()


async def test_halt_cancels_a_round_in_flight_and_a_halted_loop_can_start_again():
    started = asyncio.Event()
    rounds = 0

    async def slow() -> None:
        nonlocal rounds
        rounds += 1
        started.set()
        await asyncio.Event().wait()

    loop = loops.every(3600, slow, what="slow")
    loop.start()
    await asyncio.wait_for(started.wait(), timeout=30)
    await loops.halt(loop)
    assert not loop.is_running() and rounds == 1
    started.clear()
    loop.start()
    await asyncio.wait_for(started.wait(), timeout=30)
    await loops.halt(loop)
    assert rounds == 2
