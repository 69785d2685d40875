"""Cost per message of the offense model, next to baselines measured in the same run.

Run: .venv/bin/python -m bench.offense [rounds]
Prints µs per message for short, medium and long chat texts: ``OffenseModel.score`` with the
language detected (warm per-token cache, as in a running bot), with a cold cache (cleared
before every message: the worst case, every token new), ``detect_language`` alone, and the baselines ``str.casefold`` and
``len(text.split())``. The machine is shared and noisy, so quote the ratio to a baseline.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable

from bot.contentcheck.language import detect_language
from bot.contentcheck.offense import OffenseModel

_TEXT_EN = (
    "the new update is pretty good but the lag in the evening is still annoying please fix it "
    "soon thanks everyone for the event yesterday who is joining tonight i think we should "
    "try another strategy next round my internet was slow again sorry guys"
)
_TEXT_DE = (
    "das neue update ist ziemlich gut aber der lag am abend nervt immer noch bitte behebt das "
    "bald danke an alle für das event gestern wer ist heute abend dabei ich glaube wir sollten "
    "nächste runde eine andere strategie versuchen mein internet war wieder langsam sorry leute"
)


def _texts(rng: random.Random, lo: int, hi: int, count: int) -> list[str]:
    out = []
    for i in range(count):
        words = (_TEXT_DE if i % 2 else _TEXT_EN).split()
        length = rng.randint(lo, hi)
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < length:
            parts.append(rng.choice(words))
        out.append(" ".join(parts)[:length])
    return out


def _per_message(fn: Callable[[str], object], texts: list[str], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        for text in texts:
            fn(text)
        times.append((time.perf_counter() - began) / len(texts) * 1e6)
    return statistics.median(times)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    model = OffenseModel.load()
    rng = random.Random(7)
    sizes = {"short (20-60)": (20, 60), "medium (60-200)": (60, 200), "long (200-500)": (200, 500)}
    print(
        f"{'texts':<17} {'score':>8} {'cold':>8} {'detect':>8} {'casefold':>9} {'split':>8}  ratio"
    )
    for name, (lo, hi) in sizes.items():
        texts = _texts(rng, lo, hi, 2000)
        for text in texts:  # warm the cache as a running bot would
            model.score(text)
        warm = _per_message(model.score, texts, rounds)

        def cold_score(text: str) -> None:
            model.clear_cache()
            model.score(text)

        cold = _per_message(cold_score, texts, rounds)
        detect = _per_message(detect_language, texts, rounds)
        fold = _per_message(str.casefold, texts, rounds)
        split = _per_message(lambda t: len(t.split()), texts, rounds)
        print(
            f"{name:<17} {warm:>6.1f}µs {cold:>6.1f}µs {detect:>6.1f}µs {fold:>7.2f}µs "
            f"{split:>6.2f}µs  score/split {warm / split:.0f}x, cold/split {cold / split:.0f}x"
        )


if __name__ == "__main__":
    main()
