"""The published record of a draw: the list of receipts and a self-contained HTML page that
recomputes the draw in the browser. Pure: no Discord, no database.

The page (``verifier.html``) is one file without external assets or network access; its
JavaScript implements draw.py's algorithm with Web Crypto (``crypto.subtle``, which Chromium and
Firefox offer to pages opened from a local file). It embeds what the result post reveals (the
seed, the commitment, the number of winners, the announced winners' receipts and the list) and
also reads a list file the member chooses. It reports "matches" only when the seed fits the
commitment, the list is well-formed and sorted, it is the list published with the result, and
the recomputed winners are the announced ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATE = Path(__file__).with_name("verifier.html")
PLACEHOLDER = "__PUBLISHED__"


@dataclass(frozen=True)
class Published:
    giveaway_id: int
    prize: str
    seed: str
    commitment: str
    winners_count: int
    announced: Sequence[str]  # the winners' receipts, in the order of the draw
    list_text: str


def list_text(receipts: Iterable[str], skipped: set[str]) -> str:
    """One receipt per line, sorted; a passed-over candidate is followed by a tab and "skipped"."""
    lines = [f"{r}\tskipped" if r in skipped else r for r in sorted(receipts)]
    return "\n".join(lines) + "\n"


def list_fingerprint(text: str) -> str:
    """SHA-256 of the list with line ends normalised (as the page computes it)."""
    lines = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
    return hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()


def list_name(giveaway_id: int) -> str:
    return f"giveaway-{giveaway_id}-list.txt"


def page_name(giveaway_id: int) -> str:
    return f"giveaway-{giveaway_id}-check.html"


@cache
def _template() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it sits in, whatever the prize says."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page(published: Published) -> str:
    data = {
        "giveaway": published.giveaway_id,
        "prize": published.prize,
        "seed": published.seed,
        "commitment": published.commitment,
        "winners": published.winners_count,
        "announced": list(published.announced),
        "list": published.list_text,
        "list_sha256": list_fingerprint(published.list_text),
    }
    return _template().replace(PLACEHOLDER, _script_json(data), 1)


def files(published: Published) -> dict[str, str]:
    """The attachments of the result post: file name -> text."""
    return {
        list_name(published.giveaway_id): published.list_text,
        page_name(published.giveaway_id): page(published),
    }
