"""Text of /schedule in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "schedule.created": {
        "en": "Schedule #{id} saved: {reading}. Next runs: {runs}",
        "de": "Zeitplan #{id} gespeichert: {reading}. Nächste Termine: {runs}",
    },
    "schedule.preview": {
        "en": "`{phrase}` ({zone}) is read as: **{reading}**. Runs: {runs}",
        "de": "`{phrase}` ({zone}) verstanden als: **{reading}**. Termine: {runs}",
    },
    # how a phrase was read (bot/recurrence.py describe)
    "schedule.rule.daily": {"en": "every day at {time}", "de": "täglich um {time}"},
    "schedule.rule.weekdays": {
        "en": "every weekday (Monday to Friday) at {time}",
        "de": "werktags (Montag bis Freitag) um {time}",
    },
    "schedule.rule.weekly": {"en": "every {days} at {time}", "de": "jeden {days} um {time}"},
    "schedule.rule.every_weeks": {
        "en": "every {weeks} weeks on {days} at {time}",
        "de": "alle {weeks} Wochen {days} um {time}",
    },
    "schedule.rule.monthly_weekday": {
        "en": "monthly on the {nth} {day} at {time}",
        "de": "monatlich am {nth} {day} um {time}",
    },
    "schedule.rule.monthly_day": {
        "en": "monthly on day {day} at {time}",
        "de": "monatlich am {day}. um {time}",
    },
    "schedule.rule.cron": {
        "en": "as cron expression `{cron}` (minute hour day month weekday)",
        "de": "als Cron-Ausdruck `{cron}` (Minute Stunde Tag Monat Wochentag)",
    },
    "schedule.rule.from": {"en": "{rule}, from {day}", "de": "{rule}, ab {day}"},
    "schedule.and": {"en": "and", "de": "und"},
    "schedule.nth.1": {"en": "first", "de": "ersten"},
    "schedule.nth.2": {"en": "second", "de": "zweiten"},
    "schedule.nth.3": {"en": "third", "de": "dritten"},
    "schedule.nth.4": {"en": "fourth", "de": "vierten"},
    "schedule.nth.last": {"en": "last", "de": "letzten"},
    "schedule.day.0": {"en": "Monday", "de": "Montag"},
    "schedule.day.1": {"en": "Tuesday", "de": "Dienstag"},
    "schedule.day.2": {"en": "Wednesday", "de": "Mittwoch"},
    "schedule.day.3": {"en": "Thursday", "de": "Donnerstag"},
    "schedule.day.4": {"en": "Friday", "de": "Freitag"},
    "schedule.day.5": {"en": "Saturday", "de": "Samstag"},
    "schedule.day.6": {"en": "Sunday", "de": "Sonntag"},
    # "alle 2 Wochen freitags", "every 2 weeks on Friday"
    "schedule.on_day.0": {"en": "Monday", "de": "montags"},
    "schedule.on_day.1": {"en": "Tuesday", "de": "dienstags"},
    "schedule.on_day.2": {"en": "Wednesday", "de": "mittwochs"},
    "schedule.on_day.3": {"en": "Thursday", "de": "donnerstags"},
    "schedule.on_day.4": {"en": "Friday", "de": "freitags"},
    "schedule.on_day.5": {"en": "Saturday", "de": "samstags"},
    "schedule.on_day.6": {"en": "Sunday", "de": "sonntags"},
    "schedule.never": {"en": "never", "de": "nie"},
    "schedule.never_runs": {
        "en": "{phrase} would never run (within the first and last day, if given). Nothing was saved.",
        "de": "{phrase} würde nie laufen (auch nicht zwischen erstem und letztem Tag, falls angegeben). Es wurde nichts gespeichert.",
    },
    "schedule.too_often": {
        "en": "That would post more often than every {minutes} minutes. Nothing was saved; choose a longer interval.",
        "de": "Das würde öfter als alle {minutes} Minuten posten. Es wurde nichts gespeichert; wähl einen längeren Abstand.",
    },
    "schedule.first_after_last": {
        "en": "The first day is after the last day. Nothing was saved.",
        "de": "Der erste Tag liegt nach dem letzten Tag. Es wurde nichts gespeichert.",
    },
    "schedule.none": {
        "en": "No schedules yet. Create one with </schedule add>.",
        "de": "Noch keine Zeitpläne. Lege einen mit </schedule add> an.",
    },
    "schedule.line": {
        "en": "#{id} · {kind} in {channel} · `{phrase}` ({reading}) · next: {runs}",
        "de": "#{id} · {kind} in {channel} · `{phrase}` ({reading}) · als Nächstes: {runs}",
    },
    "schedule.line_paused": {
        "en": "#{id} · {kind} in {channel} · `{phrase}` ({reading}) · ⏸ paused: {reason}",
        "de": "#{id} · {kind} in {channel} · `{phrase}` ({reading}) · ⏸ pausiert: {reason}",
    },
    "schedule.kind.announcement": {"en": "announcement", "de": "Ankündigung"},
    "schedule.declined_note": {
        "en": "Schedule #{id} (`{phrase}`) did not run this time: {reason}",
        "de": "Zeitplan #{id} (`{phrase}`) ist diesmal nicht gelaufen: {reason}",
    },
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
    "schedule.already_ran": {
        "en": "This occurrence has already run.",
        "de": "Dieser Termin wurde schon ausgeführt.",
    },
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
        "en": "⏸ Schedule #{id} (`{phrase}`) is paused: {reason}. Fix it and use </schedule resume>.",
        "de": "⏸ Zeitplan #{id} (`{phrase}`) ist pausiert: {reason}. Behebe das und nutze </schedule resume>.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "schedule": "zeitplan",
    "Recurring events": "Wiederkehrende Termine",
    "add": "hinzufügen",
    "Post an announcement on a schedule": "Postet eine Ankündigung nach Zeitplan",
    "when": "wann",
    "e.g. every friday 18:00, jeden Freitag 18 Uhr, 0 18 * * FRI": "z. B. jeden Freitag 18 Uhr, täglich 9:00 oder 0 18 * * 5",
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
    "run-now": "jetzt-ausführen",
    "Run a schedule once now": "Führt einen Zeitplan jetzt einmal aus",
}
