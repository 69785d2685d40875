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
    "config.channel.suggestions": {"en": "Suggestions", "de": "Vorschläge"},
    "config.channel_set": {
        "en": "Channel for {purpose}: {channel}.",
        "de": "Kanal für {purpose}: {channel}.",
    },
    "config.channel_cleared": {
        "en": "No channel is set for {purpose} any more.",
        "de": "Für {purpose} ist kein Kanal mehr gesetzt.",
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
    "setup.title": {
        "en": "Setup · step {step} of {steps}",
        "de": "Einrichtung · Schritt {step} von {steps}",
    },
    "setup.intro": {
        "en": "Every choice here is saved at once. You can close this message at any time and run </setup> again: it shows what is set.",
        "de": "Jede Auswahl hier wird sofort gespeichert. Du kannst diese Nachricht jederzeit schließen und </setup> erneut aufrufen: Sie zeigt, was eingestellt ist.",
    },
    "setup.channels_intro": {
        "en": "Which channel is for what? I suggest channels I recognised by their names; **Next** accepts the suggestions.",
        "de": "Welcher Kanal ist wofür? Kanäle, die ich an ihrem Namen erkannt habe, schlage ich vor; **Weiter** übernimmt die Vorschläge.",
    },
    "setup.suggested": {"en": "{channel} (suggested)", "de": "{channel} (Vorschlag)"},
    "setup.unset": {"en": "not set", "de": "nicht gesetzt"},
    "setup.create_offer": {
        "en": "No channel fits yet for: {purposes}. **Create missing channels** makes them for you (the team's channels visible to the team only, announcements and welcome read-only for members).",
        "de": "Noch kein passender Kanal für: {purposes}. **Fehlende Kanäle anlegen** legt sie für dich an (Team-Kanäle nur fürs Team sichtbar, Ankündigungen und Willkommen für Mitglieder nur lesbar).",
    },
    "setup.create": {"en": "Create missing channels", "de": "Fehlende Kanäle anlegen"},
    "setup.cannot_create": {
        "en": "I cannot create channels here: I need the server permission **{permissions}**. Give it to my role, or pick existing channels.",
        "de": "Ich kann hier keine Kanäle anlegen: Mir fehlt die Serverberechtigung **{permissions}**. Gib sie meiner Rolle oder wähle vorhandene Kanäle.",
    },
    "setup.audit_reason": {
        "en": "Setup wizard, run by {user}",
        "de": "Einrichtungsassistent, ausgeführt von {user}",
    },
    "setup.locale_intro": {
        "en": "**Language** of the bot's public messages: {language}\n**Time zone** for schedules and reports: {zone}\nFor a zone that is not listed, choose the last entry and type its name (e.g. `Europe/Luxembourg`).",
        "de": "**Sprache** der öffentlichen Nachrichten: {language}\n**Zeitzone** für Zeitpläne und Berichte: {zone}\nFür eine Zone, die nicht in der Liste steht, wähle den letzten Eintrag und gib ihren Namen ein (z. B. `Europe/Luxembourg`).",
    },
    "setup.zone_other": {"en": "Another time zone…", "de": "Andere Zeitzone …"},
    "setup.zone_title": {"en": "Time zone", "de": "Zeitzone"},
    "setup.zone_label": {
        "en": "IANA name, e.g. Europe/Berlin",
        "de": "IANA-Name, z. B. Europe/Berlin",
    },
    "setup.roles_intro": {
        "en": "Members with these roles count as the server team (moderators) or as admins, in addition to Discord's own permissions.",
        "de": "Mitglieder mit diesen Rollen gehören zum Serverteam (Moderation) bzw. zu den Admins, zusätzlich zu Discords eigenen Berechtigungen.",
    },
    "setup.features_intro": {
        "en": "Switch features on or off. Each one says what it needs.",
        "de": "Schalte Funktionen ein oder aus. Bei jeder steht, was sie braucht.",
    },
    "setup.no_features": {
        "en": "No feature with a switch is loaded.",
        "de": "Keine Funktion mit Schalter ist geladen.",
    },
    "setup.feature_missing": {
        "en": "That feature is not loaded right now.",
        "de": "Diese Funktion ist gerade nicht geladen.",
    },
    "setup.on": {"en": "on", "de": "an"},
    "setup.off": {"en": "off", "de": "aus"},
    "setup.turn_on": {"en": "Switch on: {what}", "de": "Einschalten: {what}"},
    "setup.turn_off": {"en": "Switch off: {what}", "de": "Ausschalten: {what}"},
    "setup.back": {"en": "Back", "de": "Zurück"},
    "setup.next": {"en": "Next", "de": "Weiter"},
    "setup.finish": {"en": "Finish", "de": "Abschließen"},
    "setup.done_intro": {
        "en": "Here is what works now, and what is still missing:",
        "de": "Das funktioniert jetzt, und das fehlt noch:",
    },
    "setup.check_ok": {
        "en": "✅ **{purpose}** in {channel}: {works}",
        "de": "✅ **{purpose}** in {channel}: {works}",
    },
    "setup.check_missing": {
        "en": "⚠️ **{purpose}** in {channel}: I lack **{permissions}** there.",
        "de": "⚠️ **{purpose}** in {channel}: Mir fehlt dort **{permissions}**.",
    },
    "setup.check_unset": {
        "en": "⬜ **{purpose}**: no channel, so this stays off: {works}",
        "de": "⬜ **{purpose}**: kein Kanal, daher bleibt aus: {works}",
    },
    "setup.check_switch": {"en": "• {what}: {state}", "de": "• {what}: {state}"},
    "setup.check_server": {
        "en": "⚠️ Server-wide I still lack: **{permissions}** (some features cannot act without it).",
        "de": "⚠️ Serverweit fehlt mir noch: **{permissions}** (manche Funktionen können ohne das nicht handeln).",
    },
    "setup.works.modlog": {
        "en": "every moderation case, the review queue and raid alerts",
        "de": "jeder Moderationsfall, die Prüfwarteschlange und Raid-Warnungen",
    },
    "setup.works.reports": {
        "en": "statistics reports with charts",
        "de": "Statistikberichte mit Diagrammen",
    },
    "setup.works.feedback": {
        "en": "criticism and feedback from members, and their reports",
        "de": "Kritik und Feedback von Mitgliedern sowie ihre Meldungen",
    },
    "setup.works.qa": {"en": "Q&A rounds", "de": "Fragerunden"},
    "setup.works.announcements": {
        "en": "scheduled announcements and results",
        "de": "geplante Ankündigungen und Ergebnisse",
    },
    "setup.works.suggestions": {
        "en": "the public suggestions board with votes and discussion threads",
        "de": "das öffentliche Vorschlagsbrett mit Abstimmung und Diskussionsfäden",
    },
    "setup.works.welcome": {
        "en": "the welcome message for new members",
        "de": "die Begrüßung neuer Mitglieder",
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
    "Suggestions": "Vorschläge",
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
    "setup": "einrichtung",
    "Set the bot up in a few steps: channels, language, time zone, roles, features": "Richtet den Bot in wenigen Schritten ein: Kanäle, Sprache, Zeitzone, Rollen, Funktionen",
    "Set the server's time zone right away (optional)": "Legt gleich die Zeitzone des Servers fest (optional)",
}
