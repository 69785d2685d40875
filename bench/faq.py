"""FAQ auto-replies on labelled chat: precision, recall, false replies and cost per message.

Run: .venv/bin/python -m bench.faq [--language de|en] [--mistakes N]

The data (bench/data/faq/de.json and en.json) was written for this benchmark: an invented FAQ
of 31 entries per language; member questions with the entry that answers them (typos, slang,
umlauts as ae/oe/ue, a few in the other language); questions on community topics that the FAQ
does not answer ("entry": null), many sharing words with an entry; and ordinary chat lines.
THRESHOLD and MARGIN were tuned on the pairs marked "tune" only; the pairs marked "test" were
held out. The word table of cogs/qa/words.py was written with the FAQ and the tuning pairs
in view, so even the test figures are optimistic: re-measure on real questions from a server.

Printed per language and split:
- precision: automatic replies naming the right entry / all replies to labelled questions;
- recall: questions with an entry that get a reply naming it;
- unanswered replied: questions without an entry that still get a reply;
- chat replied: ordinary chat lines that get a reply (all splits: chat is not split);
- search: questions with an entry whose entry the search command lists first / in its top 3;
- cost: microseconds per ``FaqIndex.match`` call over all pairs and chat lines, on the FAQ and
  on 500 entries (the FAQ repeated with other ids and a varied word), median of 5 runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cogs.qa.matching import MARGIN, THRESHOLD, Entry, FaqIndex

DATA = Path(__file__).parent / "data" / "faq"
LANGUAGES = ("de", "en")
SPLITS = ("tune", "test", "all")


@dataclass
class Tally:
    replies: int = 0
    right: int = 0
    answerable: int = 0
    unanswerable: int = 0
    unanswerable_replied: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.replies if self.replies else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.answerable if self.answerable else 0.0

    @property
    def false_reply_rate(self) -> float:
        return self.unanswerable_replied / self.unanswerable if self.unanswerable else 0.0


def load(language: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / f"{language}.json").read_text(encoding="utf-8"))
    return data


def entries(data: dict[str, Any]) -> list[Entry]:
    return [Entry(item["id"], item["question"], item["answer"]) for item in data["faq"]]


def select(pairs: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    return [pair for pair in pairs if split == "all" or pair["split"] == split]


def evaluate(index: FaqIndex, pairs: list[dict[str, Any]]) -> Tally:
    tally = Tally()
    for pair in pairs:
        expected = pair["entry"]
        found = index.match(pair["text"])
        if expected is None:
            tally.unanswerable += 1
        else:
            tally.answerable += 1
        if found is not None:
            tally.replies += 1
            if found.entry_id == expected:
                tally.right += 1
            else:
                tally.unanswerable_replied += expected is None
                tally.mistakes.append(
                    f"wrong reply {found.entry_id} ({found.score:.2f}, wanted {expected}): "
                    f"{pair['text']}"
                )
        elif expected is not None:
            tally.mistakes.append(f"no reply (wanted {expected}): {pair['text']}")
    return tally


def search_ranks(index: FaqIndex, pairs: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(listed first, in the top 3, questions) for the questions that have an entry."""
    first = top3 = total = 0
    for pair in pairs:
        if pair["entry"] is None:
            continue
        total += 1
        found = [match.entry_id for match in index.search(pair["text"], limit=3)]
        first += found[:1] == [pair["entry"]]
        top3 += pair["entry"] in found
    return first, top3, total


def large_index(faq: list[Entry], size: int) -> FaqIndex:
    """size entries: the FAQ repeated with new ids and one varied word in each copy."""
    index = FaqIndex()
    for n in range(size):
        entry = faq[n % len(faq)]
        copy = n // len(faq)
        suffix = f" (Teil {copy})" if copy else ""
        index.add(Entry(1000 + n, entry.question + suffix, entry.answer + suffix))
    return index


def cost(index: FaqIndex, texts: list[str]) -> float:
    """Median microseconds per match call over texts (5 runs after one warm-up run)."""
    for text in texts:
        index.match(text)
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        for text in texts:
            index.match(text)
        runs.append((time.perf_counter() - began) / len(texts) * 1e6)
    return statistics.median(runs)


def ratio(part: int, whole: int) -> str:
    return f"{part:>3}/{whole:<3} = {part / whole if whole else 0:.2f}"


def report(language: str, mistakes: int) -> None:
    data = load(language)
    faq = entries(data)
    index = FaqIndex(faq)
    pairs, chat = data["pairs"], data["chat"]
    chat_replies = [line for line in chat if index.match(line) is not None]
    print(
        f"{language}: {len(faq)} entries, {len(pairs)} labelled questions "
        f"({sum(pair['entry'] is None for pair in pairs)} without an entry), {len(chat)} chat lines"
    )
    print(f"  {'split':5}  {'precision':>15}  {'recall':>15}  {'unanswered replied':>18}")
    for split in SPLITS:
        tally = evaluate(index, select(pairs, split))
        print(
            f"  {split:5}  {ratio(tally.right, tally.replies):>15}"
            f"  {ratio(tally.right, tally.answerable):>15}"
            f"  {ratio(tally.unanswerable_replied, tally.unanswerable):>18}"
        )
    print(f"  chat replied: {len(chat_replies)}/{len(chat)} = {len(chat_replies) / len(chat):.3f}")
    first, top3, total = search_ranks(index, pairs)
    print(f"  search: right entry first {ratio(first, total)}, in the top 3 {ratio(top3, total)}")
    if mistakes:
        found = evaluate(index, pairs).mistakes
        wrong = [line for line in found if line.startswith("wrong")]
        silent = [line for line in found if not line.startswith("wrong")]
        for line in [*wrong, *silent, *(f"chat reply: {line}" for line in chat_replies)][:mistakes]:
            print("    " + line)
    texts = [pair["text"] for pair in pairs] + chat
    print(
        f"  cost: {cost(index, texts):.0f} µs per match with {len(index)} entries, "
        f"{cost(large_index(faq, 500), texts):.0f} µs with 500"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=LANGUAGES, help="only this language")
    parser.add_argument("--mistakes", type=int, default=0, help="print up to N mistakes")
    args = parser.parse_args()
    print(f"THRESHOLD {THRESHOLD}, MARGIN {MARGIN}")
    for language in [args.language] if args.language else LANGUAGES:
        report(language, args.mistakes)


if __name__ == "__main__":
    main()
