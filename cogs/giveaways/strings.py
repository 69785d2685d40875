"""Text of giveaways in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "giveaway.title": {"en": "🎉 Giveaway: {prize}", "de": "🎉 Gewinnspiel: {prize}"},
    "giveaway.ends": {"en": "Ends {when} ({relative})", "de": "Endet {when} ({relative})"},
    "giveaway.ended": {"en": "Ended {when}", "de": "Beendet {when}"},
    "giveaway.winners": {"en": "Winners: {count}", "de": "Gewinner: {count}"},
    "giveaway.entries": {"en": "Entries: {count}", "de": "Teilnahmen: {count}"},
    "giveaway.rules": {"en": "Who can enter", "de": "Wer teilnehmen kann"},
    "giveaway.rule_everyone": {"en": "every member", "de": "alle Mitglieder"},
    "giveaway.rule_role": {"en": "members with {role}", "de": "Mitglieder mit {role}"},
    "giveaway.rule_account": {"en": "accounts older than {age}", "de": "Konten älter als {age}"},
    "giveaway.rule_member": {
        "en": "members for longer than {age}",
        "de": "Mitglieder seit mehr als {age}",
    },
    "giveaway.fairness": {
        "en": "Fair draw: one entry each, equal odds. The random value for the draw is already sealed (check code `{commitment}`). Nobody can change it unnoticed any more, not even the team. After entries close it is revealed, and anyone can recompute the draw with it.",
        "de": "Faire Auslosung: eine Teilnahme pro Person, gleiche Chancen. Der Zufallswert für die Auslosung ist schon jetzt versiegelt (Prüfcode `{commitment}`). Niemand kann ihn mehr unbemerkt ändern, auch das Team nicht. Nach Teilnahmeschluss wird er veröffentlicht, und alle können die Auslosung damit nachrechnen.",
    },
    "giveaway.enter": {"en": "Enter", "de": "Teilnehmen"},
    "giveaway.leave": {"en": "Leave", "de": "Zurückziehen"},
    "giveaway.entered": {
        "en": "You are in! Your receipt: `{receipt}`. Only you see it here. At the end it is in the published list, and the attached page shows whether and where it was drawn.",
        "de": "Du bist dabei! Dein Beleg: `{receipt}`. Nur du siehst ihn hier. Am Ende steht er in der veröffentlichten Liste, und die angehängte Prüfseite zeigt, ob und wo er gezogen wurde.",
    },
    "giveaway.already": {
        "en": "You have already entered (receipt `{receipt}`).",
        "de": "Du nimmst schon teil (Beleg `{receipt}`).",
    },
    "giveaway.left": {"en": "Your entry is withdrawn.", "de": "Deine Teilnahme ist zurückgezogen."},
    "giveaway.not_entered": {"en": "You had not entered.", "de": "Du hattest nicht teilgenommen."},
    "giveaway.closed": {"en": "This giveaway is over.", "de": "Dieses Gewinnspiel ist vorbei."},
    "giveaway.needs_role": {
        "en": "You need the role {role} to enter.",
        "de": "Zum Teilnehmen brauchst du die Rolle {role}.",
    },
    "giveaway.account_too_new": {
        "en": "Your account must be older than {age} to enter.",
        "de": "Dein Konto muss älter als {age} sein, um teilzunehmen.",
    },
    "giveaway.member_too_new": {
        "en": "You must be a member for longer than {age} to enter.",
        "de": "Du musst länger als {age} Mitglied sein, um teilzunehmen.",
    },
    "giveaway.started": {
        "en": "Giveaway #{id} started in {channel}.",
        "de": "Gewinnspiel #{id} in {channel} gestartet.",
    },
    "giveaway.announce": {
        "en": "🎉 The giveaway for **{prize}** is over. Congratulations, {winners}!",
        "de": "🎉 Das Gewinnspiel um **{prize}** ist vorbei. Herzlichen Glückwunsch, {winners}!",
    },
    "giveaway.announce_none": {
        "en": "The giveaway for **{prize}** is over, but nobody eligible entered.",
        "de": "Das Gewinnspiel um **{prize}** ist vorbei, aber niemand, der teilnehmen durfte, hat mitgemacht.",
    },
    "giveaway.reveal": {
        "en": "The sealed random value: `{seed}` (it fits the check code shown on the giveaway since the start). Check the draw yourself: download the attached page `{page}` and open it in your browser. It recomputes the winners from the attached list of receipts, on your device.",
        "de": "Der versiegelte Zufallswert: `{seed}` (er passt zum Prüfcode, der seit Beginn am Gewinnspiel steht). Prüfe die Auslosung selbst: Lade die angehängte Seite `{page}` herunter und öffne sie im Browser. Sie rechnet die Gewinner aus der angehängten Liste der Belege nach, auf deinem Gerät.",
    },
    "giveaway.reroll_announce": {
        "en": "🎲 Redrawn for **{prize}**. Congratulations!",
        "de": "🎲 Neu gezogen für **{prize}**. Herzlichen Glückwunsch!",
    },
    "giveaway.reroll_reason_unclaimed": {
        "en": "(The prize was not claimed in time.)",
        "de": "(Der Gewinn wurde nicht rechtzeitig angenommen.)",
    },
    "giveaway.reroll_seat": {
        "en": "Winner {seat}: {new} replaces {old}.",
        "de": "Gewinner {seat}: {new} ersetzt {old}.",
    },
    "giveaway.former_winner": {"en": "a former winner", "de": "einen früheren Gewinner"},
    "giveaway.replaced_dm": {
        "en": "In the giveaway for **{prize}** on **{server}**, the team has drawn someone else for your place (winner {seat}). The prize goes to them.",
        "de": "Beim Gewinnspiel um **{prize}** auf **{server}** hat das Team für deinen Platz (Gewinner {seat}) neu gezogen. Der Gewinn geht an die neu gezogene Person.",
    },
    "giveaway.replaced_dm_unclaimed": {
        "en": "You did not claim **{prize}** (giveaway on **{server}**) in time, so someone else was drawn for your place (winner {seat}). The prize goes to them.",
        "de": "Du hast **{prize}** (Gewinnspiel auf **{server}**) nicht rechtzeitig angenommen, deshalb wurde für deinen Platz (Gewinner {seat}) neu gezogen. Der Gewinn geht an die neu gezogene Person.",
    },
    "giveaway.winner_dm": {
        "en": "You won **{prize}** in the giveaway on **{server}**! The team will contact you.",
        "de": "Du hast **{prize}** beim Gewinnspiel auf **{server}** gewonnen! Das Team meldet sich bei dir.",
    },
    "giveaway.ended_reply": {"en": "Giveaway #{id} ended.", "de": "Gewinnspiel #{id} beendet."},
    "giveaway.cancelled": {
        "en": "Giveaway #{id} cancelled; nobody was drawn.",
        "de": "Gewinnspiel #{id} abgesagt; niemand wurde gezogen.",
    },
    "giveaway.cancelled_notice": {
        "en": "This giveaway was cancelled.",
        "de": "Dieses Gewinnspiel wurde abgesagt.",
    },
    "giveaway.not_open": {
        "en": "Giveaway #{id} is not running.",
        "de": "Gewinnspiel #{id} läuft nicht.",
    },
    "giveaway.not_ended": {
        "en": "Giveaway #{id} has not ended yet.",
        "de": "Gewinnspiel #{id} ist noch nicht beendet.",
    },
    "giveaway.rerolled.one": {"en": "Replaced one winner.", "de": "Ein Gewinner ersetzt."},
    "giveaway.rerolled.other": {
        "en": "Replaced {count} winners.",
        "de": "{count} Gewinner ersetzt.",
    },
    "giveaway.reroll_empty": {
        "en": "Nobody eligible is left to draw; nothing changed.",
        "de": "Es ist niemand mehr übrig, der gewinnen darf; nichts wurde geändert.",
    },
    "giveaway.reroll_options": {
        "en": "Choose one: which winner (seat), how many (count), or the unclaimed ones.",
        "de": "Wähle eins: welchen Gewinner (platz), wie viele (anzahl) oder die nicht angenommenen.",
    },
    "giveaway.seat_unknown": {
        "en": "There is no winner {seat}; the winners are numbered 1 to {count} (in the order they were drawn).",
        "de": "Es gibt keinen Gewinner {seat}; die Gewinner sind von 1 bis {count} nummeriert (in der Reihenfolge der Ziehung).",
    },
    "giveaway.seat_taken": {
        "en": "Winner {seat} was replaced meanwhile; nothing changed. Choose again to replace the new winner.",
        "de": "Gewinner {seat} wurde inzwischen ersetzt; nichts wurde geändert. Wähle neu, um den neuen Gewinner zu ersetzen.",
    },
    "giveaway.already_replaced": {
        "en": "These winners were already replaced (a double click or a retry?); nothing changed. Run the command again to replace the new winners.",
        "de": "Diese Gewinner wurden schon ersetzt (doppelt geklickt oder wiederholt?); nichts wurde geändert. Führe den Befehl erneut aus, um die neuen Gewinner zu ersetzen.",
    },
    "giveaway.not_a_winner": {
        "en": "{value} is not a current winner of this giveaway.",
        "de": "{value} ist kein aktueller Gewinner dieses Gewinnspiels.",
    },
    "giveaway.reroll_purged": {
        "en": "The entrant list of giveaway #{id} has been deleted (retention period), so nobody can be drawn again.",
        "de": "Die Teilnehmerliste von Gewinnspiel #{id} ist gelöscht (Aufbewahrungsfrist), daher kann niemand mehr gezogen werden.",
    },
    "giveaway.unknown": {
        "en": "There is no giveaway #{id} on this server.",
        "de": "Auf diesem Server gibt es kein Gewinnspiel #{id}.",
    },
    "giveaway.none_running": {"en": "No giveaway is running.", "de": "Es läuft kein Gewinnspiel."},
    "giveaway.terms": {"en": "Entry terms", "de": "Teilnahmebedingungen"},
    "giveaway.terms_invalid": {
        "en": "`{value}` is not an https:// link.",
        "de": "`{value}` ist kein https://-Link.",
    },
    "giveaway.settings_saved": {
        "en": "Default entry terms: {terms}. Entrant lists are deleted {days} days after the end.",
        "de": "Standard-Teilnahmebedingungen: {terms}. Teilnehmerlisten werden {days} Tage nach dem Ende gelöscht.",
    },
    "giveaway.claim": {"en": "Claim my prize", "de": "Gewinn annehmen"},
    "giveaway.claim_by": {
        "en": "Please claim it {when} with the button below, or it may go to someone else.",
        "de": "Bitte nimm ihn {when} mit dem Knopf unten an, sonst kann er an jemand anderen gehen.",
    },
    "giveaway.claim_claimed": {
        "en": "Claimed! The team will get in touch.",
        "de": "Angenommen! Das Team meldet sich.",
    },
    "giveaway.claim_already": {
        "en": "You have already claimed it.",
        "de": "Du hast ihn schon angenommen.",
    },
    "giveaway.claim_not_winner": {
        "en": "You are not a winner of this giveaway (or no longer).",
        "de": "Du bist kein Gewinner dieses Gewinnspiels (oder nicht mehr).",
    },
    "giveaway.no_claim_deadline": {
        "en": "This giveaway has no claim deadline.",
        "de": "Dieses Gewinnspiel hat keine Annahmefrist.",
    },
    "giveaway.none_unclaimed": {
        "en": "Every winner claimed in time, or the deadline has not passed yet.",
        "de": "Alle Gewinner haben rechtzeitig angenommen, oder die Frist ist noch nicht vorbei.",
    },
    "giveaway.list_line.one": {
        "en": "#{id} · {prize} · 1 entry · ends {when}",
        "de": "#{id} · {prize} · 1 Teilnahme · endet {when}",
    },
    "giveaway.list_line.other": {
        "en": "#{id} · {prize} · {count} entries · ends {when}",
        "de": "#{id} · {prize} · {count} Teilnahmen · endet {when}",
    },
    "giveaway.schedule_kind": {"en": "giveaway", "de": "Gewinnspiel"},
}

COMMANDS_DE: dict[str, str] = {
    "giveaway": "gewinnspiel",
    "Giveaways with a verifiable draw": "Gewinnspiele mit nachprüfbarer Ziehung",
    "start": "starten",
    "Start a giveaway": "Startet ein Gewinnspiel",
    "prize": "preis",
    "What can be won": "Was man gewinnen kann",
    "duration": "dauer",
    "How long, e.g. 1d, 2h30m": "Wie lange, z. B. 1d, 2h30m",
    "winners": "gewinner",
    "Number of winners (1-20)": "Anzahl der Gewinner (1-20)",
    "channel": "kanal",
    "Where to post it (default: here)": "Wo es gepostet wird (Standard: hier)",
    "description": "beschreibung",
    "More about the prize or the rules": "Mehr zum Preis oder zu den Regeln",
    "required_role": "rolle_nötig",
    "Only members with this role can enter": "Nur Mitglieder mit dieser Rolle können teilnehmen",
    "min_account_age": "konto_mindestalter",
    "Minimum account age, e.g. 7d": "Mindestalter des Kontos, z. B. 7d",
    "min_membership_age": "mitglied_mindestens",
    "Minimum time on this server, e.g. 1d": "Mindestzeit auf diesem Server, z. B. 1d",
    "end": "beenden",
    "End a giveaway now and draw": "Beendet ein Gewinnspiel jetzt und zieht",
    "giveaway_id": "gewinnspiel",
    "The giveaway": "Das Gewinnspiel",
    "reroll": "neu_ziehen",
    "Replace winners (never a previous winner)": "Ersetzt Gewinner (nie einen früheren Gewinner)",
    "count": "anzahl",
    "How many winners to replace (the last ones)": "Wie viele Gewinner ersetzt werden (die letzten)",
    "seat": "platz",
    "Which winner to replace: their number (1 = drawn first) or the member": "Welcher Gewinner ersetzt wird: seine Nummer (1 = zuerst gezogen) oder das Mitglied",
    "cancel": "absagen",
    "Cancel a running giveaway without a draw": "Sagt ein laufendes Gewinnspiel ohne Ziehung ab",
    "list": "liste",
    "claim_within": "annahmefrist",
    "Winners must claim within this time, e.g. 2d (then a reroll can replace them)": "Gewinner müssen innerhalb dieser Zeit annehmen, z. B. 2d (sonst kann neu gezogen werden)",
    "unclaimed": "nicht_angenommen",
    "Replace every winner who missed the claim deadline": "Ersetzt alle Gewinner, die die Annahmefrist verpasst haben",
    "terms": "bedingungen",
    "Link to the entry terms (default: the server's)": "Link zu den Teilnahmebedingungen (Standard: die des Servers)",
    "settings": "einstellungen",
    "Default entry terms and how long entrant lists are kept": "Standard-Teilnahmebedingungen und wie lange Teilnehmerlisten bleiben",
    "Link to the entry terms (empty: keep)": "Link zu den Teilnahmebedingungen (leer: beibehalten)",
    "retention_days": "aufbewahrung_tage",
    "Days the entrant list is kept after the end": "Tage, die die Teilnehmerliste nach dem Ende bleibt",
    "Running giveaways": "Laufende Gewinnspiele",
    "Start a giveaway on a schedule (Manage Server)": "Startet ein Gewinnspiel nach Zeitplan (Server verwalten)",
    "How long each giveaway runs, e.g. 1d": "Wie lange jedes Gewinnspiel läuft, z. B. 1d",
}
