"""Text of the feedback inbox, /feedback and reports, in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "inbox.kind.criticism": {"en": "Criticism from chat", "de": "Kritik aus dem Chat"},
    "inbox.your.criticism": {"en": "your message", "de": "deine Nachricht"},
    "inbox.your.feedback": {"en": "your feedback", "de": "dein Feedback"},
    "inbox.your.report": {"en": "your report", "de": "deine Meldung"},
    "inbox.kind.feedback": {"en": "Feedback", "de": "Feedback"},
    "inbox.kind.report": {"en": "Report", "de": "Meldung"},
    "inbox.title": {"en": "{kind} #{id}", "de": "{kind} #{id}"},
    "inbox.author": {"en": "From", "de": "Von"},
    "inbox.anonymous": {"en": "anonymous", "de": "anonym"},
    "inbox.jump": {"en": "Message", "de": "Nachricht"},
    "inbox.reason": {"en": "Reason", "de": "Grund"},
    "inbox.reporters.one": {
        "en": "Reported by 1 member",
        "de": "Von 1 Mitglied gemeldet",
    },
    "inbox.reporters.other": {
        "en": "Reported by {count} members",
        "de": "Von {count} Mitgliedern gemeldet",
    },
    "inbox.group_count.one": {"en": "1 member", "de": "1 Mitglied"},
    "inbox.group_count.other": {"en": "{count} members", "de": "{count} Mitglieder"},
    "inbox.group_quotes": {"en": "Others wrote, too", "de": "Andere schrieben auch"},
    "inbox.split": {"en": "Split", "de": "Aufteilen"},
    "group.answer_dm": {
        "en": "The team of **{server}** answered {kind}. Several members wrote about the same thing, so the team answered all of you together:\n{answer}\n\nYou wrote:\n{wrote}\nTo tell the team more, use </feedback>.",
        "de": "Das Team von **{server}** hat auf {kind} geantwortet. Mehrere Mitglieder haben dasselbe angesprochen, deshalb antwortet das Team allen zusammen:\n{answer}\n\nDu hattest geschrieben:\n{wrote}\nWenn du dem Team mehr sagen möchtest, nutze </feedback>.",
    },
    "group.answered.one": {
        "en": "Your answer went to the 1 member of this topic ({reached} reached by DM; the others see nothing).",
        "de": "Deine Antwort ging an das 1 Mitglied dieses Themas (per DM erreicht: {reached}).",
    },
    "group.answered.other": {
        "en": "Your answer went to all {count} members of this topic, each with their own words (reached by DM: {reached}).",
        "de": "Deine Antwort ging an alle {count} Mitglieder dieses Themas, jedes mit seinen eigenen Worten (per DM erreicht: {reached}).",
    },
    "group.answered_queued.one": {
        "en": "Your answer is on its way to the 1 member of this topic.",
        "de": "Deine Antwort ist unterwegs zum einzigen Mitglied dieses Themas.",
    },
    "group.answered_queued.other": {
        "en": "Your answer is on its way to all {count} members of this topic, each with their own words.",
        "de": "Deine Antwort ist unterwegs zu allen {count} Mitgliedern dieses Themas, jedes bekommt sie mit seinen eigenen Worten.",
    },
    "group.split_pick": {
        "en": "Which item is about something else? It becomes an item of its own.",
        "de": "Welcher Eintrag handelt von etwas anderem? Er wird ein eigener Eintrag.",
    },
    "group.nothing_to_split": {
        "en": "This item has no group to split.",
        "de": "Dieser Eintrag hat keine Gruppe, die man aufteilen könnte.",
    },
    "group.split_gone": {
        "en": "That item is no longer in this group.",
        "de": "Dieser Eintrag gehört nicht mehr zu dieser Gruppe.",
    },
    "group.split_done": {
        "en": "Item #{id} is now an item of its own in the inbox.",
        "de": "Eintrag #{id} ist jetzt ein eigener Eintrag im Eingang.",
    },
    "group.split_not_posted": {
        "en": "Item #{id} left the group, but I could not post it to the inbox right now.",
        "de": "Eintrag #{id} ist aus der Gruppe heraus, aber ich konnte ihn gerade nicht im Eingang posten.",
    },
    "inbox.status": {"en": "Status", "de": "Status"},
    "inbox.status.open": {"en": "open", "de": "offen"},
    "inbox.status.acknowledged": {
        "en": "seen by {moderator}",
        "de": "gesehen von {moderator}",
    },
    "inbox.status.replied": {"en": "answered by {moderator}", "de": "beantwortet von {moderator}"},
    "inbox.status.resolved": {"en": "resolved by {moderator}", "de": "erledigt von {moderator}"},
    "inbox.status.escalated": {
        "en": "escalated by {moderator}",
        "de": "weitergegeben von {moderator}",
    },
    "inbox.ack": {
        "en": "Seen",
        "de": "Gesehen",
    },
    "inbox.reply": {"en": "Reply", "de": "Antworten"},
    "inbox.resolve": {"en": "Resolve", "de": "Erledigt"},
    "inbox.escalate": {"en": "Escalate", "de": "Weitergeben"},
    "inbox.reply_title": {"en": "Answer the member", "de": "Dem Mitglied antworten"},
    "inbox.reply_label": {
        "en": "Your answer (the member sees it)",
        "de": "Deine Antwort (das Mitglied sieht sie)",
    },
    "inbox.reply_sent": {
        "en": "Your answer was delivered ({how}).",
        "de": "Deine Antwort wurde zugestellt ({how}).",
    },
    "inbox.reply_how.dm": {"en": "by DM", "de": "per DM"},
    "inbox.reply_how.thread": {"en": "in a thread", "de": "in einem Thread"},
    "inbox.reply_refused": {
        "en": "Not sent: your answer breaks a server rule ({rule}).",
        "de": "Nicht verschickt: Deine Antwort verstößt gegen eine Serverregel ({rule}).",
    },
    "inbox.reply_slow": {
        "en": "Not sent: you have sent many answers just now; you can answer again {retry}.",
        "de": "Nicht verschickt: Du hast gerade viele Antworten geschickt; du kannst {retry} wieder antworten.",
    },
    "inbox.reply_failed": {
        "en": "Your answer could not be delivered (DMs closed or the message is gone). Your text:\n{text}",
        "de": "Deine Antwort konnte nicht zugestellt werden (DMs geschlossen oder die Nachricht ist weg). Dein Text:\n{text}",
    },
    "inbox.no_author": {
        "en": "This item has no author to answer (anonymous or deleted).",
        "de": "Dieser Eintrag hat niemanden, dem man antworten könnte (anonym oder gelöscht).",
    },
    "inbox.answer_dm": {
        "en": "The team of **{server}** answered {kind}:\n{answer}\n\nYou wrote:\n{wrote}",
        "de": "Das Team von **{server}** hat auf {kind} geantwortet:\n{answer}\n\nDu hattest geschrieben:\n{wrote}",
    },
    "inbox.answer_dm_chat": {
        "en": "Your message in {channel} reached the feedback inbox of **{server}**, and the team answered:\n{answer}\n\nYou wrote:\n{wrote}",
        "de": "Deine Nachricht in {channel} ist im Feedback-Eingang von **{server}** angekommen, und das Team hat geantwortet:\n{answer}\n\nDu hattest geschrieben:\n{wrote}",
    },
    "inbox.already_resolved": {
        "en": "This item is already resolved.",
        "de": "Dieser Eintrag ist bereits erledigt.",
    },
    "inbox.escalated_note": {
        "en": "Escalated from the feedback inbox by {moderator}: item #{id}",
        "de": "Aus dem Feedback-Eingang weitergegeben von {moderator}: Eintrag #{id}",
    },
    "inbox.not_configured": {
        "en": "This server has no feedback inbox yet; please ask the team to choose one with </config channel>. Your text:\n{text}",
        "de": "Dieser Server hat noch keinen Feedback-Eingang; bitte frag das Team, ob es einen mit </config channel> einrichtet. Dein Text:\n{text}",
    },
    "feedback.title": {"en": "Feedback to the team", "de": "Feedback an das Team"},
    "feedback.label": {
        "en": "What would you like to tell the team?",
        "de": "Was möchtest du dem Team sagen?",
    },
    "feedback.sent_named": {
        "en": "Thank you! Your feedback reached the team; they can see that it is from you.",
        "de": "Danke! Dein Feedback ist beim Team angekommen; es sieht, dass es von dir ist.",
    },
    "feedback.sent_anonymous_hidden": {
        "en": "Thank you! Your feedback reached the team anonymously: nobody, the team included, sees that it is from you.",
        "de": "Danke! Dein Feedback ist anonym beim Team angekommen: niemand, auch nicht das Team, sieht, dass es von dir ist.",
    },
    "feedback.sent_anonymous_visible": {
        "en": "Thank you! Your feedback is anonymous to other members, but on this server the team can see that it is from you.",
        "de": "Danke! Dein Feedback ist für andere Mitglieder anonym, aber auf diesem Server sieht das Team, dass es von dir ist.",
    },
    "feedback.refused": {
        "en": "This text breaks a server rule ({rule}), so it was not sent. Your text:\n{text}",
        "de": "Dieser Text verstößt gegen eine Serverregel ({rule}) und wurde nicht gesendet. Dein Text:\n{text}",
    },
    "report.pick": {
        "en": "Why are you reporting this message?",
        "de": "Warum meldest du diese Nachricht?",
    },
    "report.reason.spam": {"en": "Spam or advertising", "de": "Spam oder Werbung"},
    "report.reason.harassment": {
        "en": "Harassment or insults",
        "de": "Belästigung oder Beleidigung",
    },
    "report.reason.offensive": {
        "en": "Offensive or hateful content",
        "de": "Anstößige oder hasserfüllte Inhalte",
    },
    "report.reason.criticism": {
        "en": "Criticism the team should see",
        "de": "Kritik, die das Team sehen sollte",
    },
    "report.reason.other": {"en": "Something else", "de": "Etwas anderes"},
    "report.reason.profanity": {
        "en": "Criticism with strong language about a thing (for your information; nothing was held against the member)",
        "de": "Kritik mit Kraftausdruck über eine Sache (zur Info; dem Mitglied wurde nichts angerechnet)",
    },
    "report.note_title": {"en": "Report message", "de": "Nachricht melden"},
    "report.note_label": {
        "en": "A note for the moderators (optional)",
        "de": "Eine Notiz für die Moderation (optional)",
    },
    "report.sent": {
        "en": "Thank you. The moderators got your report; you will hear the outcome.",
        "de": "Danke. Die Moderation hat deine Meldung erhalten; du erfährst das Ergebnis.",
    },
    "report.merged": {
        "en": "Thank you. Others reported this message too; your report was added to theirs.",
        "de": "Danke. Andere haben diese Nachricht auch gemeldet; deine Meldung wurde dazugenommen.",
    },
    "report.duplicate": {
        "en": "You already reported this message.",
        "de": "Du hast diese Nachricht schon gemeldet.",
    },
    "report.not_configured": {
        "en": "This server has no moderation log or feedback inbox set up, so reports cannot reach the team. Please contact a moderator directly.",
        "de": "Dieser Server hat weder Moderationsprotokoll noch Feedback-Eingang eingerichtet, daher erreichen Meldungen das Team nicht. Bitte wende dich direkt an die Moderation.",
    },
    "report.not_delivered": {
        "en": "Your report is saved, but I could not post it to the team right now. Please tell a moderator as well.",
        "de": "Deine Meldung ist gespeichert, aber ich konnte sie gerade nicht an das Team schicken. Bitte sag auch der Moderation Bescheid.",
    },
    "report.own": {
        "en": "You cannot report your own message.",
        "de": "Du kannst deine eigene Nachricht nicht melden.",
    },
    "report.outcome": {
        "en": "Your report on **{server}** was handled by the team. Thank you for helping!",
        "de": "Deine Meldung auf **{server}** wurde vom Team bearbeitet. Danke fürs Helfen!",
    },
    "inbox.settings_saved": {
        "en": "Feedback inbox saved.\n• The team sees who wrote anonymously: {authors}\n• Answers go {mode}\n• Criticism from chat is copied into the inbox: {detect}",
        "de": "Feedback-Eingang gespeichert.\n• Das Team sieht, wer anonym geschrieben hat: {authors}\n• Antworten gehen {mode}\n• Kritik aus dem Chat kommt in den Eingang: {detect}",
    },
}

COMMANDS_DE: dict[str, str] = {
    "feedback": "feedback",
    "Send feedback or criticism to the team": "Schickt Feedback oder Kritik an das Team",
    "anonymous": "anonym",
    "Hide your name from other members": "Deinen Namen vor anderen Mitgliedern verbergen",
    "Report message": "Nachricht melden",
    "inbox": "eingang",
    "settings": "einstellungen",
    "Feedback inbox settings (admins)": "Einstellungen des Feedback-Eingangs (Admins)",
    "show_authors": "absender_zeigen",
    "May the team see who sent anonymous feedback?": "Darf das Team sehen, wer anonymes Feedback geschickt hat?",
    "reply_mode": "antwortweg",
    "How answers reach members": "Wie Antworten die Mitglieder erreichen",
    "detect": "erkennen",
    "Copy civil criticism from chat into the inbox": "Sachliche Kritik aus dem Chat in den Eingang übernehmen",
    "by DM": "per DM",
    "in a thread": "in einem Thread",
}
