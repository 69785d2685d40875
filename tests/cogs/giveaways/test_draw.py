"""The draw: deterministic from the seed, uniform, rerolls never repeat, and the standalone
verify script agrees."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cogs.giveaways import draw

ROOT = Path(__file__).resolve().parents[3]


def test_order_is_a_deterministic_permutation():
    seed = bytes(range(32))
    receipts = [draw.receipt(seed, uid) for uid in range(100)]
    order = draw.draw_order(seed, receipts)
    assert sorted(order) == sorted(receipts)
    assert draw.draw_order(seed, list(reversed(receipts))) == order  # entry order plays no role
    assert draw.draw_order(bytes(32), receipts) != order


def test_commitment_and_receipts():
    seed = draw.new_seed()
    assert len(seed) == 32 and draw.commitment(seed) != draw.commitment(draw.new_seed())
    assert len(draw.receipt(seed, 123)) == 16 and draw.receipt(seed, 123) != draw.receipt(seed, 124)


@given(
    st.binary(min_size=32, max_size=32),
    st.integers(min_value=2, max_value=60),
    st.integers(min_value=1, max_value=5),
)
def test_rerolls_never_pick_a_previous_winner(seed, entrants, rounds):
    receipts = [draw.receipt(seed, uid) for uid in range(entrants)]
    order = draw.draw_order(seed, receipts)
    previous: list[str] = []
    for _ in range(rounds):
        picked = draw.winners(order, 1, skipped=set(), already=previous)
        assert not set(picked) & set(previous)
        previous += picked


def test_no_bias_chi_square():
    """Over 6,000 draws among 6 entrants, the first place is uniform (chi-square, 5 dof)."""
    counts: Counter[int] = Counter()
    for trial in range(6000):
        seed = trial.to_bytes(32, "big")
        receipts = [draw.receipt(seed, uid) for uid in range(6)]
        winner = draw.draw_order(seed, receipts)[0]
        counts[receipts.index(winner)] += 1
    expected = 1000
    chi_square = sum((counts[i] - expected) ** 2 / expected for i in range(6))
    assert chi_square < 20.5  # p = 0.001 for 5 degrees of freedom


def test_the_standalone_verify_script_recomputes_the_winners(tmp_path):
    seed = draw.new_seed()
    receipts = sorted(draw.receipt(seed, uid) for uid in range(30))
    order = draw.draw_order(seed, receipts)
    skipped = {order[1]}
    expected = draw.winners(order, 3, skipped)
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{r}\tskipped\n" if r in skipped else f"{r}\n" for r in receipts))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "verify_giveaway.py"), seed.hex(), str(listing), "--winners", "3",
         "--commitment", draw.commitment(seed)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert f"winners: {' '.join(expected)}" in result.stdout
    wrong = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "verify_giveaway.py"), seed.hex(), str(listing), "--commitment", "00"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert wrong.returncode == 1 and "MISMATCH" in wrong.stderr


def test_places_are_replayed_from_the_draw_order():
    order = ["a", "b", "c", "d", "e", "f"]
    # first draw: a, b, c; round 1 replaced b (-> d); round 2 replaced a and d (-> e, f)
    won = {"a", "b", "c", "d", "e", "f"}
    assert draw.seats(order, 3, won, {"b": 1, "a": 2, "d": 2}) == {1: "e", 2: "f", 3: "c"}
    assert draw.seats(order, 3, {"a", "b", "c"}, {}) == {1: "a", 2: "b", 3: "c"}
    # nobody left for a replaced place: it stays empty
    assert draw.seats(order[:3], 3, {"a", "b", "c"}, {"b": 1}) == {1: "a", 3: "c"}
