"""Everything the demo itself prints, in German and English (the bot's own texts come from the
bot)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # --- the steps ----------------------------------------------------------------------------
    "step.welcome.title": {"de": "Ein neues Mitglied", "en": "A new member"},
    "step.welcome.explain": {
        "de": "Jemand kommt neu auf den Server: der Bot begrüßt im Willkommenskanal und gibt die Mitgliederrolle.",
        "en": "Someone new joins the server: the bot greets them in the welcome channel and gives the member role.",
    },
    "step.insult.title": {"de": "Eine Beleidigung", "en": "An insult"},
    "step.insult.explain": {
        "de": "Das Sprachmodell erkennt eine Beleidigung und legt sie dem Team zur Prüfung vor; ein Moderator entscheidet.",
        "en": "The language model spots an insult and puts it before the team for review; a moderator decides.",
    },
    "step.criticism.title": {"de": "Sachliche Kritik", "en": "Civil criticism"},
    "step.criticism.explain": {
        "de": "Kritik im Chat bleibt stehen und landet als Kopie im Feedback-Eingang; das Team antwortet per DM.",
        "en": "Criticism in the chat stays where it is and is copied to the feedback inbox; the team answers by DM.",
    },
    "step.warning.title": {"de": "Verwarnung und Einspruch", "en": "A warning and an appeal"},
    "step.warning.explain": {
        "de": "Ein Moderator verwarnt, das Mitglied legt per Knopf Einspruch ein, eine zweite Moderatorin hebt den Fall auf.",
        "en": "A moderator warns, the member appeals with a button, a second moderator revokes the case.",
    },
    "step.qa.title": {"de": "Eine Fragerunde", "en": "A Q&A round"},
    "step.qa.explain": {
        "de": "Das Team öffnet eine Fragerunde: Mitglieder fragen und stimmen ab, der Gastgeber antwortet und schließt sie.",
        "en": "The team opens a Q&A round: members ask and vote, the host answers and closes it.",
    },
    "step.giveaway.title": {"de": "Ein Gewinnspiel", "en": "A giveaway"},
    "step.giveaway.explain": {
        "de": "Fünf Mitglieder machen mit und bekommen Belege; die Ziehung wird mit einem unabhängigen Prüfskript nachgerechnet.",
        "en": "Five members enter and get receipts; the draw is recomputed with an independent checking script.",
    },
    "step.contest.title": {"de": "Ein Wettbewerb", "en": "A contest"},
    "step.contest.explain": {
        "de": "Beiträge einreichen, einen Tag später abstimmen, noch einen Tag später das Ergebnis (die Demo springt in der Zeit).",
        "en": "Entries are submitted, a day later voting opens, another day later the results (the demo jumps in time).",
    },
    "step.report.title": {"de": "Der Wochenbericht", "en": "The weekly report"},
    "step.report.explain": {
        "de": "Die letzten sieben Tage mit Diagramm: derselbe Bericht, den der Bot jede Woche in den Berichtskanal stellt.",
        "en": "The last seven days with a chart: the same report the bot posts to the reports channel every week.",
    },
    "step.announcement.title": {
        "de": "Eine wiederkehrende Ankündigung",
        "en": "A recurring announcement",
    },
    "step.announcement.explain": {
        "de": "Ein Moderator plant den Spieleabend für jeden Freitag und lässt ihn einmal sofort laufen.",
        "en": "A moderator schedules game night for every Friday and runs it once right away.",
    },
    "step.mydata.title": {"de": "Meine Daten", "en": "My data"},
    "step.mydata.explain": {
        "de": "Ein Mitglied lädt mit /mydata export alles herunter, was der Bot über es speichert.",
        "en": "A member downloads everything the bot stores about them with /mydata export.",
    },
    # --- transcript lines ---------------------------------------------------------------------
    "joins": {"de": "➕ {name} tritt {server} bei.", "en": "➕ {name} joins {server}."},
    "got_role": {
        "de": "   ✔ {name} hat jetzt die Rolle {role}.",
        "en": "   ✔ {name} now has the role {role}.",
    },
    "review_closed": {
        "de": "   ✔ Die Nachricht ist gelöscht, der Prüffall geschlossen:",
        "en": "   ✔ The message is deleted, the review item closed:",
    },
    "verified": {
        "de": "✔ scripts/verify_giveaway.py rechnet die Ziehung nach: Gewinnerbeleg {receipts} – stimmt mit der Ankündigung überein.",
        "en": "✔ scripts/verify_giveaway.py recomputes the draw: winning receipt {receipts} – it matches the announcement.",
    },
    "time_jump": {
        "de": "⏩ Zeitsprung: ein Tag vergeht. Die Demo hält den Bot an, verlegt die Frist des Wettbewerbs in dessen Datenbank auf jetzt und startet ihn wieder; der Bot holt nach, was fällig ist.",
        "en": "⏩ Time jump: a day passes. The demo stops the bot, moves the contest's deadline in its database to now and starts it again; the bot catches up on what is due.",
    },
    "export_parts": {
        "de": "   ✔ Die Datei enthält: {parts}",
        "en": "   ✔ The file contains: {parts}",
    },
    "private": {"de": " (nur für diese Person sichtbar)", "en": " (only they see it)"},
    # --- what a step waited for ---------------------------------------------------------------
    "expect.unexpected": {
        "de": "dass der Schritt ohne Fehler durchläuft ({error})",
        "en": "the step to run without an error ({error})",
    },
    "expect.answer": {"de": "eine Antwort des Bots", "en": "an answer from the bot"},
    "expect.welcome": {
        "de": "eine Begrüßung für {name} im Willkommenskanal",
        "en": "a welcome for {name} in the welcome channel",
    },
    "expect.role": {"de": "die Mitgliederrolle für {name}", "en": "the member role for {name}"},
    "expect.review": {
        "de": "einen Prüffall mit vier Knöpfen im Moderationslog",
        "en": "a review item with four buttons in the moderation log",
    },
    "expect.kept": {
        "de": "dass die Nachricht bis zur Entscheidung stehen bleibt",
        "en": "the message to stay until a decision",
    },
    "expect.decided": {
        "de": "die Bestätigung der Entscheidung",
        "en": "the decision to be confirmed",
    },
    "expect.deleted": {"de": "dass die Nachricht gelöscht wird", "en": "the message to be deleted"},
    "expect.closed": {
        "de": "dass der Prüffall geschlossen wird",
        "en": "the review item to be closed",
    },
    "expect.inbox": {
        "de": "eine Kopie der Kritik im Feedback-Eingang",
        "en": "a copy of the criticism in the feedback inbox",
    },
    "expect.form": {"de": "ein Formular", "en": "a form"},
    "expect.delivered": {
        "de": "die Bestätigung, dass die Antwort zugestellt wurde",
        "en": "confirmation that the answer was delivered",
    },
    "expect.dm": {"de": "eine DM an {name}", "en": "a DM to {name}"},
    "expect.appeal": {"de": "die Bestätigung des Einspruchs", "en": "the appeal to be confirmed"},
    "expect.appeal_post": {
        "de": "den Einspruch im Moderationslog",
        "en": "the appeal in the moderation log",
    },
    "expect.qa_started": {"de": "die eröffnete Fragerunde", "en": "the round to open"},
    "expect.asked": {"de": "die Bestätigung der Frage", "en": "the question to be confirmed"},
    "expect.question": {
        "de": "die Frage mit Abstimmknopf",
        "en": "the question with its vote button",
    },
    "expect.voted": {"de": "die Bestätigung der Stimme", "en": "the vote to be confirmed"},
    "expect.answered": {"de": "die veröffentlichte Antwort", "en": "the answer to be posted"},
    "expect.qa_ended": {"de": "das Ende der Fragerunde", "en": "the round to close"},
    "expect.summary": {"de": "die Zusammenfassung der Fragerunde", "en": "the round's summary"},
    "expect.giveaway": {"de": "das gestartete Gewinnspiel", "en": "the giveaway to start"},
    "expect.receipt": {"de": "einen Beleg für die Teilnahme", "en": "a receipt for the entry"},
    "expect.draw": {
        "de": "die Ziehung mit Zufallswert und Liste",
        "en": "the draw with its seed and list",
    },
    "expect.verified": {
        "de": "dieselben Gewinner beim Nachrechnen",
        "en": "the same winners when recomputed",
    },
    "expect.contest": {"de": "den erstellten Wettbewerb", "en": "the contest to be created"},
    "expect.submitted": {"de": "den eingereichten Beitrag", "en": "the entry to be submitted"},
    "expect.voting": {"de": "die eröffnete Abstimmung", "en": "voting to open"},
    "expect.results": {"de": "die Ergebnisse des Wettbewerbs", "en": "the contest's results"},
    "expect.chart": {"de": "einen Bericht mit Diagramm", "en": "a report with a chart"},
    "expect.report": {"de": "den Bericht", "en": "the report"},
    "expect.schedule": {"de": "den gespeicherten Zeitplan", "en": "the schedule to be saved"},
    "expect.announcement": {
        "de": "die Ankündigung im Ankündigungskanal",
        "en": "the announcement in the announcements channel",
    },
    "expect.export": {
        "de": "eine JSON-Datei mit den eigenen Daten",
        "en": "a JSON file with the member's data",
    },
    # --- the command line ---------------------------------------------------------------------
    "starting": {"de": "Die Demo startet …", "en": "Starting the demo …"},
    "building": {
        "de": "Baue den Demo-Server „{server}“ mit {people} Mitgliedern und drei Wochen Vorgeschichte …",
        "en": "Building the demo server “{server}” with {people} members and three weeks of history …",
    },
    "restored": {
        "de": "Der Demo-Server „{server}“ ist wieder da (--reset fängt neu an).",
        "en": "The demo server “{server}” is back (--reset starts afresh).",
    },
    "other_lang": {
        "de": "Dieser Demo-Server ist {language}; für einen neuen in der anderen Sprache: --reset.",
        "en": "This demo server is in {language}; for a new one in the other language: --reset.",
    },
    "bot_starting": {
        "de": "Starte den Bot (Protokoll: {log}) …",
        "en": "Starting the bot (log: {log}) …",
    },
    "configuring": {
        "de": "{name} (Admin) richtet den Bot mit seinen eigenen Befehlen ein …",
        "en": "{name} (admin) sets the bot up with its own commands …",
    },
    "ready": {
        "de": "Bereit: der Bot läuft auf dem Demo-Server „{server}“ (lokal, ohne Token und ohne Netz).",
        "en": "Ready: the bot runs on the demo server “{server}” (local, no token, no network).",
    },
    "no_web": {
        "de": "Die Web-Ansicht ist in dieser Version noch nicht verfügbar. Die Demo läuft weiter; Strg+C beendet sie.",
        "en": "The web view is not available in this version yet. The demo keeps running; Ctrl+C stops it.",
    },
    "tour_in_browser": {
        "de": "Der Rundgang läuft in der Web-Ansicht: dort geht es Schritt für Schritt weiter.",
        "en": "The tour runs in the web view: go on step by step there.",
    },
    "stopping": {"de": "Beende die Demo …", "en": "Stopping the demo …"},
    "stopped": {
        "de": "Die Demo ist beendet; beim nächsten Start geht es hier weiter.",
        "en": "The demo has stopped; the next start continues from here.",
    },
    "stopped_early": {"de": "Die Demo ist beendet.", "en": "The demo has stopped."},
    "tour_intro": {
        "de": "Rundgang: eine Woche auf „{server}“ in {count} Schritten.",
        "en": "Tour: a week on “{server}” in {count} steps.",
    },
    "step_head": {
        "de": "Schritt {number}/{count}: {title}",
        "en": "Step {number}/{count}: {title}",
    },
    "step_ok": {
        "de": "✅ Schritt {number} gelungen ({seconds} s).",
        "en": "✅ Step {number} done ({seconds} s).",
    },
    "step_failed": {
        "de": "❌ Schritt {number} fehlgeschlagen. Erwartet: {expected}",
        "en": "❌ Step {number} failed. Expected: {expected}",
    },
    "files": {"de": "   Dateien: {files}", "en": "   Files: {files}"},
    "press_enter": {
        "de": "Weiter mit Enter (q beendet den Rundgang) ",
        "en": "Press Enter to go on (q ends the tour) ",
    },
    "tour_done": {
        "de": "Rundgang beendet: {ok} von {count} Schritten gelungen.",
        "en": "Tour finished: {ok} of {count} steps done.",
    },
    "failed_start": {
        "de": "Die Demo konnte nicht starten: {reason}",
        "en": "The demo could not start: {reason}",
    },
    "not_demo_folder": {
        "de": (
            "„{path}“ ist kein Ordner der Demo (er ist nicht leer, und es fehlen demo.json und"
            " world/). Die Demo löscht und überschreibt dort nichts; nimm einen leeren oder"
            " neuen Ordner."
        ),
        "en": (
            "“{path}” is not a demo folder (it is not empty and has no demo.json or world/)."
            " The demo deletes and overwrites nothing there; use an empty or new folder."
        ),
    },
    "bot_failed": {
        "de": "der Bot ist nicht gestartet; sein Protokoll steht in {log}",
        "en": "the bot did not start; its log is in {log}",
    },
    "lang_name.de": {"de": "deutsch", "en": "German"},
    "lang_name.en": {"de": "englisch", "en": "English"},
}


def say(lang: str, key: str, **params: object) -> str:
    """The demo's text ``key`` in ``lang`` (``de`` or ``en``), placeholders filled in."""
    entry = TEXTS[key]
    return entry.get(lang, entry["en"]).format(**params)


line = say
