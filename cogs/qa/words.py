"""The word tables of the FAQ matcher, in German and English (data; folded spellings: "ae"
for "ä"): set phrases, function words, question words, community words and their terms, suffixes,
compound heads, greetings and fillers. ``terms.py`` applies them."""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
APOSTROPHES = str.maketrans({"\u2019": "'", "`": "'", "´": "'"})
PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bq\s*(?:&|and|und|n|\+)\s*a\b", " qanda "),
        (r"\bfan\s*-?\s*art", " fanart "),
        (r"\bself\s*-?\s*promo(?:tion)?\b", " selfpromo "),
        (r"\bsign\s*(?:ing\s*)?up\b", " signup "),
        (r"\bgo(?:es|ing)?\s+live\b|\bgeht\s+live\b|\blive\s+gehs?t\b", " golive "),
        (
            r"\bwhat\s+(?:time|days?)\b|\bwhich\s+days?\b|\bum\s+wie\s*viel\s+uhr\b"
            r"|\bwie\s*spaet\b|\ban\s+welchen\s+tagen\b",
            " wann ",
        ),
        (r"\b(?:in\s+)?(?:which|welche[mnrs]?)\s+(channel|kanal)\b", r" wo \1 "),
        (r"\b(?:i\s*'?\s*a?m|ich\s+bin)\s+\d{1,2}\b", " age "),
        (r"\bstumm\s*ge\s*schaltet\b", " stummgeschaltet "),
        (r"\bcoming\s+up\b", " upcoming "),
        (r"\bwie\s*(?:viel|viele)\s+jahre?n?\b|\bhow\s+old\b|\bwie\s+alt\b", " age "),
        (r"\b(?:how|wie)\s*(?:many|much|often|viele?|oft)\b", " howmuch "),
        (r"\bcan\s*'?\s*t\b|\bcannot\b", " can not "),
        (r"\b(\w+)n\s*'\s*t\b", r" \1 not "),
        (r"'\s*(?:s|re|m|ll|ve|d)\b", " "),
    )
)
# Most text contains none of the phrases: one search for all of them spares the substitutions
# (none of them can change a text no phrase matches, so the next cannot either).
ANY_PHRASE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in PHRASES))
WORD = re.compile(r"[^\W\d_]+")
CLAUSE = re.compile(r"[,;:.!?？()\n]+")
ENDS_WITH_QUESTION_MARK = re.compile(r"[?？][\W_]*$")  # emoji or "?!" may follow

# Function words of both languages (folded), and vague verbs and adverbs: dropped.
STOP_WORDS = _word_set(
    """
    a about after again all also am an and any anyone anything anybody are as at be been being
    both but by could did do does doing done for from had has have having he her here hers him
    his i if in into is it its just me might more most my myself no nor not now of off on once
    only or other our ours out over own please same she should so some something such than
    that the their them then there these they this those through to too u under until up very
    was we were what whats which while will with would you your yours yourself r ur im ive id
    youre dont cant doesnt isnt hey hi hello guys pls plz thx thanks ok okay yo btw really
    actually still even one ever way thing things quick question how can may make makes made
    see seen saw know need want let lets take put go going gonna wanna today now right already
    work works working become becomes many much often where when why who whom whens wheres whos
    always soon yet got gotten nobody nothing against
    ab aber wir alle allem allen aller alles als auch auf aus bei beim bin bis bist da dabei
    damit dann das dass dein deine deinem deinen deiner dem den denn der des dich die dir doch
    dort du durch ein eine einem einen einer eines er es etwa etwas euch euer eure eurem euren
    gibt gibts gib hab habe haben hast hat hatte habt hier ich ihm ihn ihr ihre ihrem ihren ins
    irgendwo irgendwie ist ja jetzt kann kannst koennen koennt konnte mal man mein meine meinem
    meinen meiner mich mir mit muss musst nach ne nein nen nicht noch nun nur ob oder ohne sehr
    sein seine seinem seinen sich sie sind soll sollte sollen uns unser unsere unter vom von
    vor war waren was welche welchem welchen welcher welches wem wen werde werden wird wirst
    wuerde wurde wurden wie zu zum zur ueber fuer um und weil wenn hallo moin servus leute bitte
    danke eigentlich halt gerade grad kurze frage machen mach mache macht gemacht geben gebe
    gibst gegeben sehen sehe seh siehst sieht gesehen tun tue tust kommen komme kommt gehen
    geht gehe nehmen nimmt wissen weiss brauchen brauche braucht lassen lass laesst stellen
    stelle heute gegen schon wieder immer kein keine keinen keiner niemand nichts andere
    anderen anderer anderes funktioniert funktionieren funktionierts klappt viel viele oft
    wann warum wieso weshalb wo wohin wer
    """
)
# Question words that carry meaning when they open a clause: they become intent terms.
INTENT = {
    "warum": "why",
    "wieso": "why",
    "weshalb": "why",
    "why": "why",
    "wann": "when",
    "when": "when",
    "whens": "when",
    "wo": "where",
    "wohin": "where",
    "where": "where",
    "wheres": "where",
    "wer": "who",
    "who": "who",
    "whos": "who",
    "whom": "who",
    "howmuch": "howmuch",  # "how many", "wie oft": counts wherever it stands
}
INTENT_TERM = "?"  # prefix of intent terms, which no word can produce

