"""Text of /mydata in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "mydata.export_ready": {
        "en": "Here is everything I store about you, from every server you share with me, as a JSON file ({sources} kinds of data, {records} records). Only you can see this.",
        "de": "Hier ist alles, was ich über dich speichere, aus allen Servern, die du mit mir teilst, als JSON-Datei ({sources} Datenarten, {records} Einträge). Nur du siehst das.",
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
    "mydata.forget_done": {
        "en": "Done: {records} records deleted or anonymised.",
        "de": "Erledigt: {records} Einträge gelöscht oder anonymisiert.",
    },
    "mydata.forget_partial": {
        "en": "Deleted {records} records, but these parts failed: {failed}. Please try again later or tell the server team.",
        "de": "{records} Einträge gelöscht, aber diese Teile schlugen fehl: {failed}. Bitte versuch es später noch einmal oder sag dem Serverteam Bescheid.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "mydata": "meinedaten",
    "See or delete what this bot stores about you": "Sieh an oder lösche, was dieser Bot über dich speichert",
    "export": "exportieren",
    "Get a file with everything stored about you": "Erhalte eine Datei mit allem, was über dich gespeichert ist",
    "forget": "vergessen",
    "Delete everything stored about you (asks first)": "Löscht alles, was über dich gespeichert ist (fragt vorher)",
}
