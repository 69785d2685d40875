"""Recognise the bot's texts by their message key, in either language, so that the tour checks
what the bot said without copying its wording: ``says(text, "giveaway.started", id=1)``."""

from __future__ import annotations

import importlib
import re
from functools import cache
from pathlib import Path

from bot.i18n import COMMAND_REF, LANGUAGES, I18n, Localized

ROOT = Path(__file__).resolve().parents[2]
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_PIECES = re.compile(rf"{_PLACEHOLDER.pattern}|{COMMAND_REF.pattern}")


@cache
def catalog() -> I18n:
    """Every catalog the bot's features register (each ``strings.py`` / ``*_strings.py``)."""
    i18n = I18n()
    for path in sorted([*ROOT.glob("bot/**/*strings.py"), *ROOT.glob("cogs/**/*strings.py")]):
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        i18n.add_feature(module)
    return i18n


@cache
def _pattern(key: str, params: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    known = catalog().keys()
    variants = [key] if key in known else [f"{key}.one", f"{key}.other"]
    given = dict(params)
    alternatives = []
    for variant in variants:
        for lang in LANGUAGES:
            template = catalog().raw(variant, lang)
            parts, last = [], 0
            for match in _PIECES.finditer(template):
                parts.append(re.escape(template[last : match.start()]))
                name = match.group(1)
                if name is None:
                    command = re.escape(match.group(2))
                    parts.append(rf"(?:</{command}:\d+>(?: \(`/[^`]+`\))?|`/[^`]+`)")
                elif name in given:
                    parts.append(re.escape(given[name]))
                else:
                    parts.append(".*?")
                last = match.end()
            parts.append(re.escape(template[last:]))
            alternatives.append("".join(parts))
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.DOTALL)


def says(text: object, key: str, **params: object) -> bool:
    """Whether ``text`` contains the text of ``key`` (German or English)."""
    rendered = tuple(
        sorted(
            (name, value.pick("en") if isinstance(value, Localized) else str(value))
            for name, value in params.items()
        )
    )
    return bool(_pattern(key, rendered).search(text if isinstance(text, str) else str(text)))


def number_after(text: str, marker: str = "#") -> int | None:
    """The first number after ``marker`` (ids such as "Gewinnspiel #3")."""
    found = re.search(re.escape(marker) + r"(\d+)", text)
    return int(found.group(1)) if found else None
