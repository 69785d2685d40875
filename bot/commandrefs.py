"""Commands named in texts become clickable mentions, ``</contest submit:123>``.

Discord shows a mention with the command's default (English) name and does not localize it; a
mention written with the German name is not clickable. So in German text the mention is followed
by the German name as the member's client shows it: ``</contest submit:123> (`/wettbewerb
einreichen`)``. The ids come from the last sync of the command tree, or are fetched once at
start; without them the name is shown as code in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bot.i18n import I18n, Lang


class _Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def id(self) -> int: ...


class CommandRefs:
    def __init__(self, i18n: I18n) -> None:
        self.ids: dict[str, int] = {}
        self._i18n = i18n
        i18n.set_command_ref(self.render)

    def remember(self, commands: Iterable[_Named]) -> None:
        """The application commands as Discord returned them (sync or fetch)."""
        self.ids = {command.name: command.id for command in commands}

    def shown_name(self, qualified: str, lang: Lang) -> str:
        """``/config channel``, or in German ``/konfiguration kanal``."""
        if lang != "de":
            return "/" + qualified
        parts = qualified.split(" ")
        return "/" + " ".join(self._i18n.command_german(part) or part for part in parts)

    def render(self, qualified: str, lang: Lang) -> str:
        shown = self.shown_name(qualified, lang)
        command_id = self.ids.get(qualified.split(" ")[0])
        if command_id is None:
            return f"`{shown}`"
        mention = f"</{qualified}:{command_id}>"
        return mention if shown == "/" + qualified else f"{mention} (`{shown}`)"
