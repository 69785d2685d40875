"""Text of /schedule in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "schedule.created": {
        "en": "Schedule #{id} saved. Next runs: {runs}",
        "de": "Zeitplan #{id} gespeichert. Nächste Termine: {runs}",
    },
    "schedule.preview": {
        "en": "`{phrase}` ({zone}) runs: {runs}",
        "de": "`{phrase}` ({zone}) läuft: {runs}",
    },
    "schedule.never": {"en": "never", "de": "nie"},
    "schedule.none": {
        "en": "No schedules yet. Create one with `/schedule add`.",
        "de": "Noch keine Zeitpläne. Lege einen mit `/schedule add` an.",
    },
    "schedule.line": {
        "en": "#{id} · {kind} in {channel} · `{phrase}` · next: {runs}",
        "de": "#{id} · {kind} in {channel} · `{phrase}` · als Nächstes: {runs}",
    },
    "schedule.line_paused": {
        "en": "#{id} · {kind} in {channel} · `{phrase}` · ⏸ paused: {reason}",
        "de": "#{id} · {kind} in {channel} · `{phrase}` · ⏸ pausiert: {reason}",
    },
    "schedule.kind.announcement": {"en": "announcement", "de": "Ankündigung"},
    "schedule.kind.giveaway": {"en": "giveaway", "de": "Gewinnspiel"},
    "schedule.kind.contest": {"en": "contest", "de": "Wettbewerb"},
    "schedule.reason_feature": {
        "en": "the {kind} feature is not loaded",
        "de": "die Funktion {kind} ist nicht geladen",
    },
    "schedule.feature_missing": {
        "en": "That feature is not available on this bot.",
        "de": "Diese Funktion ist bei diesem Bot nicht verfügbar.",
    },
    "schedule.reminder": {
        "en": "⏰ Reminder: {what} {when}.",
        "de": "⏰ Erinnerung: {what} {when}.",
    },
    "schedule.paused": {"en": "Schedule #{id} is paused.", "de": "Zeitplan #{id} ist pausiert."},
    "schedule.resumed": {
        "en": "Schedule #{id} runs again; next: {runs}",
        "de": "Zeitplan #{id} läuft wieder; als Nächstes: {runs}",
    },
    "schedule.removed": {"en": "Schedule #{id} removed.", "de": "Zeitplan #{id} entfernt."},
    "schedule.ran": {
        "en": "Schedule #{id} ran now.",
        "de": "Zeitplan #{id} wurde jetzt ausgeführt.",
    },
    "schedule.unknown": {
        "en": "There is no schedule #{id} on this server.",
        "de": "Auf diesem Server gibt es keinen Zeitplan #{id}.",
    },
    "schedule.cannot_mention": {
        "en": "You may not mention {role} in that channel, so the schedule may not either.",
        "de": "Du darfst {role} in diesem Kanal nicht erwähnen, also darf es der Zeitplan auch nicht.",
    },
    "schedule.reason_manual": {"en": "paused by {moderator}", "de": "pausiert von {moderator}"},
    "schedule.reason_channel": {"en": "its channel was deleted", "de": "sein Kanal wurde gelöscht"},
    "schedule.reason_bot": {
        "en": "I can no longer post in {channel}",
        "de": "ich kann in {channel} nicht mehr posten",
    },
    "schedule.reason_creator": {
        "en": "its creator can no longer post in {channel} (or left)",
        "de": "wer ihn angelegt hat, kann in {channel} nicht mehr posten (oder ist gegangen)",
    },
    "schedule.bad_date": {
        "en": "`{value}` is not a date like 2026-12-24.",
        "de": "`{value}` ist kein Datum wie 2026-12-24.",
    },
    "schedule.paused_note": {
        "en": "⏸ Schedule #{id} (`{phrase}`) is paused: {reason}. Fix it and use `/schedule resume`.",
        "de": "⏸ Zeitplan #{id} (`{phrase}`) ist pausiert: {reason}. Behebe das und nutze `/schedule resume`.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "schedule": "zeitplan",
    "Recurring events": "Wiederkehrende Termine",
    "add": "hinzufuegen",
    "Post an announcement on a schedule": "Postet eine Ankündigung nach Zeitplan",
    "when": "wann",
    "e.g. every friday 18:00, jeden Freitag 18 Uhr, 0 18 * * FRI": "z. B. every friday 18:00, jeden Freitag 18 Uhr, 0 18 * * FRI",
    "text": "text",
    "What to post": "Was gepostet wird",
    "channel": "kanal",
    "Where to post": "Wo gepostet wird",
    "role": "rolle",
    "A role to ping (only this one)": "Eine Rolle, die erwähnt wird (nur diese)",
    "first_day": "erster_tag",
    "First day, e.g. 2026-12-01 (optional)": "Erster Tag, z. B. 2026-12-01 (optional)",
    "last_day": "letzter_tag",
    "Last day, e.g. 2027-03-31 (optional)": "Letzter Tag, z. B. 2027-03-31 (optional)",
    "giveaway": "gewinnspiel",
    "Start a giveaway on a schedule (Manage Server)": "Startet ein Gewinnspiel nach Zeitplan (Server verwalten)",
    "prize": "preis",
    "What can be won": "Was man gewinnen kann",
    "duration": "dauer",
    "How long each giveaway runs, e.g. 1d": "Wie lange jedes Gewinnspiel läuft, z. B. 1d",
    "winners": "gewinner",
    "Number of winners (1-20)": "Anzahl der Gewinner (1-20)",
    "contest": "wettbewerb",
    "Start a contest on a schedule (Manage Server)": "Startet einen Wettbewerb nach Zeitplan (Server verwalten)",
    "title": "titel",
    "The contest's title": "Der Titel des Wettbewerbs",
    "submission_time": "einreichzeit",
    "How long submissions are open, e.g. 3d": "Wie lange Einreichungen offen sind, z. B. 3d",
    "voting_time": "abstimmzeit",
    "How long voting is open after that, e.g. 2d": "Wie lange danach abgestimmt wird, z. B. 2d",
    "remind_before": "erinnern_vorher",
    "Post a reminder this long before each run, e.g. 1h (optional)": "Erinnert so lange vor jedem Termin, z. B. 1h (optional)",
    "preview": "vorschau",
    "Show the next five runs of a schedule phrase": "Zeigt die nächsten fünf Termine eines Zeitplans",
    "list": "liste",
    "Schedules of this server": "Zeitpläne dieses Servers",
    "pause": "pausieren",
    "Pause a schedule": "Pausiert einen Zeitplan",
    "schedule_id": "zeitplan",
    "The schedule": "Der Zeitplan",
    "resume": "fortsetzen",
    "Resume a paused schedule": "Setzt einen pausierten Zeitplan fort",
    "remove": "entfernen",
    "Remove a schedule": "Entfernt einen Zeitplan",
    "run-now": "jetzt-ausfuehren",
    "Run a schedule once now": "Führt einen Zeitplan jetzt einmal aus",
}
