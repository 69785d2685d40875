"""Text of Q&A rounds and the FAQ in German and English."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the panel
    "qa.panel_title": {"en": "🎤 Q&A: {topic}", "de": "🎤 Fragerunde: {topic}"},
    "qa.panel_host": {"en": "Host: {host}", "de": "Gastgeber: {host}"},
    "qa.panel_ends": {
        "en": "Questions until {when} ({relative})",
        "de": "Fragen bis {when} ({relative})",
    },
    "qa.panel_closed": {
        "en": "Closed {when}. Thank you for your questions!",
        "de": "Beendet {when}. Danke für eure Fragen!",
    },
    "qa.panel_howto": {
        "en": "Ask with the button below or </ask>, and vote ▲ for the questions you want answered most.",
        "de": "Frag mit dem Knopf unten oder </ask> und stimme mit ▲ für die Fragen, die dir am wichtigsten sind.",
    },
    "qa.panel_howto_moderated": {
        "en": "Ask with the button below or </ask>; the team reviews questions before they appear. Vote ▲ for the ones you want answered most.",
        "de": "Frag mit dem Knopf unten oder </ask>; das Team prüft Fragen, bevor sie erscheinen. Stimme mit ▲ für die, die dir am wichtigsten sind.",
    },
    "qa.panel_anonymous": {
        "en": "Questions in this round are anonymous.",
        "de": "Fragen in dieser Runde sind anonym.",
    },
    "qa.panel_top": {"en": "Top questions", "de": "Top-Fragen"},
    "qa.panel_empty": {
        "en": "No questions yet. Be the first!",
        "de": "Noch keine Fragen. Trau dich!",
    },
    "qa.panel_footer.one": {
        "en": "Round #{id} · 1 question · {answered} answered",
        "de": "Runde #{id} · 1 Frage · {answered} beantwortet",
    },
    "qa.panel_footer.other": {
        "en": "Round #{id} · {count} questions · {answered} answered",
        "de": "Runde #{id} · {count} Fragen · {answered} beantwortet",
    },
    "qa.line": {
        "en": "**{votes}▲** #{number} {text}{merged}",
        "de": "**{votes}▲** #{number} {text}{merged}",
    },
    "qa.merged_count": {"en": " (+{count} merged)", "de": " (+{count} zusammengeführt)"},
    "qa.ask": {"en": "Ask a question", "de": "Frage stellen"},
    "qa.ask_anonymous": {"en": "Ask anonymously", "de": "Anonym fragen"},
    "qa.ask_anonymous_only": {"en": "Ask a question (anonymous)", "de": "Frage stellen (anonym)"},
    # asking
    "qa.ask_title": {"en": "Your question", "de": "Deine Frage"},
    "qa.ask_title_anonymous": {"en": "Your anonymous question", "de": "Deine anonyme Frage"},
    "qa.ask_label": {
        "en": "Question (at most 1,000 characters)",
        "de": "Frage (höchstens 1.000 Zeichen)",
    },
    "qa.asked": {
        "en": "Your question is in as #{number}. Others can vote for it now.",
        "de": "Deine Frage ist als #{number} dabei. Andere können jetzt dafür stimmen.",
    },
    "qa.asked_review": {
        "en": "Thanks! The team reviews your question before it appears.",
        "de": "Danke! Das Team prüft deine Frage, bevor sie erscheint.",
    },
    "qa.empty": {"en": "The text is empty.", "de": "Der Text ist leer."},
    "qa.too_long": {
        "en": "Questions can be at most {limit} characters long.",
        "de": "Fragen dürfen höchstens {limit} Zeichen lang sein.",
    },
    "qa.limit": {
        "en": "You have reached this round's limit of questions per member ({limit}).",
        "de": "Du hast die Höchstzahl an Fragen pro Mitglied in dieser Runde erreicht ({limit}).",
    },
    "qa.refused": {
        "en": "This question breaks a server rule ({rule}), so it was not posted.",
        "de": "Diese Frage verstößt gegen eine Serverregel ({rule}) und wurde nicht gepostet.",
    },
    "qa.none_here": {
        "en": "There is no open Q&A round in this channel.",
        "de": "In diesem Kanal läuft keine Fragerunde.",
    },
    "qa.closed": {"en": "This Q&A round is over.", "de": "Diese Fragerunde ist vorbei."},
    "qa.channel_gone": {
        "en": "The channel of this round no longer exists.",
        "de": "Den Kanal dieser Runde gibt es nicht mehr.",
    },
    # a question
    "qa.question_title": {"en": "Question #{number}", "de": "Frage #{number}"},
    "qa.question_footer": {"en": "Q&A: {topic}", "de": "Fragerunde: {topic}"},
    "qa.asked_by": {"en": "Asked by", "de": "Gefragt von"},
    "qa.anonymous": {"en": "anonymous", "de": "anonym"},
    "qa.votes": {"en": "Votes", "de": "Stimmen"},
    "qa.merged": {"en": "Duplicates", "de": "Duplikate"},
    "qa.erased": {"en": "(removed)", "de": "(entfernt)"},
    "qa.upvote": {"en": "▲ {votes}", "de": "▲ {votes}"},
    "qa.answer": {"en": "Answer", "de": "Beantworten"},
    "qa.merged_into": {
        "en": "This question was merged into #{number}; your vote goes there.",
        "de": "Diese Frage wurde mit #{number} zusammengeführt; deine Stimme zählt dort.",
    },
    # voting
    "qa.voted": {
        "en": "Your vote for #{number} counts ({votes} in total). Click again to take it back.",
        "de": "Deine Stimme für #{number} zählt ({votes} insgesamt). Klickst du noch einmal, nimmst du sie zurück.",
    },
    "qa.unvoted": {
        "en": "Your vote for #{number} is taken back ({votes} left).",
        "de": "Deine Stimme für #{number} ist zurückgenommen ({votes} übrig).",
    },
    "qa.own_question": {
        "en": "You cannot vote for your own question.",
        "de": "Für deine eigene Frage kannst du nicht stimmen.",
    },
    "qa.not_votable": {
        "en": "This question cannot get votes.",
        "de": "Für diese Frage kann man nicht stimmen.",
    },
    # review
    "qa.review_title": {
        "en": "Q&A question #{number} waits for review",
        "de": "Frage #{number} der Fragerunde wartet auf Prüfung",
    },
    "qa.review_author": {"en": "Asked by (team only)", "de": "Gefragt von (nur fürs Team)"},
    "qa.approve": {"en": "Approve", "de": "Freigeben"},
    "qa.reject": {"en": "Reject", "de": "Ablehnen"},
    "qa.reject_title": {"en": "Reject the question", "de": "Frage ablehnen"},
    "qa.reject_label": {
        "en": "Reason (the member is told)",
        "de": "Grund (das Mitglied erfährt ihn)",
    },
    "qa.approved": {
        "en": "Question #{number} is now public.",
        "de": "Frage #{number} ist jetzt öffentlich.",
    },
    "qa.rejected": {
        "en": "Question #{number} was rejected; the member is told why.",
        "de": "Frage #{number} wurde abgelehnt; das Mitglied erfährt den Grund.",
    },
    "qa.rejected_dm": {
        "en": 'Your question for the Q&A round "{topic}" was not taken. Reason: {reason}\nYour text:\n{text}',
        "de": "Deine Frage für die Fragerunde „{topic}“ wurde nicht angenommen. Grund: {reason}\nDein Text:\n{text}",
    },
    "qa.already_reviewed": {
        "en": "This question was already reviewed.",
        "de": "Diese Frage wurde schon geprüft.",
    },
    "qa.review_approved": {"en": "✅ Approved by {by}.", "de": "✅ Freigegeben von {by}."},
    "qa.review_rejected": {
        "en": "❌ Rejected by {by}: {reason}",
        "de": "❌ Abgelehnt von {by}: {reason}",
    },
    "qa.review_merged": {
        "en": "🔗 Merged into another question by {by}.",
        "de": "🔗 Von {by} mit einer anderen Frage zusammengeführt.",
    },
    "qa.needs_review_channel": {
        "en": "Moderated rounds need a channel for the moderation log, where questions wait for review: set one with </config channel>.",
        "de": "Moderierte Runden brauchen einen Kanal für das Moderationsprotokoll, in dem Fragen auf Prüfung warten: Leg ihn mit </config channel> fest.",
    },
    # answers
    "qa.answer_title_modal": {"en": "Answer the question", "de": "Frage beantworten"},
    "qa.answer_label": {"en": "Your answer", "de": "Deine Antwort"},
    "qa.answer_title": {"en": "Answer to #{number}", "de": "Antwort auf #{number}"},
    "qa.question": {"en": "Question", "de": "Frage"},
    "qa.answered_by": {"en": "Answered by", "de": "Beantwortet von"},
    "qa.answered": {
        "en": "Question #{number} is answered.",
        "de": "Frage #{number} ist beantwortet.",
    },
    "qa.already_answered": {
        "en": "Question #{number} is already answered.",
        "de": "Frage #{number} ist schon beantwortet.",
    },
    "qa.not_answerable": {
        "en": "This question cannot be answered (it waits for review, was rejected or merged).",
        "de": "Diese Frage kann nicht beantwortet werden (sie wartet auf Prüfung, wurde abgelehnt oder zusammengeführt).",
    },
    "qa.answer_not_posted": {
        "en": "Discord did not take the answer (the bot may lack a permission in that channel); nothing was recorded, please try again.",
        "de": "Discord hat die Antwort nicht angenommen (dem Bot fehlt dort vielleicht eine Berechtigung); nichts wurde gespeichert, bitte versuch es nochmal.",
    },
    "qa.team_only": {
        "en": "Only the server's moderators can do that.",
        "de": "Das kann nur das Moderationsteam des Servers.",
    },
    "qa.not_posted": {
        "en": "Discord did not take the question (the bot may lack a permission in that channel); it was not counted, please try again later.",
        "de": "Discord hat die Frage nicht angenommen (dem Bot fehlt dort vielleicht eine Berechtigung); sie zählt nicht, bitte versuch es später nochmal.",
    },
    "qa.host_only": {
        "en": "Only the host or a moderator can do that.",
        "de": "Das können nur der Gastgeber oder das Moderationsteam.",
    },
    "qa.to_faq": {"en": "Add to FAQ", "de": "Ins FAQ übernehmen"},
    "qa.faq_missing": {
        "en": "The FAQ is not available on this bot.",
        "de": "Das FAQ ist bei diesem Bot nicht verfügbar.",
    },
    # commands
    "qa.started": {
        "en": "Q&A round #{id} is open in {channel}.",
        "de": "Fragerunde #{id} ist in {channel} eröffnet.",
    },
    "qa.already_open": {
        "en": "A Q&A round is already open in {channel}. End it first with </qa end>.",
        "de": "In {channel} läuft schon eine Fragerunde. Beende sie zuerst mit </qa end>.",
    },
    "qa.host_bot": {
        "en": "A bot cannot host a Q&A round.",
        "de": "Ein Bot kann keine Fragerunde leiten.",
    },
    "qa.ended": {"en": "Q&A round #{id} is closed.", "de": "Fragerunde #{id} ist beendet."},
    "qa.already_closed": {
        "en": "Q&A round #{id} was already closed.",
        "de": "Fragerunde #{id} war schon beendet.",
    },
    "qa.unknown_round": {
        "en": "There is no Q&A round {id}.",
        "de": "Es gibt keine Fragerunde {id}.",
    },
    "qa.unknown_question": {"en": "There is no question {id}.", "de": "Es gibt keine Frage {id}."},
    "qa.merge_invalid": {
        "en": "Only two different questions of the same round can be merged, and not twice.",
        "de": "Zusammenführen geht nur mit zwei verschiedenen Fragen derselben Runde, und nicht doppelt.",
    },
    "qa.merge_target": {
        "en": "Question #{number} is not public, so nothing can be merged into it.",
        "de": "Frage #{number} ist nicht öffentlich, also kann nichts mit ihr zusammengeführt werden.",
    },
    "qa.merged_done.one": {
        "en": "#{duplicate} is merged into #{number}, which now has 1 vote (each member counted once).",
        "de": "#{duplicate} ist mit #{number} zusammengeführt, die jetzt 1 Stimme hat (jedes Mitglied einmal gezählt).",
    },
    "qa.merged_done.other": {
        "en": "#{duplicate} is merged into #{number}, which now has {count} votes (each member counted once).",
        "de": "#{duplicate} ist mit #{number} zusammengeführt, die jetzt {count} Stimmen hat (jedes Mitglied einmal gezählt).",
    },
    "qa.author_is": {
        "en": "Question #{number} was asked by {author}.",
        "de": "Frage #{number} hat {author} gestellt.",
    },
    "qa.exported": {"en": "The transcript of round #{id}:", "de": "Das Protokoll von Runde #{id}:"},
    # the summary and the transcript
    "qa.summary_title": {"en": "📋 Q&A closed: {topic}", "de": "📋 Fragerunde beendet: {topic}"},
    "qa.summary_counts": {
        "en": "Questions: {questions} · asked by: {askers} · answered: {answered} · voted: {voters}",
        "de": "Fragen: {questions} · gestellt von: {askers} · beantwortet: {answered} · abgestimmt haben: {voters}",
    },
    "qa.summary_answered": {"en": "Answered ({count})", "de": "Beantwortet ({count})"},
    "qa.summary_unanswered": {"en": "Not answered ({count})", "de": "Nicht beantwortet ({count})"},
    "qa.summary_none": {"en": "none", "de": "keine"},
    "qa.summary_more": {"en": "… and {count} more", "de": "… und {count} weitere"},
    "qa.summary_footer": {
        "en": "Round #{id} · the full transcript: /qa export",
        "de": "Runde #{id} · das ganze Protokoll: /fragerunde exportieren",
    },
    "qa.transcript_meta": {
        "en": "Host: {host} · round #{id}",
        "de": "Gastgeber: {host} · Runde #{id}",
    },
    "qa.transcript_question.one": {
        "en": "#{number} (1 vote, asked by {author})",
        "de": "#{number} (1 Stimme, gefragt von {author})",
    },
    "qa.transcript_question.other": {
        "en": "#{number} ({count} votes, asked by {author})",
        "de": "#{number} ({count} Stimmen, gefragt von {author})",
    },
    "qa.transcript_answer": {"en": "Answer ({by}):", "de": "Antwort ({by}):"},
    "qa.transcript_not_counted": {
        "en": "Not counted ({count})",
        "de": "Nicht mitgezählt ({count})",
    },
    "qa.transcript_not_counted_note": {
        "en": "The counts above are the visible questions. A merged duplicate counts as the question it was merged into; rejected questions and questions still waiting for review do not count.",
        "de": "Oben zählen die sichtbaren Fragen. Ein zusammengeführtes Duplikat zählt als die Frage, in die es zusammengeführt wurde; abgelehnte Fragen und Fragen, die noch auf Prüfung warten, zählen nicht.",
    },
    "qa.transcript_merged": {
        "en": "#{number}: merged into #{target}",
        "de": "#{number}: zusammengeführt mit #{target}",
    },
    "qa.transcript_rejected": {"en": "#{number}: rejected", "de": "#{number}: abgelehnt"},
    "qa.transcript_pending": {
        "en": "#{number}: not approved (waiting for review)",
        "de": "#{number}: nicht freigegeben (wartet auf Prüfung)",
    },
    # the FAQ
    "faq.added": {"en": "FAQ entry #{id} saved.", "de": "FAQ-Eintrag #{id} gespeichert."},
    "faq.already_added": {
        "en": "This question is already in the FAQ.",
        "de": "Diese Frage steht schon im FAQ.",
    },
    "faq.not_answered": {
        "en": "Only answered questions can go into the FAQ.",
        "de": "Nur beantwortete Fragen können ins FAQ.",
    },
    "faq.removed": {"en": "FAQ entry #{id} removed.", "de": "FAQ-Eintrag #{id} entfernt."},
    "faq.unknown": {"en": "There is no FAQ entry {id}.", "de": "Es gibt keinen FAQ-Eintrag {id}."},
    "faq.footer": {"en": "FAQ #{id}", "de": "FAQ #{id}"},
    "faq.nothing_found": {
        "en": 'Nothing in the FAQ matches "{query}". Ask the team, or in the next Q&A round!',
        "de": "Im FAQ passt nichts zu „{query}“. Frag das Team oder in der nächsten Fragerunde!",
    },
    "faq.empty": {
        "en": "The FAQ is empty. Moderators add entries with </faq add> or from answered Q&A questions.",
        "de": "Das FAQ ist leer. Das Team fügt Einträge mit </faq add> oder aus beantworteten Fragen hinzu.",
    },
    "faq.list_line": {
        "en": "#{id} {question} · 👍 {helped} 👎 {not_helped}",
        "de": "#{id} {question} · 👍 {helped} 👎 {not_helped}",
    },
    "faq.list_more": {"en": "… (use </faq search>)", "de": "… (nutze </faq search>)"},
    "faq.autoreply_on": {
        "en": "In {channel} the bot now answers questions that match the FAQ.",
        "de": "In {channel} beantwortet der Bot jetzt Fragen, die zum FAQ passen.",
    },
    "faq.autoreply_off": {
        "en": "In {channel} the bot no longer answers from the FAQ.",
        "de": "In {channel} antwortet der Bot nicht mehr aus dem FAQ.",
    },
    "faq.auto_intro": {
        "en": "This might answer your question (from the FAQ):",
        "de": "Vielleicht beantwortet das deine Frage (aus dem FAQ):",
    },
    "faq.helped": {"en": "This helped", "de": "Hat geholfen"},
    "faq.not_helped": {"en": "Not what I asked", "de": "Nicht meine Frage"},
    "faq.thanks_helped": {
        "en": "Glad it helped. Thanks!",
        "de": "Schön, dass es geholfen hat. Danke!",
    },
    "faq.thanks_not_helped": {
        "en": "Thanks for telling us; the team sees it and can improve the FAQ.",
        "de": "Danke für den Hinweis; das Team sieht es und kann das FAQ verbessern.",
    },
    "faq.rated_already": {
        "en": "You had already said that about this answer.",
        "de": "Das hattest du zu dieser Antwort schon gesagt.",
    },
    "qa.schedule_kind": {"en": "Q&A round", "de": "Fragerunde"},
    "qa.schedule_event": {"en": "Q&A: {topic}", "de": "Fragerunde: {topic}"},
    "qa.schedule_event_description": {
        "en": "Ask your questions in {channel} and vote for the ones that matter most to you.",
        "de": "Stell deine Fragen in {channel} und stimme für die, die dir am wichtigsten sind.",
    },
    "qa.schedule_needs_review_channel": {
        "en": "Moderated rounds need a channel for the moderation log, where questions wait for review: set one with </config channel>.",
        "de": "Moderierte Runden brauchen einen Kanal für das Moderationsprotokoll, in dem Fragen auf Prüfung warten: Leg ihn mit </config channel> fest.",
    },
}

COMMANDS_DE: dict[str, str] = {
    "qa": "fragerunde",
    "Q&A rounds: questions, votes and answers": "Fragerunden: Fragen, Stimmen und Antworten",
    "start": "starten",
    "Open a Q&A round in a channel": "Eröffnet eine Fragerunde in einem Kanal",
    "topic": "thema",
    "What the round is about": "Worum es in der Runde geht",
    "duration": "dauer",
    "How long questions are taken, e.g. 1h, 90m (default 1h)": "Wie lange Fragen angenommen werden, z. B. 1h, 90m (Standard 1h)",
    "channel": "kanal",
    "Where the round runs (default: here)": "Wo die Runde läuft (Standard: hier)",
    "host": "gastgeber",
    "Who answers (default: you)": "Wer antwortet (Standard: du)",
    "anonymous": "anonym",
    "All questions without their author's name": "Alle Fragen ohne Namen der Fragenden",
    "moderated": "moderiert",
    "Questions wait for a moderator's approval": "Fragen warten auf die Freigabe durch das Team",
    "questions_per_member": "fragen_pro_mitglied",
    "Questions each member may ask (default 3)": "Fragen pro Mitglied (Standard 3)",
    "end": "beenden",
    "Close a Q&A round now and post the summary": "Beendet eine Fragerunde jetzt und postet die Zusammenfassung",
    "round": "runde",
    "The round (default: the one in this channel)": "Die Runde (Standard: die in diesem Kanal)",
    "The round (default: the latest one in this channel)": "Die Runde (Standard: die letzte in diesem Kanal)",
    "answer": "antworten",
    "text": "text",
    "Answer a question of a Q&A round": "Beantwortet eine Frage einer Fragerunde",
    "The question, e.g. #2": "Die Frage, z. B. #2",
    "Your answer": "Deine Antwort",
    "merge": "zusammenführen",
    "Merge a duplicate question into another one": "Führt eine doppelte Frage mit einer anderen zusammen",
    "duplicate": "duplikat",
    "The duplicate, e.g. #3": "Das Duplikat, z. B. #3",
    "into": "mit",
    "The question it duplicates, e.g. #1": "Die Frage, die es doppelt, z. B. #1",
    "author": "fragesteller",
    "Who asked a question (also anonymous ones)": "Wer eine Frage gestellt hat (auch anonyme)",
    "export": "exportieren",
    "A Markdown transcript of a Q&A round": "Ein Markdown-Protokoll einer Fragerunde",
    "ask": "fragen",
    "Ask a question in this channel's Q&A round": "Stellt eine Frage in der Fragerunde dieses Kanals",
    "question": "frage",
    "Your question": "Deine Frage",
    "Hide your name from other members": "Deinen Namen vor anderen Mitgliedern verbergen",
    "faq": "faq",
    "The community FAQ": "Das FAQ der Community",
    "add": "hinzufügen",
    "Add an entry to the FAQ (moderators)": "Fügt dem FAQ einen Eintrag hinzu (Team)",
    "The question as members ask it": "Die Frage, wie Mitglieder sie stellen",
    "The answer": "Die Antwort",
    "remove": "entfernen",
    "Remove an entry from the FAQ (moderators)": "Entfernt einen Eintrag aus dem FAQ (Team)",
    "faq_entry": "faq_eintrag",
    "The entry": "Der Eintrag",
    "search": "suchen",
    "Find an answer in the FAQ": "Findet eine Antwort im FAQ",
    "query": "suche",
    "What you are looking for": "Wonach du suchst",
    "public": "öffentlich",
    "Post the answer in the channel": "Postet die Antwort im Kanal",
    "list": "liste",
    "Every FAQ entry": "Alle FAQ-Einträge",
    "autoreply": "autoantwort",
    "Answer matching questions in a channel from the FAQ": "Beantwortet passende Fragen in einem Kanal aus dem FAQ",
    "The channel": "Der Kanal",
    "enabled": "aktiv",
    "On or off": "Ein oder aus",
    "Open a Q&A round on a schedule (Manage Server)": "Eröffnet eine Fragerunde nach Zeitplan (Server verwalten)",
    "How long questions are taken, e.g. 1h": "Wie lange Fragen angenommen werden, z. B. 1h",
}
