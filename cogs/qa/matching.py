"""Matching chat messages and search queries to FAQ entries, in German and English.

Pure Python, no Discord. Text is normalised (NFKC, casefolded, umlauts folded "ä" -> "ae",
accents and punctuation removed), function words of both languages are dropped, German
compounds are split at known community words ("Serverregeln" -> "server" + "regeln"), words
are cut to a light stem and mapped through a small table of community words so that German and
English questions meet ("Rolle"/"role", "melden"/"report", "stumm"/"muted"). A question word
that opens a clause becomes a term of its own ("warum"/"why"), so "who won the giveaway?" is not
taken for "how do I enter a giveaway?". A word no entry contains is matched to a known word that
shares its character trigrams and is one or two typing errors away ("verfiziere" -> verify).

Scores are TF-IDF cosines over these terms; an entry's answer counts with a lower weight than
its question. ``FaqIndex.match`` (automatic replies) needs a question, a score of at least
``THRESHOLD``, a content word in common with the entry's question and a lead of ``MARGIN`` over
the second-best entry. ``FaqIndex.search`` (the search command and its autocomplete) ranks
everything from ``SEARCH_MINIMUM`` up and completes words as they are typed ("disc" finds
"Discord"). Measured with ``python -m bench.faq`` on bench/data/faq/.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

THRESHOLD = 0.45
"""Lowest score for an automatic reply (tuned so wrong replies are rare, see bench/faq.py)."""
MARGIN = 0.05
"""How far the best entry must be ahead of the second one for an automatic reply."""
SEARCH_MINIMUM = 0.05
"""Lowest score of a result of the search command."""

MAX_QUESTION_CHARS = 500
"""Longer messages are not taken for questions."""
MAX_QUERY_CHARS = 1000
"""Longer input is cut before matching, so a huge message costs no more than a normal one."""

ANSWER_WEIGHT = 0.6
"""Weight of a term of an entry's answer, relative to one of its question."""
WEAK_WEIGHT = 0.5
"""Weight of common, vague terms ("get", "channel", "server"), relative to their IDF."""
INTENT_WEIGHT = 0.5
"""Weight of a question word ("why", "when") that entries also ask, relative to its IDF."""
FUZZY_WEIGHT = 0.8
"""Weight of a query word matched to a known word despite typing errors."""
PREFIX_WEIGHT = 0.85
"""Weight of a known word completed from a partly typed word of a search query."""
WEAK_ONLY = 0.5
"""Factor for an entry whose question shares only vague terms or question words with a message."""


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "`": "'", "´": "'"})
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
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
_WORD = re.compile(r"[^\W\d_]+")
_CLAUSE = re.compile(r"[,;:.!?？()\n]+")
_ENDS_WITH_QUESTION_MARK = re.compile(r"[?？][\W_]*$")  # emoji or "?!" may follow

