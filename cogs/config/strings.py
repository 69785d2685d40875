"""Text of /config in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "config.title": {"en": "Server settings", "de": "Servereinstellungen"},
    "config.language": {"en": "Language", "de": "Sprache"},
    "config.timezone": {"en": "Time zone", "de": "Zeitzone"},
    "config.channels": {"en": "Channels", "de": "Kanäle"},
    "config.default_suffix": {"en": "{value} (default)", "de": "{value} (Standard)"},
    "config.channel_problem": {
        "en": "{channel} ⚠️ missing: {permissions}",
        "de": "{channel} ⚠️ es fehlt: {permissions}",
    },
    "config.channel.modlog": {"en": "Moderation log", "de": "Moderationsprotokoll"},
    "config.channel.reports": {"en": "Reports", "de": "Berichte"},
    "config.channel.feedback": {"en": "Feedback inbox", "de": "Feedback-Eingang"},
    "config.channel.qa": {"en": "Q&A rounds", "de": "Fragerunden"},
    "config.channel.announcements": {"en": "Announcements", "de": "Ankündigungen"},
    "config.channel.welcome": {"en": "Welcome", "de": "Willkommen"},
    "config.channel_set": {
        "en": "{purpose} now goes to {channel}.",
        "de": "{purpose} geht jetzt in {channel}.",
    },
    "config.channel_cleared": {
        "en": "{purpose} is no longer set.",
        "de": "{purpose} ist nicht mehr gesetzt.",
    },
    "config.language_set": {
        "en": "The server language is now English.",
        "de": "Die Serversprache ist jetzt Deutsch.",
    },
    "config.timezone_set": {
        "en": "The server time zone is now {zone} (now {time} there).",
        "de": "Die Zeitzone des Servers ist jetzt {zone} (dort ist es jetzt {time}).",
    },
    "config.timezone_invalid": {
        "en": "`{zone}` is not a time zone I know. Pick one from the list, e.g. `Europe/Berlin`.",
        "de": "`{zone}` ist keine mir bekannte Zeitzone. Wähle eine aus der Liste, z. B. `Europe/Berlin`.",
    },
    "config.role.moderator": {"en": "Moderator roles", "de": "Moderationsrollen"},
    "config.role.admin": {"en": "Admin roles", "de": "Admin-Rollen"},
    "config.role_added": {
        "en": "{role} now counts as {kind}.",
        "de": "{role} zählt jetzt zu: {kind}.",
    },
    "config.role_removed": {
        "en": "{role} no longer counts as {kind}.",
        "de": "{role} zählt nicht mehr zu: {kind}.",
    },
    "config.role_everyone": {
        "en": "@everyone cannot be a staff role.",
        "de": "@everyone kann keine Teamrolle sein.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "config": "konfiguration",
    "Server settings (admins)": "Servereinstellungen (Admins)",
    "show": "anzeigen",
    "Show this server's settings": "Zeigt die Einstellungen dieses Servers",
    "channel": "kanal",
    "Choose the channel for a purpose (leave empty to unset)": "Wählt den Kanal für einen Zweck (leer lassen zum Entfernen)",
    "purpose": "zweck",
    "What the channel is for": "Wofür der Kanal ist",
    "The text channel (empty: unset)": "Der Textkanal (leer: entfernen)",
    "Moderation log": "Moderationsprotokoll",
    "Reports": "Berichte",
    "Feedback inbox": "Feedback-Eingang",
    "Q&A rounds": "Fragerunden",
    "Announcements": "Ankündigungen",
    "Welcome": "Willkommen",
    "role": "rolle",
    "Mark a role as moderators or admins (again to unmark)": "Markiert eine Rolle als Moderation oder Admins (erneut: Markierung entfernen)",
    "kind": "art",
    "Moderators or admins": "Moderation oder Admins",
    "The role": "Die Rolle",
    "Moderators": "Moderation",
    "Admins": "Admins",
    "language": "sprache",
    "Language of the bot's public messages": "Sprache der öffentlichen Nachrichten des Bots",
    "The language": "Die Sprache",
    "German": "Deutsch",
    "English": "Englisch",
    "timezone": "zeitzone",
    "Time zone for schedules and reports": "Zeitzone für Zeitpläne und Berichte",
    "zone": "zone",
    "An IANA time zone such as Europe/Berlin": "Eine IANA-Zeitzone wie Europe/Berlin",
}
