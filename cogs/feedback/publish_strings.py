"""Text of criticism offered as a public suggestion, in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "inbox.publish": {"en": "Offer as suggestion", "de": "Als Vorschlag anbieten"},
    "publish.anonymous": {
        "en": "Anonymous feedback is never made public: posting it would name its author or invite guessing. If the member wants it on the board, they can post it with </suggest> themselves.",
        "de": "Anonymes Feedback wird nie öffentlich: Es zu veröffentlichen, würde seinen Absender nennen oder zum Raten einladen. Wenn das Mitglied es auf dem Vorschlagsbrett sehen möchte, kann es selbst einen Vorschlag mit </suggest> einreichen.",
    },
    "publish.not_offerable": {
        "en": "Only criticism and feedback whose author is known can become a suggestion.",
        "de": "Nur Kritik und Feedback, deren Absender bekannt ist, können ein Vorschlag werden.",
    },
    "publish.no_board": {
        "en": "This server has no suggestions board yet; set its channel with </config channel> first.",
        "de": "Dieser Server hat noch kein Vorschlagsbrett; legt zuerst seinen Kanal mit </config channel> fest.",
    },
    "publish.state_asked": {
        "en": "The member was already asked; nothing is posted before they agree.",
        "de": "Das Mitglied wurde schon gefragt; vor seiner Zustimmung wird nichts veröffentlicht.",
    },
    "publish.state_agreed": {
        "en": "The member agreed; the suggestion is being posted.",
        "de": "Das Mitglied hat zugestimmt; der Vorschlag wird gerade veröffentlicht.",
    },
    "publish.state_declined": {
        "en": "The member did not want this to become a public suggestion.",
        "de": "Das Mitglied wollte nicht, dass daraus ein öffentlicher Vorschlag wird.",
    },
    "publish.state_posted": {
        "en": "This is a public suggestion already.",
        "de": "Das ist bereits ein öffentlicher Vorschlag.",
    },
    "publish.ask_dm": {
        "en": "The team of **{server}** would like to put {kind} on the suggestions board as a public suggestion, under your name, so that others can vote on it. It would read:\n{text}\nNothing is posted unless you agree, and saying no changes nothing for you.",
        "de": "Das Team von **{server}** würde {kind} gern als öffentlichen Vorschlag auf das Vorschlagsbrett stellen, unter deinem Namen, damit andere darüber abstimmen können. Er würde so lauten:\n{text}\nOhne deine Zustimmung wird nichts veröffentlicht, und ein Nein ändert nichts für dich.",
    },
    "publish.agree": {"en": "Yes, post it", "de": "Ja, veröffentlichen"},
    "publish.refuse": {"en": "No, thanks", "de": "Nein, danke"},
    "publish.asked": {
        "en": "The member was asked by DM. Nothing is public before they agree; their answer shows on the item.",
        "de": "Das Mitglied wurde per DM gefragt. Vor seiner Zustimmung ist nichts öffentlich; seine Antwort erscheint am Eintrag.",
    },
    "publish.unreachable": {
        "en": "The member's DMs are closed: they see the question with </feedback-status>. Nothing is public before they agree.",
        "de": "Das Mitglied empfängt gerade keine DMs; mit </feedback-status> sieht es die Frage. Vor seiner Zustimmung ist nichts öffentlich.",
    },
    "publish.asked_later": {
        "en": "Discord cannot be reached right now; the question goes out shortly. Nothing is public before the member agrees.",
        "de": "Discord ist gerade nicht erreichbar; die Frage geht gleich raus. Vor der Zustimmung des Mitglieds ist nichts öffentlich.",
    },
    "publish.status_asked": {
        "en": "{moderator} offered to post it as a suggestion; waiting for the member's consent",
        "de": "{moderator} hat angeboten, daraus einen Vorschlag zu machen; die Zustimmung des Mitglieds steht aus",
    },
    "publish.status_declined": {
        "en": "The member did not want it posted as a suggestion",
        "de": "Das Mitglied wollte keinen Vorschlag daraus",
    },
    "publish.status_posted": {
        "en": "Posted as suggestion #{number} with the member's consent: {link}",
        "de": "Mit Zustimmung des Mitglieds als Vorschlag #{number} veröffentlicht: {link}",
    },
    "publish.declined_member": {
        "en": "All right, nothing is posted. Thank you for your feedback!",
        "de": "In Ordnung, es wird nichts veröffentlicht. Danke für deine Rückmeldung!",
    },
    "publish.posted_member": {
        "en": "Thank you! Your suggestion #{number} is on the board: {link}",
        "de": "Danke! Dein Vorschlag #{number} steht jetzt auf dem Vorschlagsbrett: {link}",
    },
    "publish.already_decided": {
        "en": "You already answered this question.",
        "de": "Du hast diese Frage schon beantwortet.",
    },
    "publish.no_board_member": {
        "en": "The suggestions board is not available right now; please try again later.",
        "de": "Das Vorschlagsbrett ist gerade nicht verfügbar; bitte versuch es später noch einmal.",
    },
    "publish.not_member": {
        "en": "Only members of the server can post suggestions there, so nothing was posted.",
        "de": "Nur Mitglieder des Servers können dort Vorschläge veröffentlichen, deshalb wurde nichts veröffentlicht.",
    },
    "publish.status_question": {
        "en": "The team asks whether {kind} (#{id}) may become a public suggestion under your name:\n{text}",
        "de": "Das Team fragt, ob aus {kind} (#{id}) ein öffentlicher Vorschlag unter deinem Namen werden darf:\n{text}",
    },
}
