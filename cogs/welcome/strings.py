"""Text of the welcome in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "stats.welcome_default": {
        "en": "Welcome to **{server}**, {member}! You are member number {member_count}.",
        "de": "Willkommen auf **{server}**, {member}! Du bist Mitglied Nummer {member_count}.",
    },
    "stats.welcome_unknown": {
        "en": "I do not know {placeholders}. You can use {known}.",
        "de": "{placeholders} kenne ich nicht. Du kannst {known} verwenden.",
    },
    "stats.welcome_role_unusable": {
        "en": "{role} cannot be given: it must be below my highest role and yours, and not a managed role.",
        "de": "{role} kann nicht vergeben werden: Sie muss unter meiner und deiner höchsten Rolle liegen und darf keine verwaltete Rolle sein.",
    },
    "stats.welcome_role_risky": {
        "en": "{role} has risky permissions (**{permissions}**) and would give them to everyone who joins. Only an administrator can choose such a role.",
        "de": "{role} hat heikle Berechtigungen (**{permissions}**) und würde sie allen geben, die beitreten. Nur eine Administratorin oder ein Administrator kann so eine Rolle wählen.",
    },
    "stats.welcome_show": {
        "en": "**Welcome:** {enabled} · channel {channel} · role {role}\nPreview:",
        "de": "**Willkommen:** {enabled} · Kanal {channel} · Rolle {role}\nVorschau:",
    },
    "welcome.yes": {"en": "yes", "de": "ja"},
    "welcome.no": {"en": "no", "de": "nein"},
    "welcome.no_channel": {
        "en": "(no channel set: </config channel>)",
        "de": "(kein Kanal gesetzt: </config channel>)",
    },
    "welcome.switch": {"en": "Welcome message", "de": "Begrüßung"},
    "welcome.switch_hint": {
        "en": "Greets each new member in the welcome channel (text and role: </welcome settings>).",
        "de": "Begrüßt jedes neue Mitglied im Willkommenskanal (Text und Rolle: </welcome settings>).",
    },
    "welcome.switch_needs_channel": {
        "en": "Choose a welcome channel first (step 2 of the setup), then switch the welcome on.",
        "de": "Wähle zuerst einen Willkommenskanal (Schritt 2 der Einrichtung), dann schalte die Begrüßung ein.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "welcome": "willkommen",
    "Welcome message and role for new members": "Willkommensnachricht und Rolle für neue Mitglieder",
    "settings": "einstellungen",
    "Turn the welcome on or off, set its text and role": "Begrüßung ein- oder ausschalten, Text und Rolle festlegen",
    "enabled": "aktiv",
    "Greet new members": "Neue Mitglieder begrüßen",
    "message": "nachricht",
    "Text with {member}, {member_name}, {server}, {member_count}": "Text mit {member}, {member_name}, {server}, {member_count}",
    "role": "rolle",
    "A role new members get (after Membership Screening, if on)": "Rolle für neue Mitglieder (nach der Regelbestätigung, falls aktiv)",
    "clear_role": "rolle_entfernen",
    "Stop giving a role": "Keine Rolle mehr vergeben",
    "preview": "vorschau",
    "Show the welcome message as a new member would see it": "Zeigt die Begrüßung so, wie ein neues Mitglied sie sieht",
}
