"""Text of /case, /cases and /mystatus in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "cases.not_found": {
        "en": "There is no case #{number} on this server.",
        "de": "Auf diesem Server gibt es keinen Fall #{number}.",
    },
    "cases.none": {"en": "{member} has no cases.", "de": "{member} hat keine Fälle."},
    "cases.list_title": {"en": "Cases of {member}", "de": "Fälle von {member}"},
    "cases.list_line": {
        "en": "#{number} · {action} · {when}{rule} · {reason}",
        "de": "#{number} · {action} · {when}{rule} · {reason}",
    },
    "cases.points": {"en": "Active strike points: {points}", "de": "Aktive Strafpunkte: {points}"},
    "cases.reason_updated": {
        "en": "The reason of case #{number} is updated.",
        "de": "Der Grund von Fall #{number} ist aktualisiert.",
    },
    "mystatus.title": {"en": "Your status on this server", "de": "Dein Status auf diesem Server"},
    "mystatus.points": {"en": "Strike points", "de": "Strafpunkte"},
    "mystatus.points_value": {"en": "{points} active", "de": "{points} aktiv"},
    "mystatus.expiry": {
        "en": "{points} point(s) expire {when}",
        "de": "{points} Punkt(e) verfallen {when}",
    },
    "mystatus.timeout": {"en": "Timeout", "de": "Timeout"},
    "mystatus.timeout_until": {"en": "until {when}", "de": "bis {when}"},
    "mystatus.no_timeout": {"en": "none", "de": "keins"},
    "mystatus.recent": {"en": "Recent cases", "de": "Letzte Fälle"},
    "mystatus.clean": {
        "en": "No cases. Thank you for keeping it friendly!",
        "de": "Keine Fälle. Danke, dass du es freundlich hältst!",
    },
    "audit.reason_missing": {
        "en": "(no reason given in Discord)",
        "de": "(in Discord kein Grund angegeben)",
    },
}

COMMANDS_DE: dict[str, str] = {
    "case": "fall",
    "Moderation cases": "Moderationsfälle",
    "show": "anzeigen",
    "Show a case": "Zeigt einen Fall",
    "number": "nummer",
    "The case number": "Die Fallnummer",
    "reason": "grund",
    "Change the reason of a case": "Ändert den Grund eines Falls",
    "The new reason": "Der neue Grund",
    "cases": "faelle",
    "List the cases of a member": "Listet die Fälle eines Mitglieds",
    "member": "mitglied",
    "The member": "Das Mitglied",
    "mystatus": "meinstatus",
    "Your strike points, their expiry and any timeout (only you see it)": "Deine Strafpunkte, ihr Verfall und ein Timeout (nur du siehst es)",
}
