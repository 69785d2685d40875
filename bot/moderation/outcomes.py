"""What became of a case, as a code (stored on the case, never parsed from text) and as text in
the reader's language (made only at the edge)."""

from __future__ import annotations

from bot.i18n import I18n, Lang
from bot.replies import permission_label

DONE = "done"
GONE = "gone"
INTERRUPTED = "interrupted"


def failed(status: int | None, code: int | None = None) -> str:
    return f"failed:{status or '-'}/{code or 0}"


def describe(i18n: I18n, lang: Lang, code: str | None) -> str:
    """The outcome code as a sentence; a case recorded before codes keeps its stored text."""
    if not code:
        return i18n.t(lang, "outcome.pending")
    name, _, detail = code.partition(":")
    if name == "missing_permission":
        return i18n.t(lang, "outcome.missing_permission", permission=permission_label([detail]))
    if name == "failed":
        return i18n.t(lang, "outcome.failed", status=detail)
    key = f"outcome.{name}"
    return i18n.t(lang, key) if not detail and i18n.has(key) else code


def reason_only(i18n: I18n, lang: Lang, code: str) -> str:
    """The refusal without its "not done: " lead, for a moderator's error message."""
    text = describe(i18n, lang, code)
    for lead in ("not done: ", "nicht erledigt: "):
        text = text.removeprefix(lead)
    return text
