"""Text of the conversations between the team and a member, in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # --- the team's private thread (the server's language) ----------------------------------
    "talk.opening": {
        "en": "**Conversation about {kind} #{id}**\nEverything you write here reaches the member by DM; a message that begins with `//` stays in the team. Their answers appear here.{anonymous}\n{text}",
        "de": "**Gespräch zu {kind} #{id}**\nAlles, was ihr hier schreibt, bekommt das Mitglied per DM; eine Nachricht, die mit `//` beginnt, bleibt im Team. Die Antworten des Mitglieds erscheinen hier.{anonymous}\n{text}",
    },
    "talk.opening_anonymous": {
        "en": "\nThe member wrote anonymously: their answers appear without a name, at a full quarter of an hour at least 15 minutes later, so the moment they wrote does not give them away.",
        "de": "\nDas Mitglied hat anonym geschrieben: Seine Antworten erscheinen ohne Namen und erst zu einer vollen Viertelstunde, frühestens 15 Minuten später, damit der Zeitpunkt nichts verrät.",
    },
    "talk.first_reply": {
        "en": "{moderator} answered:\n{answer}",
        "de": "{moderator} hat geantwortet:\n{answer}",
    },
    "talk.member_says": {
        "en": "**{member}** answers:\n{text}",
        "de": "**{member}** antwortet:\n{text}",
    },
    "talk.member_anonymous": {"en": "The member", "de": "Das Mitglied"},
    "talk.member_closed": {
        "en": "**{member}** ended the conversation; messages here no longer reach them.",
        "de": "**{member}** hat das Gespräch beendet; Nachrichten hier erreichen das Mitglied nicht mehr.",
    },
    "talk.team_closed_note": {
        "en": "{moderator} ended the conversation; the member was told.",
        "de": "{moderator} hat das Gespräch beendet; das Mitglied wurde benachrichtigt.",
    },
    "talk.refused_team": {
        "en": "Not sent to the member: this text breaks a server rule ({rule}).",
        "de": "Nicht an das Mitglied geschickt: Dieser Text verstößt gegen eine Serverregel ({rule}).",
    },
    "talk.too_long_team": {
        "en": "Not sent to the member: a message may hold at most {limit} characters.",
        "de": "Nicht an das Mitglied geschickt: Eine Nachricht darf höchstens {limit} Zeichen lang sein.",
    },
    "talk.slow_team": {
        "en": "Not sent to the member: you can send again {retry}.",
        "de": "Nicht an das Mitglied geschickt: Du kannst {retry} wieder schreiben.",
    },
    "talk.ended_team": {
        "en": "This conversation has ended; messages here no longer reach the member.",
        "de": "Dieses Gespräch ist beendet; Nachrichten hier erreichen das Mitglied nicht mehr.",
    },
    "talk.dm_closed_note": {
        "en": "The member's DMs are closed: the message waits for them, and they see it with </feedback-status>.",
        "de": "Das Mitglied empfängt gerade keine DMs. Die Nachricht bleibt gespeichert; mit </feedback-status> kann das Mitglied sie lesen.",
    },
    "talk.moved_note": {
        "en": "The earlier thread of this conversation is gone; it continues here.",
        "de": "Der frühere Thread dieses Gesprächs ist weg; es geht hier weiter.",
    },
    "talk.in_thread": {"en": "Conversation: {thread}", "de": "Gespräch: {thread}"},
    "talk.close_button": {"en": "End conversation", "de": "Gespräch beenden"},
    "talk.answer_button": {"en": "Answer", "de": "Antworten"},
    # --- the member's DMs (the server's language) -------------------------------------------
    "talk.dm_hint": {
        "en": "You can answer with the button below; your answer reaches the team in the same conversation.",
        "de": "Du kannst mit dem Knopf unten antworten; deine Antwort kommt beim Team im selben Gespräch an.",
    },
    "talk.dm_hint_anonymous": {
        "en": "Your answers stay anonymous: the team sees neither your name nor when you wrote.",
        "de": "Deine Antworten bleiben anonym: Das Team sieht weder deinen Namen noch, wann du geschrieben hast.",
    },
    "talk.dm_reply": {
        "en": "The team of **{server}** writes about {kind} (#{id}):\n{answer}",
        "de": "Das Team von **{server}** schreibt zu {kind} (#{id}):\n{answer}",
    },
    "talk.dm_team_closed": {
        "en": "The team of **{server}** ended the conversation about {kind} (#{id}). To write to the team again, use </feedback>.",
        "de": "Das Team von **{server}** hat das Gespräch zu {kind} (#{id}) beendet. Wenn du dem Team wieder schreiben möchtest, nutze </feedback>.",
    },
    "talk.dm_dropped": {
        "en": "Your answer about {kind} (#{id}) on **{server}** did not reach the team: they closed the conversation. Your text:\n{text}",
        "de": "Deine Antwort zu {kind} (#{id}) auf **{server}** hat das Team nicht erreicht: Es hat das Gespräch geschlossen. Dein Text:\n{text}",
    },
    # --- the member's own replies (their language) ------------------------------------------
    "talk.answer_title": {"en": "Answer the team", "de": "Dem Team antworten"},
    "talk.answer_label": {"en": "Your answer", "de": "Deine Antwort"},
    "talk.answer_sent": {
        "en": "Thank you! Your answer reached the team.",
        "de": "Danke! Deine Antwort ist beim Team angekommen.",
    },
    "talk.answer_held": {
        "en": "Thank you! Your answer is saved and appears for the team at {time}: anonymous answers appear only at a full quarter of an hour at least 15 minutes later, so the moment you wrote does not give you away.",
        "de": "Danke! Deine Antwort ist gespeichert und erscheint für das Team um {time}: Anonyme Antworten erscheinen erst zu einer vollen Viertelstunde, frühestens 15 Minuten später, damit der Zeitpunkt nichts über dich verrät.",
    },
    "talk.answer_kept": {
        "en": "The team's inbox cannot be reached right now. Your answer is saved and reaches the team as soon as the inbox is back.",
        "de": "Der Eingang des Teams ist gerade nicht erreichbar. Deine Antwort ist gespeichert und kommt beim Team an, sobald der Eingang wieder da ist.",
    },
    "talk.closed": {
        "en": "This conversation has ended. To write to the team again, use </feedback>.",
        "de": "Dieses Gespräch ist beendet. Wenn du dem Team wieder schreiben möchtest, nutze </feedback>.",
    },
    "talk.you_closed": {
        "en": "You ended the conversation; the team can no longer write to you about this. To write to them again, use </feedback>.",
        "de": "Du hast das Gespräch beendet; das Team kann dir dazu nicht mehr schreiben. Wenn du ihm wieder schreiben möchtest, nutze </feedback>.",
    },
    "talk.refused_member": {
        "en": "This text breaks a server rule ({rule}), so it was not sent.",
        "de": "Dieser Text verstößt gegen eine Serverregel ({rule}) und wurde nicht gesendet.",
    },
    "talk.locked": {
        "en": "The team has closed this conversation, so your answer was not sent.",
        "de": "Das Team hat dieses Gespräch geschlossen, deshalb wurde deine Antwort nicht gesendet.",
    },
    "talk.status_none": {
        "en": "You have no open conversation with the team here.",
        "de": "Du hast hier kein offenes Gespräch mit dem Team.",
    },
    "talk.status_title": {
        "en": "Your conversations with the team of **{server}**:",
        "de": "Deine Gespräche mit dem Team von **{server}**:",
    },
    "talk.status_line": {"en": "• {kind} (#{id})", "de": "• {kind} (#{id})"},
    "talk.status_new.one": {
        "en": "1 message from the team that has not reached you by DM:",
        "de": "1 Nachricht des Teams, die dich nicht per DM erreicht hat:",
    },
    "talk.status_new.other": {
        "en": "{count} messages from the team that have not reached you by DM:",
        "de": "{count} Nachrichten des Teams, die dich nicht per DM erreicht haben:",
    },
    "talk.answer_numbered": {"en": "Answer #{id}", "de": "Antworten #{id}"},
    "talk.close_numbered": {"en": "End #{id}", "de": "#{id} beenden"},
    # --- the team's own replies (their language) --------------------------------------------
    "talk.continue_in": {
        "en": "The conversation continues in {thread}.",
        "de": "Das Gespräch geht in {thread} weiter.",
    },
    "talk.reply_waiting": {
        "en": "The member's DMs are closed: your answer waits for them, and they see it with </feedback-status>. The conversation continues in {thread}.",
        "de": "Das Mitglied empfängt gerade keine DMs. Deine Antwort bleibt gespeichert; mit </feedback-status> kann das Mitglied sie lesen. Das Gespräch geht in {thread} weiter.",
    },
    "talk.reply_queued": {
        "en": "Discord cannot be reached right now; your answer is saved and goes out shortly. The conversation continues in {thread}.",
        "de": "Discord ist gerade nicht erreichbar; deine Antwort ist gespeichert und geht gleich raus. Das Gespräch geht in {thread} weiter.",
    },
    "talk.reply_on_its_way": {
        "en": "Your answer is on its way to the member. The conversation continues in {thread}.",
        "de": "Deine Antwort ist auf dem Weg zum Mitglied. Das Gespräch geht in {thread} weiter.",
    },
    "talk.member_ended": {
        "en": "The member ended this conversation; they can write to the team again with </feedback>.",
        "de": "Das Mitglied hat dieses Gespräch beendet; es kann dem Team mit </feedback> wieder schreiben.",
    },
    "talk.no_thread": {
        "en": "I could not open a private thread in the inbox channel; please check that I may create private threads there.",
        "de": "Ich konnte im Eingangskanal keinen geschlossenen Thread fürs Team öffnen; bitte prüft, ob ich dort solche Threads erstellen darf.",
    },
    "talk.closed_done": {
        "en": "The conversation has ended; the member was told.",
        "de": "Das Gespräch ist beendet; das Mitglied wurde benachrichtigt.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "feedback-status": "feedback-status",
    "Answers from the team that wait for you, and your open conversations": "Antworten des Teams, die auf dich warten, und deine offenen Gespräche",
}