# Community words in German and English, each group mapped to one term.
SYNONYMS: dict[str, str] = {
    "rule": "regel regeln regelwerk rule rules",
    "role": "rolle rollen role roles",
    "verify": "verifizieren verifiziere verifizier verifiziert verifizierung verify verified "
    "verification verifying",
    "report": "melden melde meldet meldest meldung gemeldet report reports reported reporting "
    "reporten",
    "giveaway": "gewinnspiel gewinnspiele gewinnspielen giveaway giveaways verlosung",
    "mute": "stumm stummgeschaltet stummschaltung stummschalten mute muted mutes gemutet "
    "gemuted timeout timeouts timed",
    "event": "event events veranstaltung veranstaltungen",
    "question": "frage fragen question questions ask",
    "qanda": "qanda qna fragerunde fragerunden ama",
    "command": "befehl befehle command commands cmd cmds",
    "stream": "stream streams streamen streamst streamt gestreamt streaming streamed",
    "schedule": "plan streamplan zeitplan schedule geplant planned scheduled",
    "merch": "merch merchandise shop store fanartikel hoodie hoodies shirt shirts tshirt "
    "tshirts tasse tassen mug mugs",
    "buy": "kaufen kaufe kauf buy bestellen bestelle order purchase sell verkaufen verkauft",
    "partner": "partner partnerschaft partnered partnering partnerprogramm partnerprogramme",
    "appeal": "einspruch widerspruch berufung appeal appeals appealing unrecht ungerecht unfair "
    "unfairly wrongly",
    "nickname": "nickname nicknames nick nicknamen name namen spitzname",
    "change": "aendern aendere geaendert change changing changed wechseln umbenennen rename",
    "language": "sprache sprachen language languages",
    "english": "englisch englischen englische english",
    "german": "deutsch deutschen deutsche german",
    "spanish": "spanisch spanish espanol",
    "french": "franzoesisch french francais",
    "channel": "kanal kanaele channel channels",
    "moderator": "mod mods moderator moderatoren moderators modteam staff",
    "apply": "bewerben bewerbe bewerbung apply application applications",
    "promote": "werben werbung eigenwerbung promote promotion selfpromo advertise advertising "
    "ad ads",
    "feedback": "feedback vorschlag vorschlaege suggestion suggestions suggest idee ideen idea "
    "ideas",
    "ticket": "ticket tickets",
    "contact": "erreichen kontaktieren kontakt contact reach",
    "data": "daten data info infos information informationen",
    "store": "speichern speichert gespeichert store stores stored save saves saved",
    "delete": "loeschen loescht geloescht delete deleted deletes erase entfernen remove removed "
    "disappear disappeared verschwunden weg gone",
    "voice": "voice vc sprachkanal sprachchat",
    "talk": "reden sprechen talk speak hear hoeren hoert",
    "notify": "benachrichtigung benachrichtigt benachrichtigen bescheid notify notified "
    "notification notifications",
    "live": "live golive",
    "boost": "boost boosten booste boosts boosting boosted booster boosters",
    "fanart": "fanart zeichnung zeichnungen drawing drawings artwork",
    "clip": "clip clips highlight highlights",
    "post": "posten poste post teilen share",
    "tournament": "turnier turniere turnieren tournament tournaments",
    "signup": "anmelden anmeldung anmeldungen registrieren signup register registration",
    "invite": "einladen einladung einladungen einladungslink invite invites",
    "friend": "freund freunde friend friends",
    "play": "zocken mitspielen play playing",
    "viewer": "zuschauer viewer viewers",
    "message": "nachricht nachrichten message messages msg",
    "bug": "bug bugs fehler glitch",
    "sub": "sub subs subscriber subscribers abonnent abonnenten subbed abo",
    "connect": "verbinden verknuepfen verbindung verbindungen connect connection connections",
    "age": "age alter mindestalter jahre years",
    "member": "mitglied mitglieder member members",
    "user": "nutzer user users jemand jemanden someone somebody person",
    "join": "teilnehmen teilnahme teil mitmachen join enter participate",
    "get": "bekommen bekomme bekommt bekomm kriegen krieg kriege get gets obtain erhalten",
    "start": "starten startet anfangen anfaengt los start starts begin begins",
    "warn": "verwarnt verwarnung verwarnungen warn warned warning warnings",
    "ban": "bann bannen gebannt ban banned bans",
    "punishment": "strafe strafen punishment penalty",
    "next": "naechste naechsten naechstes next upcoming kommende bald soon",
    "allow": "darf duerfen erlaubt allowed allow may",
    "find": "finden finde find read lesen nachlesen",
    "submit": "einreichen einreiche submit send schicken schicke",
    "requirement": "voraussetzung voraussetzungen anforderungen bedingungen requirement "
    "requirements",
    "perk": "vorteil vorteile perk perks benefit benefits bonus",
    "dm": "dm dms direktnachricht direktnachrichten pn pns",
    "youtube": "youtube yt",
    "pick": "auswaehlen auswaehl waehlen waehlst waehle pick choose select",
    "seek": "suchen sucht suche seek seeking looking recruiting",
    "open": "oeffnen oeffne open",
}
# Terms that also stand for a broader one: a language is a language, a schedule says when.
ALSO: dict[str, tuple[str, ...]] = {
    "english": ("language",),
    "german": ("language",),
    "spanish": ("language",),
    "french": ("language",),
    "schedule": ("?when",),
}
# Common, vague terms: they count less, and sharing only them is no reason for a reply.
WEAK = _word_set(
    "get find allow next change start join post buy user member channel serv discord account"
)
SUFFIXES = (
    "ungen",
    "ation",
    "ings",
    "ing",
    "ung",
    "ern",
    "est",
    "ers",
    "en",
    "er",
    "es",
    "ed",
    "em",
    "e",
    "n",
    "s",
    "y",
    "t",
)
# German compound heads besides the table's words ("Spielregeln", "Zuschauerrunden").
COMPOUND_HEADS = _word_set("server spiel spiele sprach stream mindest eigen zuschauer")