# Function words of both languages (folded), and vague verbs and adverbs: dropped.
_STOP_WORDS = _word_set(
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
_INTENT = {
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
_INTENT_TERM = "?"  # prefix of intent terms, which no word can produce

# Community words in German and English, each group mapped to one term.
_SYNONYMS: dict[str, str] = {
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
_ALSO: dict[str, tuple[str, ...]] = {
    "english": ("language",),
    "german": ("language",),
    "spanish": ("language",),
    "french": ("language",),
    "schedule": ("?when",),
}
# Common, vague terms: they count less, and sharing only them is no reason for a reply.
_WEAK = _word_set(
    "get find allow next change start join post buy user member channel serv discord account"
)
_SUFFIXES = (
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
_COMPOUND_HEADS = _word_set("server spiel spiele sprach stream mindest eigen zuschauer")

# Words that open questions, and verbs that do when a subject follows ("kann ich", "is there").
_QUESTION_WORDS = _word_set(
    """
    wie wo wann warum wieso weshalb was wer wen wem wessen welche welcher welches welchen
    welchem woher wohin womit wozu worum wofuer
    how hows where wheres when whens why what whats who whos whom whose which
    """
)
_INVERTED_VERBS = _word_set(
    """
    kann kannst koennen koennt darf darfst duerfen muss musst muessen soll sollte sollen gibt
    gibts ist sind bin bist hat hast habt haben hab habe wird werde werden wurde weiss kennt
    brauche braucht geht funktioniert
    can cant could do does did dont doesnt didnt is isnt are arent am was were will would
    should shall may might have has must any
    """
)
_SUBJECTS = _word_set(
    """
    ich du er sie es man wir ihr jemand jemanden wer das der die den ein eine einen mein meine
    meinen dein deine euer eure hier da
    i you u he she it we they there someone somebody anyone anybody the a an my your this that
    these those me us
    """
)
_GREETING = re.compile(
    r"(?:na\s+)?(?:wie\s*gehts?|wie\s+geht\s+(?:es|s)|was\s+geht|alles\s+(?:klar|gut|fit)"
    r"|how\s+(?:are|r)\s+(?:you|u|ya)|hows\s+it\s+going|how\s+is\s+it\s+going|how\s+you\s+doing"
    r"|whats\s+up|wassup|sup|you\s+good|u\s+good)"
    r"(?:\s+(?:dir|euch|ihnen|so|bei|leute|guys|all|everyone|zusammen|today|heute|doing|ab))*"
)
_FILLER = _word_set(
    """
    hi hey hallo moin servus yo na und also ok okay sorry leute guys kurze quick frage question
    btw ehm aehm aeh um uh hm hmm so ja and
    """
)
# Typing errors in question words and verbs ("wan", "wher", "kan") are read as the word, unless
# the shortened form is a word itself.
_TYPO_PRONE = _word_set("kann kannst gibt gibts what whats which welche there theres")
_REAL_WORDS = _word_set("warm wich git hats hen ann hom hos thee wohn whee")


def normalize(text: str) -> str:
    """Casefolded, NFKC, umlauts folded, accents and punctuation removed, single spaces.

    Set phrases become one word first ("Q&A" -> "qanda", "how many" -> "howmuch").
    """
    text = _fold(text).translate(_APOSTROPHES)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return " ".join(_WORD.findall(text))


class _Marks(dict[int, int | None]):
    """For ``str.translate``: combining marks removed, every other character kept; each
    character is classified once, then looked up in C."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_MARKS)


def stem(word: str) -> str:
    """A light suffix stem for German and English words ("rollen" and "rolle" -> "roll")."""
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "t" and word[-2] in "aeiouyt":
                continue
            return word[: -len(suffix)]
    return word


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for term, words in _SYNONYMS.items():
        for word in (term, *words.split()):
            table[word] = term
            table.setdefault(stem(word), term)
    return table


_CANONICAL = _build_synonyms()
_HEADS = frozenset(word for word in _CANONICAL if len(word) >= 4) | _COMPOUND_HEADS


def _build_typos() -> dict[str, str]:
    typos: dict[str, str] = {}
    for word in sorted(_INTENT.keys() | _TYPO_PRONE):
        if len(word) >= 4 and word != "howmuch":
            for cut in range(len(word)):
                typos.setdefault(word[:cut] + word[cut + 1 :], word)
    for known in (*_STOP_WORDS, *_INTENT, *_CANONICAL, *_FILLER, *_REAL_WORDS):
        typos.pop(known, None)
    return typos


_TYPOS = _build_typos()


def _split_compound(word: str) -> tuple[str, ...]:
    """ "serverregeln" -> ("server", "regeln"): a known head and a known tail of 4+ letters."""
    if len(word) < 8 or word in _CANONICAL:
        return ()
    for cut in range(3, len(word) - 3):
        head, tail = word[:cut], word[cut:]
        if head not in _HEADS and not (head.endswith("s") and head[:-1] in _HEADS):
            continue
        if tail in _CANONICAL or stem(tail) in _CANONICAL:
            return (head if head in _HEADS else head[:-1], tail)
    return ()


@lru_cache(maxsize=16384)
def _word_terms(word: str) -> tuple[str, ...]:
    """The terms of one normalised word: its mapped stem, or those of its compound parts."""
    if word in _STOP_WORDS or len(word) < 2:
        return ()
    terms: list[str] = []
    for part in _split_compound(word) or (word,):
        term = _CANONICAL.get(part) or _CANONICAL.get(stem(part)) or stem(part)
        if term in _STOP_WORDS:
            continue
        for found in (term, *_ALSO.get(term, ())):
            if found not in terms:
                terms.append(found)
    return tuple(terms)


def _words(text: str) -> list[str]:
    """Normalised words; a question word opening a clause becomes an intent term ("?why")."""
    words: list[str] = []
    for clause in _CLAUSE.split(text[:MAX_QUERY_CHARS]):
        opening = True
        for word in normalize(clause).split():
            word = _TYPOS.get(word, word)
            intent = _INTENT.get(word)
            if intent is not None:
                if opening or intent == "howmuch":
                    words.append(_INTENT_TERM + intent)
                opening = False
            elif not (opening and word in _FILLER):
                opening = False
                words.append(word)
    return words


def terms(text: str) -> list[str]:
    """The terms of a text in order, without repeats (intent terms start with "?")."""
    found: list[str] = []
    for word in _words(text):
        for term in (word,) if word.startswith(_INTENT_TERM) else _word_terms(word):
            if term not in found:
                found.append(term)
    return found


def looks_like_question(text: str) -> bool:
    """Whether a chat message asks something: a question mark, or a question word or an
    inverted verb up front ("wie", "where", "kann ich", "is there"). Greetings ("wie gehts?"),
    single words and messages over ``MAX_QUESTION_CHARS`` are not questions."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_QUESTION_CHARS:
        return False
    words = _WORD.findall(_fold(stripped).replace("'", "").replace("\u2019", ""))
    while words and words[0] in _FILLER:
        words = words[1:]
    if len(words) < 2 or _GREETING.fullmatch(" ".join(words)):
        return False
    if _ENDS_WITH_QUESTION_MARK.search(stripped):
        return True
    first = _TYPOS.get(words[0], words[0])
    if first in _QUESTION_WORDS:
        return True
    return first in _INVERTED_VERBS and words[1] in _SUBJECTS


@dataclass(frozen=True)
class Entry:
    id: int
    question: str
    answer: str


@dataclass(frozen=True)
class Match:
    entry_id: int
    score: float


def _trigrams(word: str) -> set[str]:
    padded = f"#{word}#"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _within_edits(a: str, b: str, limit: int) -> bool:
    """Whether a and b are at most limit edits apart (insert, delete, replace, swap)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return False
        before, previous = previous, current
    return previous[-1] <= limit


class FaqIndex:
    """An inverted index over FAQ entries. Weights are rebuilt on the first use after a change."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: dict[int, Entry] = {}
        self._weights: dict[int, dict[str, float]] = {}  # term -> 1 (question) or ANSWER_WEIGHT
        self._surface: dict[int, frozenset[str]] = {}  # the entry's normalised words
        self._postings: dict[str, list[tuple[int, float, bool]]] = {}
        self._idf: dict[str, float] = {}
        self._unknown_idf = 1.0
        self._known: dict[str, str] = {}  # known words -> their term, for typos and completion
        self._known_sorted: list[str] = []
        self._trigram_index: dict[str, list[str]] = {}
        self._typo_cache: dict[str, str | None] = {}
        self._dirty = True
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        """Add an entry, or replace the one with the same id."""
        question = terms(entry.question)
        answer = [term for term in terms(entry.answer) if not term.startswith(_INTENT_TERM)]
        weights = dict.fromkeys(answer, ANSWER_WEIGHT)
        weights.update(dict.fromkeys(question, 1.0))
        self._entries[entry.id] = entry
        self._weights[entry.id] = weights
        self._surface[entry.id] = frozenset(normalize(f"{entry.question} {entry.answer}").split())
        self._dirty = True

    def remove(self, entry_id: int) -> None:
        """Remove an entry; an unknown id is ignored."""
        if self._entries.pop(entry_id, None) is not None:
            del self._weights[entry_id], self._surface[entry_id]
            self._dirty = True

    def __len__(self) -> int:
        return len(self._entries)

    def _rebuild(self) -> None:
        count = len(self._entries)
        frequency: dict[str, int] = {}
        for weights in self._weights.values():
            for term in weights:
                frequency[term] = frequency.get(term, 0) + 1
        self._idf = {term: math.log((count + 1) / (n + 0.5)) + 1.0 for term, n in frequency.items()}
        for term in _WEAK & self._idf.keys():
            self._idf[term] *= WEAK_WEIGHT
        self._unknown_idf = math.log((count + 1) / 0.5) + 1.0
        self._postings = {}
        for entry_id, weights in sorted(self._weights.items()):
            vector = {term: weight * self._idf[term] for term, weight in weights.items()}
            norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
            for term, value in vector.items():
                self._postings.setdefault(term, []).append(
                    (entry_id, value / norm, weights[term] == 1.0)
                )
        self._known = {}
        for word in {*_CANONICAL, *(word for words in self._surface.values() for word in words)}:
            found = _word_terms(word)
            if found and found[0] in self._idf:
                self._known[word] = found[0]
        self._known_sorted = sorted(self._known)
        self._trigram_index = {}
        for word in self._known_sorted:
            if len(word) >= 4:
                for gram in _trigrams(word):
                    self._trigram_index.setdefault(gram, []).append(word)
        self._typo_cache = {}
        self._dirty = False

    def _corrected(self, word: str) -> str | None:
        """The term of the known word closest to an unknown word with a typing error, if any:
        same first letter, shared trigrams, one error (two from 8 letters). Words of up to five
        letters may only miss or gain a letter or swap two, so "times" does not become "timed".
        """
        if word in self._typo_cache:
            return self._typo_cache[word]
        best: tuple[float, str] | None = None
        if len(word) >= 4:
            grams = _trigrams(word)
            shared: dict[str, int] = {}
            for gram in grams:
                for candidate in self._trigram_index.get(gram, ()):
                    shared[candidate] = shared.get(candidate, 0) + 1
            limit = 1 if len(word) <= 7 else 2
            for candidate, common in shared.items():
                dice = 2 * common / (len(grams) + len(candidate) + 2)
                if (
                    dice >= 0.45
                    and candidate[0] == word[0]
                    and (
                        len(word) > 5
                        or len(candidate) != len(word)
                        or sorted(candidate) == sorted(word)
                    )
                    and (best is None or dice > best[0])
                    and _within_edits(word, candidate, limit)
                ):
                    best = (dice, candidate)
        found = self._known[best[1]] if best else None
        if len(self._typo_cache) < 4096:
            self._typo_cache[word] = found
        return found

    def _completions(self, prefix: str) -> list[str]:
        """Terms of known words that start with prefix (the first 20 such words)."""
        found: list[str] = []
        start = bisect_left(self._known_sorted, prefix)
        for word in self._known_sorted[start : start + 20]:
            if not word.startswith(prefix):
                break
            if self._known[word] not in found:
                found.append(self._known[word])
        return found

    def _intent_weight(self, term: str) -> float:
        # A question word no entry asks ("who", "how many") counts fully against every entry.
        if term in self._idf:
            return self._idf[term] * INTENT_WEIGHT
        return self._unknown_idf

    def _query(self, text: str, complete: bool) -> dict[str, float]:
        """Weights of the terms of a message or query, typing errors corrected, unknown words
        kept (they lower every score); for search also completing partly typed words."""
        vector: dict[str, float] = {}
        for word in _words(text):
            found = (word,) if word.startswith(_INTENT_TERM) else _word_terms(word)
            for term in found:
                if term in vector:
                    continue
                if term.startswith(_INTENT_TERM):
                    vector[term] = self._intent_weight(term)
                elif term in self._idf:
                    vector[term] = self._idf[term]
                elif complete and len(word) >= 2 and (completions := self._completions(word)):
                    for completed in completions:
                        weight = self._idf[completed] * PREFIX_WEIGHT
                        vector[completed] = max(vector.get(completed, 0.0), weight)
                elif (corrected := self._corrected(word)) is not None:
                    weight = self._idf[corrected] * FUZZY_WEIGHT
                    vector[corrected] = max(vector.get(corrected, 0.0), weight)
                else:
                    vector[term] = self._unknown_idf
        return vector

    def _scores(self, text: str, complete: bool) -> dict[int, float]:
        """Cosine of the message and every entry sharing a term with it. Without completion
        (chat), an entry whose question shares no content term with the message gets
        ``WEAK_ONLY`` of its score."""
        if self._dirty:
            self._rebuild()
        vector = self._query(text, complete)
        norm = math.sqrt(sum(value * value for value in vector.values()))
        if not norm:
            return {}
        totals: dict[int, float] = {}
        supported: set[int] = set()
        for term, weight in vector.items():
            content = term not in _WEAK and not term.startswith(_INTENT_TERM)
            for entry_id, value, in_question in self._postings.get(term, ()):
                totals[entry_id] = totals.get(entry_id, 0.0) + weight * value
                if content and in_question:
                    supported.add(entry_id)
        return {
            entry_id: total / norm * (1.0 if complete or entry_id in supported else WEAK_ONLY)
            for entry_id, total in totals.items()
        }

    def ranked(self, text: str) -> list[Match]:
        """Every entry sharing a term with a chat message, best first, without thresholds."""
        scores = self._scores(text, complete=False)
        return [Match(entry_id, score) for entry_id, score in _best_first(scores)]

    def match(self, text: str) -> Match | None:
        """The entry that answers a chat message, or None when it is no question or unsure."""
        if not self._entries or not looks_like_question(text):
            return None
        ranked = self.ranked(text)
        if not ranked or ranked[0].score < THRESHOLD:
            return None
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
            return None
        return ranked[0]

    def search(self, query: str, limit: int = 25) -> list[Match]:
        """Entries for the search command, best first; an empty query lists them by id."""
        if limit <= 0:
            return []
        if not _WORD.search(query[:MAX_QUERY_CHARS]):
            return [Match(entry_id, 0.0) for entry_id in sorted(self._entries)[:limit]]
        scores = self._scores(query, complete=True)
        return [
            Match(entry_id, score)
            for entry_id, score in _best_first(scores)[:limit]
            if score >= SEARCH_MINIMUM
        ]


def _best_first(scores: dict[int, float]) -> list[tuple[int, float]]:
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))
