"""Assert on what the bot says by message key, in the member's language, not on copied wording.

``says(reply, "giveaway.entered", "de")`` is true when *reply* contains the German text of that
key. Placeholders given as keyword arguments must appear as rendered; the others match any text,
so a test names only the values it cares about. A counted key (``key.one``/``key.other``) picks
its variant from ``count`` or, without it, accepts either. Rewording a text breaks no test, and a
reply in the wrong language fails.
"""

from __future__ import annotations

import re

from bot.i18n import COMMAND_REF, LANGUAGES, Lang, Localized, plural_category
from sandbox.demo.expect import catalog  # every catalog the features register

_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_PIECES = re.compile(rf"{_PLACEHOLDER.pattern}|{COMMAND_REF.pattern}")


def _variants(key: str, params: dict[str, object]) -> list[str]:
    known = catalog().keys()
    if key in known:
        return [key]
    if "count" in params:
        return [f"{key}.{plural_category(params['count'])}"]
    counted = [f"{key}.one", f"{key}.other"]
    if not all(variant in known for variant in counted):
        raise KeyError(f"no message key {key!r}")
    return counted


def pattern(key: str, lang: Lang, **params: object) -> re.Pattern[str]:
    """A regex for the text of *key*: given placeholders literal, the others any text."""
    alternatives = []
    for variant in _variants(key, params):
        template = catalog().raw(variant, lang)
        parts, last = [], 0
        for match in _PIECES.finditer(template):
            parts.append(re.escape(template[last : match.start()]))
            name = match.group(1)
            if name is None:  # a command: its mention (and German name), or its name as code
                command = re.escape(match.group(2))
                parts.append(rf"(?:</{command}:\d+>(?: \(`/[^`]+`\))?|`/[^`]+`)")
            elif name in params:
                value = params[name]
                parts.append(
                    re.escape(value.pick(lang) if isinstance(value, Localized) else str(value))
                )
            else:
                parts.append(".*?")
            last = match.end()
        parts.append(re.escape(template[last:]))
        alternatives.append("".join(parts))
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.DOTALL)


def says(text: object, key: str, lang: Lang | None = None, **params: object) -> bool:
    """Whether *text* (a string, or anything whose ``str`` holds it) contains *key*'s text in
    *lang* (in either language when None)."""
    haystack = text if isinstance(text, str) else str(text)
    langs = LANGUAGES if lang is None else (lang,)
    return any(pattern(key, one, **params).search(haystack) for one in langs)


def t(key: str, lang: Lang, **params: object) -> str:
    """The rendered text, for a test that compares whole texts or needs a fragment of one."""
    return catalog().t(lang, key, **params)
