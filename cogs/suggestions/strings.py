"""Text of the suggestions board in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # a suggestion on the board
    "suggestions.by": {"en": "Suggested by {author}", "de": "Vorgeschlagen von {author}"},
    "suggestions.author_erased": {
        "en": "(name removed on request)",
        "de": "(Name auf Wunsch entfernt)",
    },
    "suggestions.status_field": {"en": "Status", "de": "Status"},
    "suggestions.status.open": {"en": "Open", "de": "Offen"},
    "suggestions.status.review": {"en": "Under review", "de": "In Prüfung"},
    "suggestions.status.planned": {"en": "Planned", "de": "Geplant"},
    "suggestions.status.done": {"en": "Done", "de": "Umgesetzt"},
    "suggestions.status.declined": {"en": "Declined", "de": "Abgelehnt"},
    "suggestions.status.merged": {"en": "Merged", "de": "Zusammengeführt"},
    "suggestions.footer": {
        "en": "Suggestion #{number} · vote with 👍 or 👎 and talk about it in the thread",
        "de": "Vorschlag #{number} · stimme mit 👍 oder 👎 ab und sprich im Thread darüber",
    },
    "suggestions.merged_count.one": {
        "en": "1 similar suggestion was merged into this one.",
        "de": "1 ähnlicher Vorschlag wurde hiermit zusammengeführt.",
    },
    "suggestions.merged_count.other": {
        "en": "{count} similar suggestions were merged into this one.",
        "de": "{count} ähnliche Vorschläge wurden hiermit zusammengeführt.",
    },
    "suggestions.merged_into": {
        "en": "Merged into #{number}: vote and talk about it there: {link}",
        "de": "Zusammengeführt mit #{number}: Abstimmung und Gespräch dort: {link}",
    },
    "suggestions.set_status": {"en": "Set status", "de": "Status setzen"},
    # making a suggestion
    "suggestions.form_title": {"en": "Your suggestion", "de": "Dein Vorschlag"},
    "suggestions.form_title_label": {"en": "In a few words", "de": "In wenigen Worten"},
    "suggestions.form_details_label": {
        "en": "What exactly, and why (optional)",
        "de": "Was genau, und warum (optional)",
    },
    "suggestions.posted": {
        "en": "Your suggestion is on the board as #{number}: {link}. Others can vote and talk about it now.",
        "de": "Dein Vorschlag steht als #{number} bereit: {link}. Andere können jetzt abstimmen und darüber sprechen.",
    },
    "suggestions.empty": {
        "en": "The suggestion needs a title.",
        "de": "Der Vorschlag braucht einen Titel.",
    },
    "suggestions.refused": {
        "en": "This suggestion breaks a server rule ({rule}), so it was not posted.",
        "de": "Dieser Vorschlag verstößt gegen eine Serverregel ({rule}) und wurde nicht gepostet.",
    },
    "suggestions.no_channel": {
        "en": "There is no channel for suggestions yet. The team sets one with </config channel>.",
        "de": "Es gibt noch keinen Kanal für Vorschläge. Das Team legt ihn mit </config channel> fest.",
    },
    "suggestions.channel_unusable": {
        "en": "I cannot post in the suggestions channel {channel} (missing: {permissions}). Please tell the team.",
        "de": "Im Kanal für Vorschläge {channel} kann ich nicht posten (es fehlt: {permissions}). Sag bitte dem Team Bescheid.",
    },
    "suggestions.not_posted": {
        "en": "Discord did not take the message, so your suggestion was not saved. Please try again in a moment.",
        "de": "Discord hat die Nachricht nicht angenommen, daher wurde dein Vorschlag nicht gespeichert. Versuch es gleich noch einmal.",
    },
    # votes
    "suggestions.voted_up": {
        "en": "You voted 👍 for #{number} (👍 {up} · 👎 {down}).",
        "de": "Du hast für #{number} mit 👍 gestimmt (👍 {up} · 👎 {down}).",
    },
    "suggestions.voted_down": {
        "en": "You voted 👎 on #{number} (👍 {up} · 👎 {down}).",
        "de": "Du hast bei #{number} mit 👎 gestimmt (👍 {up} · 👎 {down}).",
    },
    "suggestions.unvoted": {
        "en": "Your vote on #{number} is taken back (👍 {up} · 👎 {down}).",
        "de": "Deine Stimme zu #{number} ist zurückgenommen (👍 {up} · 👎 {down}).",
    },
    "suggestions.vote_in_progress": {
        "en": "Your vote is already being counted.",
        "de": "Deine Stimme wird gerade schon gezählt.",
    },
    "suggestions.own": {
        "en": "You cannot vote on your own suggestion.",
        "de": "Über deinen eigenen Vorschlag kannst du nicht abstimmen.",
    },
    "suggestions.not_votable": {
        "en": "Voting on this suggestion has closed: the team has decided.",
        "de": "Die Abstimmung über diesen Vorschlag ist beendet: Das Team hat entschieden.",
    },
    "suggestions.gone": {
        "en": "This suggestion no longer exists.",
        "de": "Diesen Vorschlag gibt es nicht mehr.",
    },
    "suggestions.unknown": {
        "en": "There is no suggestion #{number} on this server.",
        "de": "Auf diesem Server gibt es keinen Vorschlag #{number}.",
    },
    # the team: status and merging
    "suggestions.choose_status": {
        "en": "Which status for #{number}? You give the reason next; everyone sees it.",
        "de": "Welcher Status für #{number}? Die Begründung gibst du danach an; alle sehen sie.",
    },
    "suggestions.reason_title": {"en": "Reason: {status}", "de": "Begründung: {status}"},
    "suggestions.reason_label": {
        "en": "Reason (everyone sees it)",
        "de": "Begründung (für alle sichtbar)",
    },
    "suggestions.reason_empty": {
        "en": "Please give a reason: everyone sees it with the status.",
        "de": "Gib bitte eine Begründung an: Alle sehen sie beim Status.",
    },
    "suggestions.reason_refused": {
        "en": "This reason breaks a server rule ({rule}), so the status stays as it was.",
        "de": "Diese Begründung verstößt gegen eine Serverregel ({rule}), daher bleibt der Status, wie er war.",
    },
    "suggestions.status_set": {
        "en": "Suggestion #{number} is now “{status}”. The reason shows on the board, and the member who made it hears of it.",
        "de": "Vorschlag #{number} ist jetzt „{status}“. Die Begründung steht beim Vorschlag, und das Mitglied, von dem er kommt, erfährt davon.",
    },
    "suggestions.status_merged": {
        "en": "Suggestion #{number} was merged into another one; set the status there.",
        "de": "Vorschlag #{number} wurde mit einem anderen zusammengeführt; setz den Status dort.",
    },
    "suggestions.status_note": {
        "en": "**{status}**, set by the team:\n{reason}",
        "de": "**{status}**, vom Team gesetzt:\n{reason}",
    },
    "suggestions.status_dm": {
        "en": "Your suggestion #{number} “{title}” on {server} is now **{status}**.\nThe team's reason:\n{reason}\n{link}",
        "de": "Dein Vorschlag #{number} „{title}“ auf {server} ist jetzt **{status}**.\nBegründung des Teams:\n{reason}\n{link}",
    },
    "suggestions.status_mention": {
        "en": "{author} your suggestion is now **{status}** (the reason is above). I could not send you a direct message: your DMs are closed.",
        "de": "{author} dein Vorschlag ist jetzt **{status}** (die Begründung steht oben). Eine Direktnachricht konnte ich dir nicht schicken: Deine DMs sind geschlossen.",
    },
    "suggestions.merged_done": {
        "en": "#{duplicate} is merged into #{number}, which now has 👍 {up} · 👎 {down}.",
        "de": "#{duplicate} ist mit #{number} zusammengeführt; dort stehen jetzt 👍 {up} · 👎 {down}.",
    },
    "suggestions.merge_invalid": {
        "en": "These two cannot be merged: choose two different suggestions, neither of them merged already.",
        "de": "Diese beiden lassen sich nicht zusammenführen: Wähle zwei verschiedene Vorschläge, von denen keiner schon zusammengeführt ist.",
    },
    # the list
    "suggestions.list_title": {"en": "Suggestions", "de": "Vorschläge"},
    "suggestions.list_empty": {
        "en": "No suggestions here yet. Make the first one with </suggest>!",
        "de": "Hier gibt es noch keine Vorschläge. Mach den ersten mit </suggest>!",
    },
    "suggestions.list_section": {
        "en": "{emoji} {status}: {count}",
        "de": "{emoji} {status}: {count}",
    },
    "suggestions.list_line": {
        "en": "`{score}` [#{number}]({link}) {title} · 👍 {up} · 👎 {down}",
        "de": "`{score}` [#{number}]({link}) {title} · 👍 {up} · 👎 {down}",
    },
    "suggestions.list_more.one": {"en": "… and 1 more", "de": "… und 1 weiterer"},
    "suggestions.list_more.other": {"en": "… and {count} more", "de": "… und {count} weitere"},
    # the statistics report's section
    "suggestions.report_title": {"en": "Suggestions", "de": "Vorschläge"},
    "suggestions.report_counts": {
        "en": "New: {new} · decided: {decided} · time to a decision (median): {median}",
        "de": "Neu: {new} · entschieden: {decided} · Zeit bis zur Entscheidung (Median): {median}",
    },
    "suggestions.report_top": {
        "en": "Most support, undecided:",
        "de": "Am meisten Zuspruch, noch offen:",
    },
    "suggestions.report_line": {
        "en": "[#{number}]({link}) {title} · 👍 {up} · 👎 {down}",
        "de": "[#{number}]({link}) {title} · 👍 {up} · 👎 {down}",
    },
    # /mydata
    "mydata.source.suggestions": {
        "en": "Your suggestions, your votes on suggestions, and status changes you made for the team.",
        "de": "Deine Vorschläge, deine Stimmen zu Vorschlägen und Statusänderungen, die du fürs Team vorgenommen hast.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "suggest": "vorschlag",
    "Suggest something to the team and the community": "Schlägt dem Team und der Community etwas vor",
    "suggestions": "vorschläge",
    "The suggestions board, by status and votes": "Die Vorschläge nach Status und Stimmen",
    "status": "status",
    "Only suggestions with this status": "Nur Vorschläge mit diesem Status",
    "Open": "Offen",
    "Under review": "In Prüfung",
    "Planned": "Geplant",
    "Done": "Umgesetzt",
    "Declined": "Abgelehnt",
    "suggestion-status": "vorschlag-status",
    "Set a suggestion's status with a reason everyone sees (team)": "Setzt den Status eines Vorschlags mit einer Begründung für alle (Team)",
    "suggestion": "vorschlag",
    "The suggestion, e.g. #3": "Der Vorschlag, z. B. #3",
    "The new status": "Der neue Status",
    "reason": "grund",
    "Why: everyone sees it with the status": "Warum: Alle sehen es beim Status",
    "suggestion-merge": "vorschlag-zusammenführen",
    "Merge a duplicate suggestion into another one; its votes move (team)": "Führt einen doppelten Vorschlag mit einem anderen zusammen; die Stimmen wandern mit (Team)",
    "duplicate": "duplikat",
    "The duplicate, e.g. #3": "Das Duplikat, z. B. #3",
    "into": "mit",
    "The suggestion it duplicates, e.g. #1": "Der Vorschlag, den es doppelt, z. B. #1",
}
