"""Feedback-inbox routing on labelled messages: recall of criticism and the share of noise.

Run: .venv/bin/python -m bench.inbox

The data (bench/data/inbox_labelled.tsv) has 200 messages per language, labelled criticism,
chat or abuse, each with its source: most were written for this benchmark (typical Discord
community messages, including negative-but-not-criticism chat like "my day was bad"), 40 chat
lines per language come from chatterbot-corpus 1.3.3 (BSD-3-Clause). The lexicons were written
with these examples in view, so the figures are optimistic; re-measure on real chat.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

from bot.contentcheck.offense import OffenseModel
from cogs.feedback.criticism import judge, polarity, prefilter

DATA = Path(__file__).parent / "data" / "inbox_labelled.tsv"


def main() -> None:
    model = OffenseModel.load()
    rows = list(csv.DictReader(DATA.open(encoding="utf-8"), delimiter="\t"))
    polarity("warm up TextBlob once")  # its first call loads its lexicon
    began = time.perf_counter()
    results: dict[str, Counter[tuple[str, bool]]] = {"de": Counter(), "en": Counter()}
    misses: dict[str, list[str]] = {"de": [], "en": []}
    for row in rows:
        text = row["text"]
        to_inbox = False
        if prefilter(text):
            offensive = model.score(text).review
            to_inbox = judge(text, offensive, polarity(text)).criticism
        results[row["lang"]][(row["label"], to_inbox)] += 1
        if to_inbox != (row["label"] == "criticism"):
            misses[row["lang"]].append(
                f"{row['label']:9} -> {'inbox' if to_inbox else 'chat '}: {text}"
            )
    per_message = (time.perf_counter() - began) / len(rows) * 1e6
    for lang in ("de", "en"):
        counts = results[lang]
        criticism = counts[("criticism", True)] + counts[("criticism", False)]
        inbox = sum(n for (label, routed), n in counts.items() if routed)
        noise = inbox - counts[("criticism", True)]
        sizes = Counter(label for (label, _), n in counts.items() for _ in range(n))
        print(f"{lang}: {dict(sizes)} messages")
        print(
            f"  recall of criticism:        {counts[('criticism', True)]}/{criticism} = {counts[('criticism', True)] / criticism:.2f}"
        )
        print(f"  inbox items that are noise: {noise}/{inbox} = {noise / inbox if inbox else 0:.2f}"
              f" (chat {counts[('chat', True)]}, abuse {counts[('abuse', True)]})")  # fmt: skip
        for line in misses[lang][:8]:
            print("    miss:", line)
    print(
        f"cost: {per_message:.0f} µs per message on average (prefilter, model and TextBlob where needed)"
    )


if __name__ == "__main__":
    main()
