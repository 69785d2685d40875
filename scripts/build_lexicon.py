"""Build the word lists the word filter and its tests use, from wordfreq (Robyn Speer et al.,
https://github.com/rspeer/wordfreq; its word lists are CC BY-SA 4.0, so are these derived ones).

- ``bot/contentcheck/data/lexicon-de.txt.gz``: the 40,000 most frequent German words; a German
  compound's modifier must be one of them (or a known intensifier) for a blocked word to match as
  the compound's head ("voll" + "idiot"), so "k" + "anal" (Kanal) never does.
- ``bot/contentcheck/data/common-en.txt.gz``: the 30,000 most frequent English words, which are
  never read as German compounds ("the" + "rapist").
- ``tests/data/ordinary-words.txt.gz``: the 100,000 most frequent German and English words each
  (a larger cut than the lists above), for the property test that no default rule fires on
  ordinary words and a sample blocked word matches one only as its compound head.

Run: ``.venv-train/bin/python scripts/build_lexicon.py`` (needs ``pip install wordfreq``, in the
``train`` extra). The output is committed; the bot and its tests never need wordfreq.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.contentcheck.normalize import fold

ROOT = Path(__file__).resolve().parents[1]


def words(lang: str, n: int) -> list[str]:
    out = []
    for word in wordfreq.top_n_list(lang, n):
        folded = fold(word)
        if folded.isalpha() and len(folded) >= 2:
            out.append(folded)
    return sorted(set(out))


def write(path: Path, items: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(("\n".join(items) + "\n").encode())
    print(f"{path.relative_to(ROOT)}: {len(items)} words")


def main() -> None:
    write(ROOT / "bot/contentcheck/data/lexicon-de.txt.gz", words("de", 40_000))
    write(ROOT / "bot/contentcheck/data/common-en.txt.gz", words("en", 30_000))
    ordinary = sorted(set(words("de", 100_000) + words("en", 100_000)))
    write(ROOT / "tests/data/ordinary-words.txt.gz", ordinary)


if __name__ == "__main__":
    main()
