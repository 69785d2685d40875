"""The setup wizard's decisions, without Discord: its pages, which existing channel fits which
purpose by its name, what a missing channel is called and who may see it, and the checklist."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.i18n import Lang

#: the pages in order; a channel page holds up to four selects (a message has five rows, the
#: last one for the buttons)
PAGES: tuple[str, ...] = ("channels1", "channels2", "locale", "roles", "features", "done")
CHANNEL_PAGES: dict[str, tuple[str, ...]] = {
    "channels1": ("modlog", "reports", "feedback"),
    "channels2": ("qa", "suggestions", "announcements", "welcome"),
}

#: the common zones of Germany, Austria and Switzerland first, then UTC; "other" asks for a name
ZONES: tuple[str, ...] = ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "UTC")
OTHER_ZONE = "other"

#: channel names (folded: lowercase, umlauts as ae/oe/ue, no separators) per purpose, best first
KNOWN_NAMES: dict[str, tuple[str, ...]] = {
    "modlog": (
        "modlog",
        "modlogs",
        "moderationslog",
        "moderationlog",
        "moderation",
        "moderationsprotokoll",
        "modprotokoll",
        "auditlog",
        "logs",
        "log",
    ),
    "reports": ("berichte", "reports", "statistik", "statistiken", "stats", "report", "bericht"),
    "feedback": ("feedback", "kritik", "inbox", "feedbackinbox", "rueckmeldungen"),
    "qa": ("fragerunde", "fragerunden", "qanda", "qa", "fragen", "ama", "fragenandasteam"),
    "announcements": (
        "ankuendigungen",
        "announcements",
        "news",
        "neuigkeiten",
        "ankuendigung",
        "infos",
        "info",
    ),
    "welcome": ("willkommen", "welcome", "begruessung", "neuehier", "hallo"),
    "suggestions": ("vorschlaege", "suggestions", "vorschlag", "ideen", "ideas", "wuensche"),
}

#: what a created channel is called
NEW_NAMES: dict[str, dict[Lang, str]] = {
    "modlog": {"de": "mod-log", "en": "mod-log"},
    "reports": {"de": "berichte", "en": "reports"},
    "feedback": {"de": "feedback", "en": "feedback"},
    "qa": {"de": "fragerunden", "en": "q-and-a"},
    "announcements": {"de": "ankündigungen", "en": "announcements"},
    "welcome": {"de": "willkommen", "en": "welcome"},
    "suggestions": {"de": "vorschläge", "en": "suggestions"},
}
#: only the team sees these
PRIVATE_PURPOSES = frozenset({"modlog", "reports", "feedback"})
#: members read these but do not write in them (the bot posts, buttons and forms take part;
#: in the suggestions channel members discuss in each suggestion's thread)
READ_ONLY_PURPOSES = frozenset({"announcements", "welcome", "suggestions"})
#: what the bot needs in a channel of each purpose, beyond posting embeds
EXTRA_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "reports": ("attach_files",),  # the chart
    "qa": ("attach_files",),  # the transcript
    "modlog": ("read_message_history",),
    "suggestions": ("create_public_threads", "send_messages_in_threads"),
}


def fold(name: str) -> str:
    """``#📢-Ankündigungen`` -> ``ankuendigungen``: compared without case, emoji or dashes."""
    text = name.casefold()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text)


def suggest(
    purposes: Iterable[str], channels: Sequence[tuple[int, str]], taken: Iterable[int] = ()
) -> dict[str, int]:
    """For each purpose, the channel whose name fits it best (exact known name first, then a name
    that contains one); a channel is suggested for one purpose at most."""
    used = set(taken)
    found: dict[str, int] = {}
    folded = [(channel_id, fold(name)) for channel_id, name in channels]
    for purpose in purposes:
        for known in KNOWN_NAMES.get(purpose, ()):
            exact = [cid for cid, name in folded if name == known and cid not in used]
            near = [
                cid for cid, name in folded if len(known) > 3 and known in name and cid not in used
            ]
            candidates = exact or near
            if candidates:
                found[purpose] = candidates[0]
                used.add(candidates[0])
                break
    return found


def next_page(page: str, step: int) -> str:
    """The page *step* pages after (or before) *page*, kept within the wizard."""
    index = PAGES.index(page) if page in PAGES else 0
    return PAGES[max(0, min(len(PAGES) - 1, index + step))]


@dataclass(frozen=True)
class ChannelCheck:
    purpose: str
    channel_id: int | None
    missing: tuple[str, ...]  # permissions the bot lacks there (empty: fine)


def checklist(
    channels: Mapping[str, int | None], missing: Mapping[str, tuple[str, ...]]
) -> list[ChannelCheck]:
    """One line per purpose: set and usable, set but lacking permissions, or not set."""
    return [
        ChannelCheck(purpose, channels.get(purpose), missing.get(purpose, ()))
        for page in CHANNEL_PAGES.values()
        for purpose in page
    ]
