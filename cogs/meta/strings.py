"""Text of /help and /status in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "help.title": {"en": "What I can do", "de": "Was ich kann"},
    "help.intro": {
        "en": "I help this server's team keep the community friendly and lively: moderation that explains itself, a feedback inbox, Q&A rounds, fair giveaways and contests, and reports.",
        "de": "Ich helfe dem Team dieses Servers, die Community freundlich und lebendig zu halten: Moderation, die sich erklärt, ein Feedback-Eingang, Fragerunden, faire Gewinnspiele und Wettbewerbe sowie Berichte.",
    },
    "help.audience.member": {"en": "For everyone", "de": "Für alle"},
    "help.audience.team": {"en": "For the server team", "de": "Fürs Serverteam"},
    "help.audience.admin": {"en": "For admins", "de": "Für Admins"},
    "help.feature.meta": {"en": "Help and status", "de": "Hilfe und Status"},
    "help.feature.qa": {"en": "Q&A rounds and FAQ", "de": "Fragerunden und FAQ"},
    "help.feature.giveaways": {"en": "Giveaways", "de": "Gewinnspiele"},
    "help.feature.contests": {"en": "Contests", "de": "Wettbewerbe"},
    "help.feature.feedback": {"en": "Feedback and reports", "de": "Feedback und Meldungen"},
    "help.feature.stats": {"en": "Statistics", "de": "Statistik"},
    "help.feature.privacy": {"en": "Your data", "de": "Deine Daten"},
    "help.feature.cases": {
        "en": "Cases and strike points",
        "de": "Fälle und Strafpunkte",
    },
    "help.feature.moderation": {"en": "Moderation", "de": "Moderation"},
    "help.feature.automod": {"en": "Auto-moderation", "de": "Auto-Moderation"},
    "help.feature.schedules": {"en": "Schedules", "de": "Zeitpläne"},
    "help.feature.welcome": {"en": "Welcome", "de": "Begrüßung"},
    "help.feature.config": {"en": "Setup and settings", "de": "Einrichtung und Einstellungen"},
    "help.privacy": {
        "en": "See or delete what I store about you: </mydata export> and </mydata forget>.",
        "de": "Sieh dir an oder lösche, was ich über dich speichere: </mydata export> und </mydata forget>.",
    },
    "status.title": {"en": "Bot status", "de": "Bot-Status"},
    "status.version": {"en": "Version", "de": "Version"},
    "status.uptime": {"en": "Running since", "de": "Läuft seit"},
    "status.latency": {
        "en": "Latency to Discord",
        "de": "Latenz zu Discord",
    },
    "status.latency_value": {"en": "{ms} ms", "de": "{ms} ms"},
    "status.database": {"en": "Database size", "de": "Datenbankgröße"},
    "status.database_value": {
        "en": "{size} MB (schema {schema})",
        "de": "{size} MB (Schema {schema})",
    },
    "status.backup": {"en": "Last backup", "de": "Letzte Sicherung"},
    "status.backup_never": {"en": "none yet", "de": "noch keine"},
    "status.jobs": {"en": "Scheduled jobs", "de": "Geplante Aufgaben"},
    "status.jobs_value": {
        "en": "{count} pending, next {next}",
        "de": "{count} ausstehend, nächste {next}",
    },
    "status.jobs_none": {"en": "none pending", "de": "keine ausstehend"},
    "status.features": {"en": "Features", "de": "Funktionen"},
    "status.feature_failed": {"en": "failed to load", "de": "konnte nicht geladen werden"},
}

COMMANDS_DE: dict[str, str] = {
    "help": "hilfe",
    "What this bot does and which commands you can use": "Was dieser Bot macht und welche Befehle du nutzen kannst",
    "status": "status",
    "Bot health for the server team: uptime, latency, database, backups, jobs": "Zustand des Bots für das Serverteam: Laufzeit, Latenz, Datenbank, Sicherungen, Aufgaben",
}
