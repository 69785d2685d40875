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
        "en": "model score {score} (review from {threshold})",
        "de": "Modellwert {score} (zur Prüfung ab {threshold})",
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
    "dm.combined": {
        "en": "yes, in the DM about the next step",
        "de": "ja, in der DM zum nächsten Schritt",
    },
    "dm.not_needed": {"en": "not needed", "de": "nicht nötig"},
    "action.flag": {"en": "Flagged for review", "de": "Zur Prüfung markiert"},
    "action.delete": {"en": "Message deleted", "de": "Nachricht gelöscht"},
    "action.warn": {"en": "Warning", "de": "Verwarnung"},
    "action.timeout": {"en": "Timeout", "de": "Timeout"},
    "action.untimeout": {"en": "Timeout lifted", "de": "Timeout aufgehoben"},
    "action.kick": {
        "en": "Kick",
        "de": "Rauswurf",
    },
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
    "outcome.no_quarantine_role": {
        "en": "not done: no quarantine role is set, or it no longer exists",
        "de": "nicht erledigt: keine Quarantäne-Rolle eingestellt, oder sie existiert nicht mehr",
    },
    "outcome.interrupted": {
        "en": "not done: the bot restarted before it could act, and the moment has passed",
        "de": "nicht erledigt: der Bot wurde neu gestartet, bevor er handeln konnte, und der Zeitpunkt ist vorbei",
    },
    "outcome.not_banned": {
        "en": "not done: the user is not banned",
        "de": "nicht erledigt: die Person ist nicht gebannt",
    },
    "mod.temp_ban_over": {"en": "Temporary ban ended", "de": "Befristeter Bann abgelaufen"},
    "case.batch_title": {
        "en": "Auto-moderation: {count} cases (#{first}–#{last})",
        "de": "Auto-Moderation: {count} Fälle (#{first}–#{last})",
    },
    "case.batch_footer": {
        "en": "Several cases in quick succession, posted together. /case show shows each one in full.",
        "de": "Mehrere Fälle kurz nacheinander, zusammen gepostet. Mit /fall anzeigen siehst du jeden vollständig.",
    },
    "outcome.pending": {"en": "in progress", "de": "wird ausgeführt"},
    "action.quarantine": {"en": "Quarantine", "de": "Quarantäne"},
    "outcome.failed": {
        "en": "not done: Discord refused ({status})",
        "de": "nicht erledigt: Discord hat abgelehnt ({status})",
    },
    "notice.warn": {
        "en": "You received a warning on **{server}**.\nReason: {reason}\nPlease keep to the server rules. If this was a mistake, tell the team with the button below.",
        "de": "Du hast auf **{server}** eine Verwarnung erhalten.\nGrund: {reason}\nBitte halte dich an die Serverregeln. Wenn das ein Irrtum war, sag es dem Team mit dem Knopf unten.",
    },
    "notice.timeout": {
        "en": "You are timed out on **{server}** until {until}.\nReason: {reason}",
        "de": "Du hast auf **{server}** ein Timeout bis {until}.\nGrund: {reason}",
    },
    "automod.reason.strikes": {
        "en": "Reached {points} strike points",
        "de": "{points} Strafpunkte erreicht",
    },
    "notice.correction": {
        "en": "Correction: the {action} on **{server}** announced a moment ago did not happen (Discord refused it). Sorry for the confusion.",
        "de": "Korrektur: Die eben angekündigte Maßnahme ({action}) auf **{server}** wurde nicht ausgeführt (Discord hat abgelehnt). Entschuldige die Verwirrung.",
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
    "notice.also_removed.one": {
        "en": "Before that, your message in {channels} was removed.\nReason: {reason}",
        "de": "Davor wurde deine Nachricht in {channels} entfernt.\nGrund: {reason}",
    },
    "notice.also_removed.other": {
        "en": "Before that, {count} of your messages in {channels} were removed.\nReason: {reason}",
        "de": "Davor wurden {count} deiner Nachrichten in {channels} entfernt.\nGrund: {reason}",
    },
    "appeal.button": {"en": "This was a mistake", "de": "Das war ein Irrtum"},
    "appeal.title": {"en": "Appeal against case #{number}", "de": "Einspruch gegen Fall #{number}"},
    "appeal.label": {
        "en": "What happened? Why was it a mistake?",
        "de": "Was ist passiert? Warum war es ein Irrtum?",
    },
    "appeal.sent": {
        "en": "Thank you. Your appeal went to the server team; you will hear back here.",
        "de": "Danke. Dein Einspruch ist beim Serverteam; du bekommst hier eine Antwort.",
    },
    "appeal.your_text": {
        "en": "Your text, so nothing is lost:\n{text}",
        "de": "Dein Text, damit nichts verloren geht:\n{text}",
    },
    "appeal.no_modlog": {
        "en": "This server has no moderation log set up, so your appeal cannot be delivered. Please contact the server team directly.",
        "de": "Dieser Server hat kein Moderationsprotokoll eingerichtet, daher kann dein Einspruch nicht zugestellt werden. Bitte wende dich direkt an das Serverteam.",
    },
    "appeal.already_pending": {
        "en": "You already appealed this case; the team has not decided yet.",
        "de": "Du hast gegen diesen Fall schon Einspruch eingelegt; das Team hat noch nicht entschieden.",
    },
    "appeal.already_upheld": {
        "en": "Your appeal against this case was already reviewed: the decision stands.",
        "de": "Dein Einspruch gegen diesen Fall wurde schon geprüft: die Entscheidung bleibt.",
    },
    "appeal.already_revoked": {
        "en": "Your appeal against this case was already accepted.",
        "de": "Deinem Einspruch gegen diesen Fall wurde schon stattgegeben.",
    },
    "appeal.already_decided": {
        "en": "Another moderator already decided this appeal.",
        "de": "Ein anderes Teammitglied hat über diesen Einspruch schon entschieden.",
    },
    "appeal.log_title": {
        "en": "Appeal against case #{number}",
        "de": "Einspruch gegen Fall #{number}",
    },
    "appeal.own_case": {
        "en": "You cannot decide an appeal about yourself.",
        "de": "Über einen Einspruch in eigener Sache kannst du nicht entscheiden.",
    },
    "appeal.uphold": {"en": "Uphold", "de": "Bestätigen"},
    "appeal.revoke": {"en": "Revoke the case", "de": "Fall aufheben"},
    "appeal.decided_upheld": {"en": "Upheld by {moderator}.", "de": "Bestätigt von {moderator}."},
    "appeal.decided_revoked": {
        "en": "Revoked by {moderator}: action reversed, points removed.",
        "de": "Aufgehoben von {moderator}: Maßnahme rückgängig, Punkte entfernt.",
    },
    "appeal.member_upheld": {
        "en": "Your appeal against case #{number} on **{server}** was reviewed: the decision stands.",
        "de": "Dein Einspruch gegen Fall #{number} auf **{server}** wurde geprüft: die Entscheidung bleibt.",
    },
    "appeal.member_revoked": {
        "en": "Your appeal against case #{number} on **{server}** was accepted: the case is revoked and its points are removed. Sorry for the trouble!",
        "de": "Deinem Einspruch gegen Fall #{number} auf **{server}** wurde stattgegeben: der Fall ist aufgehoben, die Punkte sind entfernt. Entschuldige die Umstände!",
    },
    "appeal.revoke_reason": {"en": "Case #{number} revoked", "de": "Fall #{number} aufgehoben"},
    "appeal.allow_button": {
        "en": 'Allow "{word}" (false positive)',
        "de": '"{word}" erlauben (Fehlalarm)',
    },
    "appeal.allowed_word": {
        "en": "Allowed from now on: {word} The case is revoked.",
        "de": "Ab jetzt erlaubt: {word} Der Fall ist aufgehoben.",
    },
    "modlog.missing_manage_messages": {
        "en": "⚠️ I could not delete a message in {channel}: I lack **Manage Messages** there. Auto-moderation keeps recording cases, but cannot remove messages until this is fixed.",
        "de": "⚠️ Ich konnte in {channel} keine Nachricht löschen: mir fehlt dort **Nachrichten verwalten**. Die Auto-Moderation erfasst weiter Fälle, kann aber keine Nachrichten entfernen, bis das behoben ist.",
    },
    "review.words": {"en": "Their words", "de": "Der Wortlaut"},
    "review.judgement": {"en": "Assessment", "de": "Einschätzung"},
    "review.judgement.clear": {
        "en": "sounds clearly offensive (model score {score}; a guess, please check)",
        "de": "klingt deutlich beleidigend (Modellwert {score}; eine Schätzung, bitte prüfen)",
    },
    "review.judgement.likely": {
        "en": "sounds probably offensive (model score {score}; a guess, please check)",
        "de": "klingt wahrscheinlich beleidigend (Modellwert {score}; eine Schätzung, bitte prüfen)",
    },
    "review.judgement.possible": {
        "en": "might be offensive (model score {score}; a guess, please check)",
        "de": "könnte beleidigend sein (Modellwert {score}; eine Schätzung, bitte prüfen)",
    },
    "review.jump": {"en": "Message", "de": "Nachricht"},
    "review.jump_label": {"en": "Jump to the message", "de": "Zur Nachricht springen"},
    "review.state": {"en": "Review", "de": "Prüfung"},
    "review.open_since": {"en": "open since {when}", "de": "offen seit {when}"},
    "review.decided": {
        "en": "{decision}, decided by {moderator} {when}{case}",
        "de": "{decision}, entschieden von {moderator} {when}{case}",
    },
    "review.decision.delete": {"en": "Message deleted", "de": "Nachricht gelöscht"},
    "review.decision.warn": {"en": "Warning", "de": "Verwarnung"},
    "review.decision.timeout": {"en": "Timeout", "de": "Timeout"},
    "review.decision.clear": {"en": "No violation", "de": "Kein Verstoß"},
    "review.button.delete": {"en": "Delete", "de": "Löschen"},
    "review.button.warn": {"en": "Warn", "de": "Verwarnen"},
    "review.button.timeout": {"en": "Timeout…", "de": "Timeout…"},
    "review.button.clear": {"en": "No violation", "de": "Kein Verstoß"},
    "review.reason": {
        "en": "Decided on review of case #{number} (rule {rule})",
        "de": "Nach Prüfung von Fall #{number} entschieden (Regel {rule})",
    },
    "review.own_case": {
        "en": "This item is about you; another moderator decides it.",
        "de": "Dieser Eintrag betrifft dich; jemand anderes aus dem Team entscheidet darüber.",
    },
    "review.already": {
        "en": "Already decided: {line}. Nothing more was done.",
        "de": "Schon entschieden: {line}. Es wurde nichts weiter getan.",
    },
    "review.refused": {
        "en": "Not done, the item stays open: {reason}",
        "de": "Nicht erledigt, der Eintrag bleibt offen: {reason}",
    },
    "review.not_done": {
        "en": "Not done, the item is open again: {reason}",
        "de": "Nicht erledigt, der Eintrag ist wieder offen: {reason}",
    },
    "review.done": {
        "en": "Done: case #{number} is decided, and the member was told where that applies.",
        "de": "Erledigt: Fall #{number} ist entschieden, und das Mitglied wurde benachrichtigt, wo das vorgesehen ist.",
    },
    "review.cleared": {
        "en": "Recorded as no violation (case #{number}). Thank you: this shows where the rules misjudge.",
        "de": "Als kein Verstoß vermerkt (Fall #{number}). Danke: So sehen wir, wo die Regeln danebenliegen.",
    },
    "review.timeout_title": {"en": "Timeout for case #{number}", "de": "Timeout zu Fall #{number}"},
    "review.timeout_label": {
        "en": "How long? (e.g. 10m, 1h, 1d)",
        "de": "Wie lange? (z. B. 10m, 1h, 1d)",
    },
}
