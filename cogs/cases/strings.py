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
    "cases.overview_review": {
        "en": "Waiting for review (oldest first)",
        "de": "Wartet auf Prüfung (älteste zuerst)",
    },
    "cases.overview_points": {
        "en": "Members with active strike points",
        "de": "Mitglieder mit aktiven Strafpunkten",
    },
    "cases.no_reviews": {
        "en": "Nothing waits for review.",
        "de": "Nichts wartet auf Prüfung.",
    },
    "cases.no_points": {
        "en": "Nobody has active strike points.",
        "de": "Niemand hat aktive Strafpunkte.",
    },
    "cases.review_line": {
        "en": "**#{number}** · {member} · {rule} · {when}{link} {words}",
        "de": "**#{number}** · {member} · {rule} · {when}{link} {words}",
    },
    "cases.points_line": {"en": "{member}: {points}", "de": "{member}: {points}"},
    "cases.view.review": {"en": "Waiting for review", "de": "Wartet auf Prüfung"},
    "cases.view.points": {"en": "Active strike points", "de": "Aktive Strafpunkte"},
    "mystatus.title": {"en": "Your status on this server", "de": "Dein Status auf diesem Server"},
    "mystatus.points": {"en": "Strike points", "de": "Strafpunkte"},
    "mystatus.points_value": {"en": "{points} active", "de": "{points} aktiv"},
    "mystatus.expiry.one": {
        "en": "1 point expires {when}",
        "de": "1 Punkt verfällt {when}",
    },
    "mystatus.expiry.other": {
        "en": "{count} points expire {when}",
        "de": "{count} Punkte verfallen {when}",
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
    "cases": "fälle",
    "What waits for review, who has strike points, or the cases of one member": "Was auf Prüfung wartet, wer Strafpunkte hat, oder die Fälle eines Mitglieds",
    "The member (leave empty for the overview)": "Das Mitglied (leer lassen für die Übersicht)",
    "member": "mitglied",
    "The member": "Das Mitglied",
    "mystatus": "meinstatus",
    "Your strike points, their expiry and any timeout (only you see it)": "Deine Strafpunkte, ihr Verfall und ein Timeout (nur du siehst es)",
}
