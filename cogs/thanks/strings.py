"""Text of the recognition in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "thanks.public": {
        "en": "💛 {giver} thanks {receiver}.",
        "de": "💛 {giver} bedankt sich bei {receiver}.",
    },
    "thanks.public_message": {
        "en": "💛 {giver} thanks {receiver} for this message: {link}",
        "de": "💛 {giver} bedankt sich bei {receiver} für diese Nachricht: {link}",
    },
    "thanks.sent_quietly": {
        "en": "Your thanks arrived. It counts for their recognition, but it is not shown publicly because they prefer not to be named.",
        "de": "Dein Dank ist angekommen. Er zählt für die Anerkennung, wird aber nicht öffentlich gezeigt, weil das Mitglied nicht genannt werden möchte.",
    },
    "thanks.not_counted": {
        "en": "Thanks for thanking! You have thanked this member often this week, so this one no longer counts for the monthly recognition.",
        "de": "Danke fürs Danken! Du hast dich diese Woche schon oft bei diesem Mitglied bedankt, deshalb zählt dieser Dank nicht mehr für die monatliche Anerkennung.",
    },
    "thanks.already": {
        "en": "You already thanked them for this message.",
        "de": "Für diese Nachricht hast du dich schon bedankt.",
    },
    "thanks.daily_limit.one": {
        "en": "You have already thanked someone once in the last 24 hours, which is the most there is. Try again tomorrow!",
        "de": "Du hast in den letzten 24 Stunden schon 1 Dankeschön verschenkt, mehr geht nicht. Morgen wieder!",
    },
    "thanks.daily_limit.other": {
        "en": "You have already thanked people {count} times in the last 24 hours, which is the most there is. Try again tomorrow!",
        "de": "Du hast in den letzten 24 Stunden schon {count} Dankeschöns verschenkt, mehr geht nicht. Morgen wieder!",
    },
    "thanks.no_bot": {
        "en": "A bot needs no thanks; thank a member instead.",
        "de": "Einem Bot musst du nicht danken; bedank dich lieber bei einem Mitglied.",
    },
    "thanks.no_webhook": {
        "en": "This message came from an automated sender (a webhook), not from a member.",
        "de": "Diese Nachricht kam von einem automatischen Absender, nicht von einem Mitglied.",
    },
    "thanks.no_system": {
        "en": "That is a message from Discord itself; there is nobody to thank.",
        "de": "Das ist eine Nachricht von Discord selbst; da gibt es niemanden, dem du danken kannst.",
    },
    "thanks.no_self": {
        "en": "You cannot thank yourself, but it is good to be proud of your work!",
        "de": "Dir selbst kannst du nicht danken, aber schön, dass du stolz auf dich bist!",
    },
    "thanks.not_member": {
        "en": "They are no longer on this server.",
        "de": "Dieses Mitglied ist nicht mehr auf dem Server.",
    },
    "thanks.role_gone": {
        "en": "{role} no longer exists.",
        "de": "{role} gibt es nicht mehr.",
    },
    "thanks.role_managed": {
        "en": "{role} is managed by Discord and cannot be given.",
        "de": "{role} wird von Discord verwaltet und kann nicht vergeben werden.",
    },
    "thanks.role_above_bot": {
        "en": "{role} is not below my highest role, so I cannot give it.",
        "de": "{role} liegt nicht unter meiner höchsten Rolle, deshalb kann ich sie nicht vergeben.",
    },
    "thanks.role_dangerous": {
        "en": "{role} carries permissions nobody should get as an award (**{permissions}**).",
        "de": "{role} hat Berechtigungen, die niemand als Auszeichnung bekommen sollte (**{permissions}**).",
    },
    "thanks.role_team": {
        "en": "{role} belongs to the team or is exempt from the rules (a moderator or admin role, exempt from the auto-moderation, or the quarantine role), so it cannot be an award.",
        "de": "{role} gehört zum Team oder ist von Regeln ausgenommen (eine Moderations- oder Adminrolle, von der Auto-Moderation ausgenommen oder die Quarantäne-Rolle), deshalb kann sie keine Auszeichnung sein.",
    },
    "thanks.role_above_you": {
        "en": "{role} is not below your highest role, so you cannot choose it.",
        "de": "{role} liegt nicht unter deiner höchsten Rolle, deshalb kannst du sie nicht wählen.",
    },
    "thanks.post_title": {
        "en": "🌟 **Thank you, {server}!** These members were especially helpful last month:",
        "de": "🌟 **Danke, {server}!** Diese Mitglieder haben im vergangenen Monat besonders viel geholfen:",
    },
    "thanks.post_first": {
        "en": "🥇 {member} {what}. Thank you!",
        "de": "🥇 {member} hat {what}. Danke dir!",
    },
    "thanks.post_line": {
        "en": "• {member} {what}.",
        "de": "• {member} hat {what}.",
    },
    "thanks.post_footer": {
        "en": "You can thank someone any time: right-click their message and choose Thank, or use </thanks>.",
        "de": "Danke sagen kannst du jederzeit: Rechtsklick auf eine Nachricht und Danke wählen, oder mit </thanks>.",
    },
    "thanks.and": {"en": "{first} and {last}", "de": "{first} und {last}"},
    "thanks.part_thanks.one": {"en": "got thanked once", "de": "1 Dankeschön bekommen"},
    "thanks.part_thanks.other": {
        "en": "got thanked {count} times",
        "de": "{count} Dankeschöns bekommen",
    },
    "thanks.part_answers.one": {"en": "answered 1 question", "de": "1 Frage beantwortet"},
    "thanks.part_answers.other": {
        "en": "answered {count} questions",
        "de": "{count} Fragen beantwortet",
    },
    "thanks.part_faq.one": {
        "en": "helped 1 member with an FAQ entry",
        "de": "einem Mitglied mit einem FAQ-Eintrag geholfen",
    },
    "thanks.part_faq.other": {
        "en": "helped {count} members with FAQ entries",
        "de": "{count} Mitgliedern mit FAQ-Einträgen geholfen",
    },
    "thanks.part_places.one": {
        "en": "made a contest's top three once",
        "de": "es einmal unter die ersten drei eines Wettbewerbs geschafft",
    },
    "thanks.part_places.other": {
        "en": "made a contest's top three {count} times",
        "de": "es {count}-mal unter die ersten drei eines Wettbewerbs geschafft",
    },
    "thanks.part_done.one": {
        "en": "had 1 suggestion put into practice",
        "de": "1 Vorschlag eingebracht, der umgesetzt wurde",
    },
    "thanks.part_done.other": {
        "en": "had {count} suggestions put into practice",
        "de": "{count} Vorschläge eingebracht, die umgesetzt wurden",
    },
    "thanks.profile_head": {
        "en": "**Your recognition on {server}**",
        "de": "**Deine Anerkennung auf {server}**",
    },
    "thanks.profile_month": {
        "en": "Since {since}: thanks {thanks} · questions answered {answers} · helped with the FAQ {faq} · in a contest's top three {places} · suggestions put into practice {done}",
        "de": "Seit {since}: Dankeschöns {thanks} · beantwortete Fragen {answers} · mit der FAQ geholfen {faq} · unter den ersten drei eines Wettbewerbs {places} · umgesetzte Vorschläge {done}",
    },
    "thanks.profile_total": {
        "en": "All in all received: {received} · given: {given}",
        "de": "Insgesamt bekommen: {received} · verschenkt: {given}",
    },
    "thanks.profile_named": {
        "en": "You can be named in the monthly recognition; change that with </privacy>.",
        "de": "In der monatlichen Anerkennung kannst du genannt werden; das änderst du mit </privacy>.",
    },
    "thanks.profile_hidden": {
        "en": "You are not named in the monthly recognition (setting in </privacy>).",
        "de": "In der monatlichen Anerkennung wirst du nicht genannt (Einstellung in </privacy>).",
    },
    "thanks.settings_show": {
        "en": "**Monthly recognition:** {monthly} · channel {channel} · role for the top three: {role} · moves on each month: {rotate}",
        "de": "**Monatliche Anerkennung:** {monthly} · Kanal {channel} · Rolle für die ersten drei: {role} · wechselt jeden Monat: {rotate}",
    },
    "thanks.yes": {"en": "yes", "de": "ja"},
    "thanks.no": {"en": "no", "de": "nein"},
    "thanks.switch": {"en": "Monthly recognition", "de": "Monatliche Anerkennung"},
    "thanks.switch_hint": {
        "en": "At the start of each month a post in the announcements channel names the most helpful members (a role and more: </recognition settings>).",
        "de": "Am Monatsanfang nennt ein Beitrag im Ankündigungskanal die hilfsbereitesten Mitglieder (eine Rolle und mehr: </recognition settings>).",
    },
    "thanks.switch_needs_channel": {
        "en": "Choose an announcements channel first (step 2 of the setup, or </config channel>), then switch the monthly recognition on.",
        "de": "Wähle zuerst einen Ankündigungskanal (Schritt 2 der Einrichtung oder </config channel>), dann schalte die monatliche Anerkennung ein.",
    },
    "thanks.schedule_listing": {
        "en": "Monthly recognition: on the first of each month at {hour} in {channel} (next {next})",
        "de": "Monatliche Anerkennung: am Monatsersten um {hour} in {channel} (nächste {next})",
    },
    "mydata.source.thanks": {
        "en": "Thanks you gave and received, and the top-helper role the bot gave you.",
        "de": "Dankeschöns, die du verschenkt und bekommen hast, und die Rolle für die Hilfsbereitesten, die der Bot dir gegeben hat.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "Thank": "Danke",
    "thanks": "danke",
    "Thank a member for their help": "Einem Mitglied für seine Hilfe danken",
    "member": "mitglied",
    "The member you want to thank": "Das Mitglied, dem du danken willst",
    "profile": "profil",
    "See your recognition on this server": "Deine Anerkennung auf diesem Server ansehen",
    "recognition": "anerkennung",
    "The monthly recognition of helpful members": "Die monatliche Anerkennung hilfsbereiter Mitglieder",
    "settings": "einstellungen",
    "The monthly post and a role for the top helpers": "Der Monatsrückblick und eine Rolle für die Hilfsbereitesten",
    "monthly": "monatlich",
    "Post the month's most helpful members in the announcements channel": "Die hilfsbereitesten Mitglieder des Monats im Ankündigungskanal nennen",
    "role": "rolle",
    "A role the month's top three helpers get": "Eine Rolle für die drei Hilfsbereitesten des Monats",
    "clear_role": "rolle_entfernen",
    "Stop giving the top-helper role": "Keine Rolle mehr für die Hilfsbereitesten vergeben",
    "rotate": "wechseln",
    "Take the role back when the next month's helpers get it": "Die Rolle zurücknehmen, wenn die nächsten sie bekommen",
}
