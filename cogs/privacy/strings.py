"""Text of /mydata in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "mydata.export_ready": {
        "en": "Here is everything I store about you, from every server you share with me, as a JSON file (kinds of data: {sources}, records: {records}). Only you can see this.",
        "de": "Hier ist alles, was ich über dich speichere, aus allen Servern, die du mit mir teilst, als JSON-Datei (Datenarten: {sources}, Einträge: {records}). Nur du siehst das.",
    },
    "mydata.forget_confirm": {
        "en": "This deletes everything I store about you on every server I serve ({sources}). It cannot be undone. Are you sure?",
        "de": "Damit lösche ich alles, was ich über dich speichere, auf allen Servern, die ich betreue ({sources}). Das lässt sich nicht rückgängig machen. Bist du sicher?",
    },
    "mydata.forget_button": {"en": "Delete my data", "de": "Meine Daten löschen"},
    "mydata.export_about": {
        "en": "Everything this bot (this installation) stores about you, from every server you share with it, not only the one where you asked: it is your data. Sent only to you.",
        "de": "Alles, was dieser Bot (diese Installation) über dich speichert, aus allen Servern, die du mit ihm teilst, nicht nur aus dem, in dem du gefragt hast: Es sind deine Daten. Nur an dich geschickt.",
    },
    "mydata.backup": {"en": "backups", "de": "Sicherungen"},
    "mydata.forget_done.one": {
        "en": "Done: 1 record deleted or anonymised.",
        "de": "Erledigt: 1 Eintrag gelöscht oder anonymisiert.",
    },
    "mydata.forget_done.other": {
        "en": "Done: {count} records deleted or anonymised.",
        "de": "Erledigt: {count} Einträge gelöscht oder anonymisiert.",
    },
    "mydata.forget_partial": {
        "en": "Records deleted: {records}. But these parts failed: {failed}. Please try again later or tell the team.",
        "de": "Gelöschte Einträge: {records}. Diese Teile schlugen aber fehl: {failed}. Bitte versuch es später noch einmal oder sag dem Team Bescheid.",
    },
    "mydata.source.activity": {
        "en": "Daily counts of your activity per server (no message content).",
        "de": "Tägliche Zahlen deiner Aktivität pro Server (ohne Nachrichteninhalt).",
    },
    "mydata.source.appeals": {
        "en": "Your appeals against moderation cases and their outcome.",
        "de": "Deine Einsprüche gegen Moderationsfälle und wie sie entschieden wurden.",
    },
    "mydata.source.contests": {
        "en": "Your contest entries and votes.",
        "de": "Deine Wettbewerbsbeiträge und Stimmen.",
    },
    "mydata.source.feedback": {
        "en": "Feedback you sent, your criticism copied to the team's inbox, your conversations with the team about them, the team's questions whether one may become a public suggestion, and reports you made.",
        "de": "Feedback, das du geschickt hast, deine Kritik im Feedback-Eingang des Teams, deine Gespräche mit dem Team darüber, die Fragen des Teams, ob daraus ein öffentlicher Vorschlag werden darf, und deine Meldungen.",
    },
    "mydata.source.giveaways": {
        "en": "Your giveaway entries and receipts (winners stay on the published result).",
        "de": "Deine Teilnahmen an Gewinnspielen und deine Belege (Gewinner bleiben im veröffentlichten Ergebnis).",
    },
    "mydata.source.moderation_cases": {
        "en": "Moderation actions concerning you (kept for the server's safety; forgetting removes the quoted message excerpts, not the record of the action).",
        "de": "Moderationsmaßnahmen, die dich betreffen (bleiben zur Sicherheit des Servers; Vergessen entfernt die zitierten Nachrichtenausschnitte, nicht den Eintrag der Maßnahme).",
    },
    "mydata.source.outbox": {
        "en": "Messages to you or naming you that the bot still has to post (kept 7 days after).",
        "de": "Nachrichten an dich oder mit deinem Namen, die der Bot noch posten muss (danach 7 Tage aufbewahrt).",
    },
    "mydata.source.qa": {
        "en": "Your Q&A questions, answers and votes, rounds you hosted, your FAQ entries and ratings.",
        "de": "Deine Fragen, Antworten und Stimmen in Fragerunden, Runden, die du geleitet hast, deine FAQ-Einträge und Bewertungen.",
    },
    "mydata.source.review_items": {
        "en": "Messages of yours flagged for the moderators' review, with your words (erased 30 days after the decision) and the decision.",
        "de": "Deine Nachrichten, die zur Prüfung durch das Team markiert wurden, mit deinem Wortlaut (30 Tage nach der Entscheidung gelöscht) und der Entscheidung.",
    },
    "mydata.source.statistics": {
        "en": "Daily counts of your messages and reactions per channel (no content), your joins and the invite used, your statistics privacy settings.",
        "de": "Tägliche Zahlen deiner Nachrichten und Reaktionen pro Kanal (ohne Inhalt), deine Beitritte und die genutzte Einladung, deine Privatsphäre-Einstellungen der Statistik.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "mydata": "meinedaten",
    "See or delete what this bot stores about you": "Ansehen oder löschen, was dieser Bot über dich speichert",
    "export": "exportieren",
    "Get a file with everything stored about you": "Eine Datei mit allem, was über dich gespeichert ist",
    "forget": "vergessen",
    "Delete everything stored about you (asks first)": "Löscht alles, was über dich gespeichert ist (fragt vorher)",
}
