"""German and English text for everything the bot says.

Strings live in catalogs (one per feature, registered by the feature's ``setup``). Placeholders are
``{name}``; they are substituted by :func:`render`, which never interprets the *values*, so user
text inside a value can contain braces without effect. ``str.format`` is never used on text that
may contain user input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType, ModuleType
from typing import Literal

import discord
from discord import app_commands

Lang = Literal["de", "en"]
LANGUAGES: tuple[Lang, ...] = ("de", "en")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
#: a command named in a text, ``</config channel>``: shown as a clickable command mention
COMMAND_REF = re.compile(r"</([a-z][a-z0-9_-]*(?: [a-z][a-z0-9_-]*){0,2})>")
CommandRef = Callable[[str, "Lang"], str]


def render(template: str, params: Mapping[str, object]) -> str:
    """Replace ``{name}`` in *template* with ``str(params[name])`` in one pass.

    Values are inserted verbatim and never re-scanned, so a value containing ``{x}`` stays as is.
    A placeholder without a value is left visible rather than raising, so a missing parameter
    cannot crash an error path.
    """

    def repl(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(params[name]) if name in params else match.group(0)

    return _PLACEHOLDER.sub(repl, template)


def placeholders(template: str) -> set[str]:
    return set(_PLACEHOLDER.findall(template))


def lang_of(locale: discord.Locale | str | None) -> Lang | None:
    """Map a Discord locale (``de``, ``en-US``, ``en-GB``) to one of our languages, else None."""
    if locale is None:
        return None
    value = locale.value if isinstance(locale, discord.Locale) else str(locale)
    if value.startswith("de"):
        return "de"
    if value.startswith("en"):
        return "en"
    return None


@dataclass(frozen=True)
class Localized:
    """A parameter value that differs by language (a formatted duration, a feature name)."""

    de: str
    en: str

    def __str__(self) -> str:
        return self.en

    def pick(self, lang: Lang) -> str:
        return self.de if lang == "de" else self.en


def number(value: float | int | None, lang: Lang, digits: int = 0) -> str:
    """A number as the reader writes it: "1.776" and "0,98" in German, "1,776" and "0.98" in
    English; "–" for none."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def plural_category(count: object) -> str:
    """CLDR plural category in German and English: "one" for exactly 1, else "other"."""
    return "one" if count == 1 else "other"


class I18n:
    """The bot's string catalogs, in both languages, plus slash-command localizations."""

    def __init__(self) -> None:
        self._strings: dict[str, dict[Lang, str]] = {}
        self._command_de: dict[str, str] = {}
        self._command_ref: CommandRef | None = None

    def set_command_ref(self, render: CommandRef | None) -> None:
        """How ``</name sub>`` in a text is shown (the bot makes clickable mentions of it)."""
        self._command_ref = render

    def add(self, catalog: Mapping[str, Mapping[str, str]]) -> None:
        for key, texts in catalog.items():
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise ValueError(f"string {key!r} lacks {missing}")
            if key in self._strings and dict(texts) != self._strings[key]:
                raise ValueError(f"string {key!r} registered twice with different text")
            self._strings[key] = {"de": texts["de"], "en": texts["en"]}

    def add_command_translations(self, german: Mapping[str, str]) -> None:
        """English command name/description -> German, for the app_commands Translator."""
        for english, text in german.items():
            known = self._command_de.get(english)
            if known is not None and known != text:
                raise ValueError(f"command text {english!r} translated twice differently")
            self._command_de[english] = text

    def add_feature(self, strings: ModuleType) -> None:
        """A feature's strings module: ``STRINGS`` and, if it has commands, ``COMMANDS_DE``."""
        self.add(strings.STRINGS)
        german = getattr(strings, "COMMANDS_DE", None)
        if german is not None:
            self.add_command_translations(german)

    def keys(self) -> set[str]:
        return set(self._strings)

    def raw(self, key: str, lang: Lang) -> str:
        return self._strings[key][lang]

    def has(self, key: str) -> bool:
        return key in self._strings or f"{key}.other" in self._strings

    def t(self, lang: Lang, key: str, /, **params: object) -> str:
        """The text of ``key``; a counted text has the variants ``key.one`` and ``key.other``
        (CLDR's categories for German and English), chosen by the ``count`` parameter."""
        texts = self._strings.get(key)
        if texts is None and "count" in params:
            texts = self._strings.get(f"{key}.{plural_category(params['count'])}")
        if texts is None:
            # A missing key is a bug; show the key rather than crash the reply.
            return key
        resolved = {k: v.pick(lang) if isinstance(v, Localized) else v for k, v in params.items()}
        template = texts[lang]
        ref = self._command_ref
        if ref is not None and "</" in template:
            # in the template only: a value (member text) can never become a mention
            template = COMMAND_REF.sub(lambda m: ref(m.group(1), lang), template)
        return render(template, resolved)

    def command_german(self, english: str) -> str | None:
        return self._command_de.get(english)

    def command_translations(self) -> Mapping[str, str]:
        """English command and option texts -> German (read-only)."""
        return MappingProxyType(self._command_de)


class Translator(app_commands.Translator):
    """Localizes slash-command names, descriptions and choices to German."""

    def __init__(self, i18n: I18n) -> None:
        self._i18n = i18n

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is discord.Locale.german:
            # A name whose German depends on where it stands (the noun "Antwort" as an option,
            # the verb "antworten" as a command) carries its own: locale_str("answer", de=...).
            own = string.extras.get("de")
            return own if isinstance(own, str) else self._i18n.command_german(string.message)
        return None
