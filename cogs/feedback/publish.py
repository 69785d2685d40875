"""What a piece of criticism would look like as a public suggestion, without Discord: a title
from its first sentence, the whole text as the details."""

from __future__ import annotations

import re

TITLE_MAX = 100  # what the suggestions board takes
BODY_MAX = 1500

_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n")


def proposal(content: str) -> tuple[str, str]:
    """(title, details): the first sentence as the title (cut at a word, at most 100 characters)
    and the whole text as the details, unless the title already is the whole text."""
    text = " ".join(content.split()) if "\n" not in content else content.strip()
    end = _SENTENCE_END.search(text)
    stop = end.start() + (1 if end and text[end.start()] in "!?" else 0) if end else len(text)
    first = text[:stop].strip() or text.strip()
    if len(first) > TITLE_MAX:
        cut = first[: TITLE_MAX - 1]
        space = cut.rfind(" ")
        first = (cut[:space] if space > TITLE_MAX // 2 else cut).rstrip(" ,;:-") + "…"
    whole = text.strip()
    body = "" if whole.rstrip(".!?… ") == first.rstrip(".!?… ") else whole[:BODY_MAX]
    return first, body
