"""The sliding-window limiter: exact counts, give-back, pruning."""

import pytest

from bot.cooldowns import Cooldowns, Limit

LIMIT = Limit("test", 3, 10)


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_exactly_count_uses_per_window_then_the_wait():
    clock = FakeTime()
    limiter = Cooldowns(clock)
    assert [limiter.take(LIMIT, 1, 7) for _ in range(3)] == [None, None, None]
    assert limiter.take(LIMIT, 1, 7) == pytest.approx(10)
    clock.now += 4
    assert limiter.take(LIMIT, 1, 7) == pytest.approx(6)
    assert limiter.take(LIMIT, 2, 7) is None  # another server, another window
    assert limiter.take(LIMIT, 1, 8) is None  # another member
    clock.now += 6
    assert limiter.take(LIMIT, 1, 7) is None


def test_a_use_given_back_is_free_again():
    limiter = Cooldowns(FakeTime())
    for _ in range(3):
        assert limiter.take(LIMIT, 1, 7) is None
    limiter.give_back(LIMIT, 1, 7)
    assert limiter.take(LIMIT, 1, 7) is None
    assert limiter.take(LIMIT, 1, 7) is not None
    limiter.give_back(LIMIT, 5, 5)  # nothing taken: nothing happens


def test_old_keys_are_pruned_when_full():
    clock = FakeTime()
    limiter = Cooldowns(clock, max_keys=10)
    for user in range(10):
        limiter.take(LIMIT, 1, user)
    clock.now += 2 * 24 * 3600
    limiter.take(LIMIT, 1, 99)
    assert len(limiter) == 1


def test_limits_are_sane():
    with pytest.raises(ValueError):
        Limit("x", 0, 10)