# Words that open questions, and verbs that do when a subject follows ("kann ich", "is there").
QUESTION_WORDS = _word_set(
    """
    wie wo wann warum wieso weshalb was wer wen wem wessen welche welcher welches welchen
    welchem woher wohin womit wozu worum wofuer
    how hows where wheres when whens why what whats who whos whom whose which
    """
)
INVERTED_VERBS = _word_set(
    """
    kann kannst koennen koennt darf darfst duerfen muss musst muessen soll sollte sollen gibt
    gibts ist sind bin bist hat hast habt haben hab habe wird werde werden wurde weiss kennt
    brauche braucht geht funktioniert
    can cant could do does did dont doesnt didnt is isnt are arent am was were will would
    should shall may might have has must any
    """
)
SUBJECTS = _word_set(
    """
    ich du er sie es man wir ihr jemand jemanden wer das der die den ein eine einen mein meine
    meinen dein deine euer eure hier da
    i you u he she it we they there someone somebody anyone anybody the a an my your this that
    these those me us
    """
)
GREETING = re.compile(
    r"(?:na\s+)?(?:wie\s*gehts?|wie\s+geht\s+(?:es|s)|was\s+geht|alles\s+(?:klar|gut|fit)"
    r"|how\s+(?:are|r)\s+(?:you|u|ya)|hows\s+it\s+going|how\s+is\s+it\s+going|how\s+you\s+doing"
    r"|whats\s+up|wassup|sup|you\s+good|u\s+good)"
    r"(?:\s+(?:dir|euch|ihnen|so|bei|leute|guys|all|everyone|zusammen|today|heute|doing|ab))*"
)
FILLER = _word_set(
    """
    hi hey hallo moin servus yo na und also ok okay sorry leute guys kurze quick frage question
    btw ehm aehm aeh um uh hm hmm so ja and
    """
)
# Typing errors in question words and verbs ("wan", "wher", "kan") are read as the word, unless
# the shortened form is a word itself.
TYPO_PRONE = _word_set("kann kannst gibt gibts what whats which welche there theres")
REAL_WORDS = _word_set("warm wich git hats hen ann hom hos thee wohn whee")
