"""German and English text of the case log and member notices."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "case.title": {"en": "Case #{number} · {action}", "de": "Fall #{number} · {action}"},
    "case.member": {"en": "Member", "de": "Mitglied"},
    "case.moderator": {"en": "Moderator", "de": "Moderation"},
    "case.automod": {"en": "Auto-moderation", "de": "Auto-Moderation"},
    "case.rule": {"en": "Rule", "de": "Regel"},
    "case.reason": {"en": "Reason", "de": "Grund"},
    "case.evidence": {"en": "Evidence", "de": "Beleg"},
    "case.points": {"en": "Strike points", "de": "Strafpunkte"},
    "case.points_value": {
        "en": "{points} (active now: {active}, expire {expires})",
        "de": "{points} (aktiv: {active}, verfallen {expires})",
    },
    "case.duration": {"en": "Duration", "de": "Dauer"},
    "case.dm": {"en": "Member notified", "de": "Mitglied benachrichtigt"},
    "case.outcome": {"en": "Outcome", "de": "Ergebnis"},
    "case.message": {"en": "Message", "de": "Nachricht"},
    "case.jump": {"en": "jump to the channel", "de": "zum Kanal"},
    "case.score": {
        "en": "score {score} (threshold {threshold})",
        "de": "Wert {score} (Schwelle {threshold})",
    },
    "case.revoked": {"en": "revoked {when}", "de": "aufgehoben {when}"},
    "dm.sent": {"en": "yes (DM)", "de": "ja (DM)"},
    "dm.closed": {
        "en": "no: the member's DMs are closed",
        "de": "nein: die DMs des Mitglieds sind geschlossen",
    },
    "dm.failed": {
        "en": "no: the DM could not be sent",
        "de": "nein: die DM konnte nicht gesendet werden",
    },
    "dm.not_needed": {"en": "not needed", "de": "nicht nötig"},
    "action.flag": {"en": "Flagged for review", "de": "Zur Prüfung markiert"},
    "action.delete": {"en": "Message deleted", "de": "Nachricht gelöscht"},
    "action.warn": {"en": "Warning", "de": "Verwarnung"},
    "action.timeout": {"en": "Timeout", "de": "Timeout"},
    "action.untimeout": {"en": "Timeout lifted", "de": "Timeout aufgehoben"},
    "action.kick": {"en": "Kick", "de": "Kick"},
    "action.ban": {"en": "Ban", "de": "Bann"},
    "action.unban": {"en": "Unban", "de": "Entbannung"},
    "action.note": {"en": "Note", "de": "Notiz"},
    "outcome.done": {"en": "done", "de": "erledigt"},
    "outcome.missing_permission": {
        "en": "not done: I lack the permission {permission}",
        "de": "nicht erledigt: mir fehlt die Berechtigung {permission}",
    },
    "outcome.hierarchy": {
        "en": "not done: the member's role is at or above mine",
        "de": "nicht erledigt: die Rolle des Mitglieds ist gleich oder höher als meine",
    },
    "outcome.owner": {
        "en": "not done: the member owns the server",
        "de": "nicht erledigt: das Mitglied besitzt den Server",
    },
    "outcome.administrator": {
        "en": "not done: members with Administrator cannot be timed out",
        "de": "nicht erledigt: Mitglieder mit Administrator-Recht können kein Timeout bekommen",
    },
    "outcome.self": {
        "en": "not done: you cannot act on yourself",
        "de": "nicht erledigt: du kannst nicht gegen dich selbst vorgehen",
    },
    "outcome.actor_hierarchy": {
        "en": "not done: the member's highest role is at or above yours",
        "de": "nicht erledigt: die höchste Rolle des Mitglieds ist gleich oder höher als deine",
    },
    "action.purge": {"en": "Messages purged", "de": "Nachrichten gelöscht"},
    "action.slowmode": {"en": "Slowmode", "de": "Slowmode"},
    "action.lockdown": {"en": "Lockdown", "de": "Sperre"},
    "outcome.gone": {
        "en": "not done: the member has left",
        "de": "nicht erledigt: das Mitglied ist nicht mehr da",
    },
    "outcome.already_deleted": {
        "en": "the message was already deleted",
        "de": "die Nachricht war schon gelöscht",
    },
    "outcome.failed": {
        "en": "not done: Discord refused ({status})",
        "de": "nicht erledigt: Discord hat abgelehnt ({status})",
    },
    "notice.warn": {
        "en": "You received a warning on **{server}**.\nReason: {reason}\nPlease keep to the server rules. If you think this was a mistake, reply to the server team.",
        "de": "Du hast auf **{server}** eine Verwarnung erhalten.\nGrund: {reason}\nBitte halte dich an die Serverregeln. Wenn du meinst, dass das ein Irrtum war, wende dich an das Serverteam.",
    },
    "notice.timeout": {
        "en": "You are timed out on **{server}** until {until}.\nReason: {reason}",
        "de": "Du hast auf **{server}** ein Timeout bis {until}.\nGrund: {reason}",
    },
    "notice.kick": {
        "en": "You were removed from **{server}**. You can join again with a new invite.\nReason: {reason}",
        "de": "Du wurdest von **{server}** entfernt. Mit einer neuen Einladung kannst du wieder beitreten.\nGrund: {reason}",
    },
    "notice.ban": {
        "en": "You were banned from **{server}**.\nReason: {reason}",
        "de": "Du wurdest von **{server}** gebannt.\nGrund: {reason}",
    },
    "notice.delete": {
        "en": "Your message in {channel} on **{server}** was removed.\nReason: {reason}",
        "de": "Deine Nachricht in {channel} auf **{server}** wurde entfernt.\nGrund: {reason}",
    },
    "modlog.missing_manage_messages": {
        "en": "⚠️ I could not delete a message in {channel}: I lack **Manage Messages** there. Auto-moderation keeps recording cases, but cannot remove messages until this is fixed.",
        "de": "⚠️ Ich konnte in {channel} keine Nachricht löschen: mir fehlt dort **Nachrichten verwalten**. Die Auto-Moderation erfasst weiter Fälle, kann aber keine Nachrichten entfernen, bis das behoben ist.",
    },
}
