"""Who and what the demo server has: its name, channels, roles and twenty people, per language.

Pure data. The tour addresses people by their part (``admin``, ``moderator``, ``newcomer`` …),
so the German and the English server play the same scenes with their own names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["de", "en"]
Label = Literal["member", "moderator", "admin"]

SERVER_NAME = {"de": "Spieleecke", "en": "Game Corner"}
TIMEZONE = {"de": "Europe/Berlin", "en": "Europe/London"}
GUILD_LOCALE = {"de": "de", "en": "en-GB"}


@dataclass(frozen=True)
class ChannelSpec:
    key: str
    names: dict[str, str]
    #: public (everyone writes), readonly (everyone reads, the team and the bot write), team
    access: Literal["public", "readonly", "team"]
    topic: dict[str, str]


CHANNELS = (
    ChannelSpec(
        "rules",
        {"de": "regeln", "en": "rules"},
        "readonly",
        {"de": "Sei nett. Kein Spam. Keine Beleidigungen.", "en": "Be kind. No spam. No insults."},
    ),
    ChannelSpec(
        "welcome",
        {"de": "willkommen", "en": "welcome"},
        "readonly",
        {"de": "Hier begrüßen wir neue Mitglieder.", "en": "Where new members are greeted."},
    ),
    ChannelSpec(
        "announcements",
        {"de": "ankündigungen", "en": "announcements"},
        "readonly",
        {"de": "Neuigkeiten vom Team", "en": "News from the team"},
    ),
    ChannelSpec(
        "general",
        {"de": "allgemein", "en": "general"},
        "public",
        {"de": "Alles rund ums Spielen", "en": "Anything about games"},
    ),
    ChannelSpec(
        "games",
        {"de": "spiele", "en": "games"},
        "public",
        {"de": "Verabredungen und Spielrunden", "en": "Find people to play with"},
    ),
    ChannelSpec(
        "qa",
        {"de": "fragen", "en": "q-and-a"},
        "public",
        {"de": "Fragerunden mit dem Team", "en": "Q&A rounds with the team"},
    ),
    ChannelSpec(
        "suggestions",
        {"de": "vorschläge", "en": "suggestions"},
        "public",
        {"de": "Eure Ideen für den Server", "en": "Your ideas for the server"},
    ),
    ChannelSpec(
        "team", {"de": "team", "en": "team"}, "team", {"de": "Nur für das Team", "en": "Team only"}
    ),
    ChannelSpec(
        "inbox",
        {"de": "team-eingang", "en": "team-inbox"},
        "team",
        {"de": "Feedback und Kritik an das Team", "en": "Feedback and criticism for the team"},
    ),
    ChannelSpec(
        "modlog",
        {"de": "mod-log", "en": "mod-log"},
        "team",
        {"de": "Was die Moderation tut", "en": "What moderation does"},
    ),
    ChannelSpec(
        "reports",
        {"de": "berichte", "en": "reports"},
        "team",
        {"de": "Wochenberichte", "en": "Weekly reports"},
    ),
)

#: the bot's channel purposes (``/config channel``) and the demo channel for each
PURPOSES = {
    "modlog": "modlog",
    "reports": "reports",
    "feedback": "inbox",
    "qa": "qa",
    "announcements": "announcements",
    "welcome": "welcome",
    "suggestions": "suggestions",
}

ROLE_NAMES = {
    "admin": {"de": "Admin", "en": "Admin"},
    "moderator": {"de": "Moderation", "en": "Moderator"},
    "helper": {"de": "Helfer", "en": "Helper"},
    "members": {"de": "Mitglied", "en": "Member"},
}


@dataclass(frozen=True)
class PersonSpec:
    part: str  # what the tour calls them
    names: dict[str, str]
    label: Label
    #: their Discord client's language in the German / the English server
    locales: dict[str, str]
    helper: bool = False


def _member(
    part: str,
    de: str,
    en: str,
    *,
    de_locale: str = "de",
    en_locale: str = "en-GB",
    label: Label = "member",
    helper: bool = False,
) -> PersonSpec:
    return PersonSpec(part, {"de": de, "en": en}, label, {"de": de_locale, "en": en_locale}, helper)


PEOPLE = (
    _member("admin", "Sabine", "Sarah", label="admin", en_locale="en-US"),
    _member("moderator", "Jonas", "James", label="moderator"),
    _member("moderator2", "Aylin", "Priya", label="moderator", en_locale="en-US"),
    _member("helper", "Tobias", "Tom", helper=True),
    _member("critic", "Lena", "Emma"),
    _member("rowdy", "Kevin", "Kyle", en_locale="en-US"),
    _member("warned", "Marco", "Mike"),
    _member("asker", "Hannah", "Hannah", en_locale="en-US"),
    _member("asker2", "Felix", "Oliver"),
    _member("player", "Mia", "Chloe"),
    _member("player2", "Lukas", "Liam", en_locale="en-US"),
    _member("artist", "Clara", "Grace"),
    _member("artist2", "Paul", "Noah"),
    _member("fan", "Sophie", "Sophie", de_locale="en-GB"),
    _member("m1", "Leon", "Jack"),
    _member("m2", "Emilia", "Amelia", en_locale="en-US"),
    _member("m3", "Ben", "Ethan"),
    _member("m4", "Lea", "Isla"),
    _member("m5", "Finn", "Harry", de_locale="en-GB"),
    _member("newcomer", "Noah", "Leo"),
)

#: the newcomer joins during the tour; everyone else is there from the start
LATE = frozenset({"newcomer"})
