"""Text of contests in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "contest.title": {"en": "🏆 Contest: {title}", "de": "🏆 Wettbewerb: {title}"},
    "contest.phases": {
        "en": "Submissions until {submit}, voting until {vote}. Submit with </contest submit>.",
        "de": "Einreichungen bis {submit}, Abstimmung bis {vote}. Einreichen mit </contest submit>.",
    },
    "contest.rules": {
        "en": "Per member: {submissions} and {votes}{anon}.",
        "de": "Pro Mitglied: {submissions} und {votes}{anon}.",
    },
    "contest.rules_entries.one": {
        "en": "1 entry",
        "de": "1 Beitrag",
    },
    "contest.rules_entries.other": {
        "en": "{count} entries",
        "de": "{count} Beiträge",
    },
    "contest.rules_votes.one": {
        "en": "1 vote",
        "de": "1 Stimme",
    },
    "contest.rules_votes.other": {
        "en": "{count} votes",
        "de": "{count} Stimmen",
    },
    "contest.anon": {
        "en": "; authors stay hidden until the results",
        "de": "; die Urheber bleiben bis zu den Ergebnissen verborgen",
    },
    "contest.created": {
        "en": "Contest #{id} created in {channel}.",
        "de": "Wettbewerb #{id} in {channel} erstellt.",
    },
    "contest.entry": {"en": "Entry #{entry}", "de": "Beitrag #{entry}"},
    "contest.entry_by": {"en": "Entry #{entry} by {author}", "de": "Beitrag #{entry} von {author}"},
    "contest.submitted": {
        "en": "Your entry #{entry} is in. Good luck!",
        "de": "Dein Beitrag #{entry} ist eingereicht. Viel Glück!",
    },
    "contest.too_many": {
        "en": "You already submitted as many entries to this contest as allowed ({count}). Your text:\n{text}",
        "de": "Du hast in diesem Wettbewerb schon so viele Beiträge eingereicht, wie erlaubt sind ({count}). Dein Text:\n{text}",
    },
    "contest.refused": {
        "en": "This text breaks a server rule ({rule}), so it was not submitted. Your text:\n{text}",
        "de": "Dieser Text verstößt gegen eine Serverregel ({rule}) und wurde nicht eingereicht. Dein Text:\n{text}",
    },
    "contest.empty": {
        "en": "Please add a text or an attachment.",
        "de": "Bitte füge einen Text oder einen Anhang hinzu.",
    },
    "contest.not_submitting": {
        "en": "Contest #{id} does not take submissions now.",
        "de": "Wettbewerb #{id} nimmt gerade keine Einreichungen an.",
    },
    "contest.file_too_large": {
        "en": "The attachment is too large (at most 8 MB).",
        "de": "Der Anhang ist zu groß (höchstens 8 MB).",
    },
    "contest.vote": {"en": "Vote", "de": "Abstimmen"},
    "contest.voting_open": {
        "en": "🗳️ Voting for **{title}** is open until {vote}: press Vote under your favourites.",
        "de": "🗳️ Die Abstimmung für **{title}** läuft bis {vote}: drücke bei deinen Favoriten auf Abstimmen.",
    },
    "contest.voted": {
        "en": "Your vote for entry #{entry} counts. Press again to take it back.",
        "de": "Deine Stimme für Beitrag #{entry} zählt. Drückst du noch einmal, nimmst du sie zurück.",
    },
    "contest.unvoted": {
        "en": "Your vote for entry #{entry} is taken back.",
        "de": "Deine Stimme für Beitrag #{entry} ist zurückgenommen.",
    },
    "contest.vote_limit": {
        "en": "You have used all {count} of your votes. Take one back first.",
        "de": "Du hast alle deine {count} Stimmen vergeben. Nimm zuerst eine zurück.",
    },
    "contest.own_entry": {
        "en": "You cannot vote for your own entry.",
        "de": "Du kannst nicht für deinen eigenen Beitrag stimmen.",
    },
    "contest.not_voting": {"en": "Voting is not open.", "de": "Die Abstimmung ist nicht geöffnet."},
    "contest.too_new": {
        "en": "You must be a member for longer than {age} to vote.",
        "de": "Du musst länger als {age} Mitglied sein, um abzustimmen.",
    },
    "contest.results": {"en": "🏆 Results of {title}", "de": "🏆 Ergebnisse von {title}"},
    "contest.result_line.one": {
        "en": "**{place}.** #{entry} {label} · {author} · {count} vote{tie}",
        "de": "**{place}.** #{entry} {label} · {author} · {count} Stimme{tie}",
    },
    "contest.result_line.other": {
        "en": "**{place}.** #{entry} {label} · {author} · {count} votes{tie}",
        "de": "**{place}.** #{entry} {label} · {author} · {count} Stimmen{tie}",
    },
    "contest.label_title": {"en": "**{title}**", "de": "**{title}**"},
    "contest.label_excerpt": {"en": "“{text}”", "de": "„{text}“"},
    "contest.label_image": {"en": "*image*", "de": "*Bild*"},
    "contest.label_file": {"en": "*file*", "de": "*Datei*"},
    "contest.more.one": {
        "en": "… and 1 more entry (no room left here)",
        "de": "… und 1 weiterer Beitrag (hier ist kein Platz mehr)",
    },
    "contest.more.other": {
        "en": "… and {count} more entries (no room left here)",
        "de": "… und {count} weitere Beiträge (hier ist kein Platz mehr)",
    },
    "contest.tie": {"en": " (tie)", "de": " (gleichauf)"},
    "contest.no_entries": {"en": "No entries.", "de": "Keine Beiträge."},
    "contest.removed": {
        "en": "Entry #{entry} was removed by the team: {reason}",
        "de": "Beitrag #{entry} wurde vom Team entfernt: {reason}",
    },
    "contest.removed_reply": {"en": "Entry #{entry} removed.", "de": "Beitrag #{entry} entfernt."},
    "contest.unknown": {
        "en": "There is no contest or entry #{id} on this server.",
        "de": "Auf diesem Server gibt es keinen Wettbewerb und keinen Beitrag #{id}.",
    },
    "contest.schedule_kind": {"en": "contest", "de": "Wettbewerb"},
}

COMMANDS_DE: dict[str, str] = {
    "contest": "wettbewerb",
    "Skill contests with submissions and voting": "Wettbewerbe mit Einreichungen und Abstimmung",
    "create": "erstellen",
    "Create a contest (Manage Server)": "Erstellt einen Wettbewerb (Server verwalten)",
    "title": "titel",
    "More about the contest": "Mehr zum Wettbewerb",
    "The contest's title": "Der Titel des Wettbewerbs",
    "submission_time": "einreichzeit",
    "How long submissions are open, e.g. 3d": "Wie lange Einreichungen offen sind, z. B. 3d",
    "voting_time": "abstimmzeit",
    "How long voting is open after that, e.g. 2d": "Wie lange danach abgestimmt wird, z. B. 2d",
    "max_submissions_per_member": "einreichungen_pro_mitglied",
    "Entries per member (default 1)": "Beiträge pro Mitglied (Standard 1)",
    "votes_per_member": "stimmen_pro_mitglied",
    "Votes per member (default 1)": "Stimmen pro Mitglied (Standard 1)",
    "anonymous_until_results": "anonym_bis_ergebnis",
    "Hide authors until the results (default on)": "Urheber bis zu den Ergebnissen verbergen (Standard an)",
    "min_membership_age_to_vote": "mindestzeit_zum_abstimmen",
    "Minimum time on the server to vote, e.g. 1d": "Mindestzeit auf dem Server zum Abstimmen, z. B. 1d",
    "submit": "einreichen",
    "Submit an entry": "Reicht einen Beitrag ein",
    "contest_id": "wettbewerb",
    "The contest": "Der Wettbewerb",
    "Your entry's text": "Der Text deines Beitrags",
    "Your entry's title (optional; shown in the results)": "Der Titel deines Beitrags (freiwillig; steht in den Ergebnissen)",
    "attachment": "anhang",
    "An image or file (it is re-uploaded)": "Ein Bild oder eine Datei (wird neu hochgeladen)",
    "remove": "entfernen",
    "Remove an entry (moderators)": "Entfernt einen Beitrag (Team)",
    "entry": "beitrag",
    "The entry number": "Die Beitragsnummer",
    "The reason (the author sees it)": "Der Grund (der Urheber sieht ihn)",
    "Start a contest on a schedule (Manage Server)": "Startet einen Wettbewerb nach Zeitplan (Server verwalten)",
}
