"""Feedback-inbox routing on labelled messages, per source: criticism reaching the inbox, ordinary
chat and insults sent there, through the bot's own path (the offensive-language model's verdict,
then the criticism model).

Run: .venv/bin/python -m bench.inbox

Sources (none of them trained on):
- ``scripts/data/criticism-validation.tsv``: written from a brief of the three categories alone
  by a separate author who saw neither the training lines nor any word list; frozen before
  training (470 lines per language).
- ``bench/data/inbox_labelled.tsv``: the older benchmark set (200 per language); the lexicons of
  the previous detector were written with it in view.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from pathlib import Path

from bot.contentcheck.criticism import default_model
from bot.contentcheck.offense import OffenseModel

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "validation set (separate author, frozen)": ROOT
    / "scripts"
    / "data"
    / "criticism-validation.tsv",
    "older benchmark set": ROOT / "bench" / "data" / "inbox_labelled.tsv",
}
LABELS = {"CRITICISM": "criticism", "CHAT": "chat", "INSULT": "abuse"}


def rows_of(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(r["lang"], LABELS.get(r["label"], r["label"]), r["text"]) for r in reader]


def main() -> None:
    offense = OffenseModel.load()
    model = default_model()
    for name, path in SOURCES.items():
        rows = rows_of(path)
        began = time.perf_counter()
        counts: dict[str, Counter[tuple[str, bool]]] = {"de": Counter(), "en": Counter()}
        for lang, label, text in rows:
            score = offense.score(text)
            finding = model.judge(text, score.lang, score.review, score.score)
            counts[lang][(label, finding.criticism)] += 1
        per_message = (time.perf_counter() - began) / len(rows) * 1e6
        print(f"{name} ({path.relative_to(ROOT)}):")
        for lang in ("de", "en"):
            c = counts[lang]
            parts = []
            for label, what in (("criticism", "criticism to inbox"), ("chat", "chat to inbox"),
                                ("abuse", "insults to inbox")):  # fmt: skip
                n = c[(label, True)] + c[(label, False)]
                parts.append(
                    f"{what} {c[(label, True)]}/{n} = {c[(label, True)] / n:.2f}" if n else ""
                )
            print(f"  {lang}: " + "; ".join(p for p in parts if p))
        print(f"  cost: {per_message:.0f} µs per message (offense model and criticism model)")


if __name__ == "__main__":
    main()
