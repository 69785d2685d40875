"""Train the offensive-language model (de, en) and write bot/contentcheck/offense_model.json.gz.

Training-only dependencies (NOT runtime deps of the bot):
    pip install scikit-learn chatterbot-corpus pyyaml

Run from the project root:
    python scripts/train_offense_model.py [--data ../shared/data/moderation] [--out PATH]

Steps per language: 5-fold stratified cross-validation of the whole pipeline (features -> logistic
regression -> keep the top-K weights by |w| -> refit on those), thresholds chosen from the
out-of-fold predictions (precision) and from false positives on ordinary chat (chatterbot-corpus;
the hand-written civil sentences below are reported separately and never trained on), a final
fit on all rows, and a self-check that the stdlib runtime reproduces scikit-learn's probabilities
within 1e-6. Everything is seeded, so a rerun reproduces the figures.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import html
import json
import math
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.contentcheck import offense  # noqa: E402

SEED = 20180901
FOLDS = 5
C_GRID = (1.0, 3.0, 10.0)
TOP_K = {"de": 40_000, "en": 40_000}
TOP_K_PROBE = (10_000, 20_000, 40_000, 60_000, None)
MIN_DF = 2
ACTION_PRECISION = 0.9
ACTION_FP_PER_10K = 1.0
REVIEW_FP_PER_10K = 20.0
REVIEW_FLOOR = 0.5  # never flag below an even chance

ATTRIBUTION = [
    "GermEval 2018 training data (CC BY 4.0): Michael Wiegand, Melanie Siegel, Josef Ruppenhofer: "
    '"Overview of the GermEval 2018 Shared Task on the Identification of Offensive Language", '
    "Proceedings of GermEval 2018, Vienna, Austria. https://github.com/uds-lsv/GermEval-2018-Data",
    "Davidson et al. 2017 data (MIT): Thomas Davidson, Dana Warmsley, Michael Macy, Ingmar Weber: "
    '"Automated Hate Speech Detection and the Problem of Offensive Language", ICWSM 2017. '
    "https://github.com/t-davidson/hate-speech-and-offensive-language",
    "Changes: texts normalised and featurised (character and word n-grams), a logistic regression "
    "trained per language; only feature weights are distributed, not the texts.",
]

# Hand-written ordinary chat: friendly, and critical but civil. Used only to count false positives
# (reported apart from the corpus figures); never trained on.
CIVIL_DE = """
Guten Morgen zusammen!
Hallo, wie geht es euch heute?
Danke für die schnelle Antwort!
Das Update ist leider ziemlich schlecht geworden
Ich finde die neue Karte nicht so gelungen, die alte war übersichtlicher.
Kann mir jemand erklären, wie man die Rollen vergibt?
Wer ist heute Abend beim Spieleabend dabei?
Ich bin etwas enttäuscht vom letzten Patch, die Performance ist schlechter geworden.
Bitte behebt den Fehler mit dem Login, das nervt gerade sehr.
Die Idee ist gut, aber die Umsetzung überzeugt mich noch nicht.
Ich stimme dir nicht zu, aber ich verstehe deinen Punkt.
Das war ein richtig tolles Event, danke an alle Organisatoren!
Gute Nacht, bis morgen!
Hat jemand einen Tipp für den dritten Boss?
Der Server laggt heute extrem, ist das bei euch auch so?
Ich habe eine Frage zur Anmeldung für das Turnier.
Sorry, ich war gestern nicht da, was habe ich verpasst?
Herzlichen Glückwunsch zum Geburtstag!
Das Spiel ist mir zu schwer, ich komme einfach nicht weiter.
Die Moderation hier ist echt fair, danke dafür.
Könntet ihr die Regeln nochmal anpinnen?
Ich finde, der Kanal für Vorschläge sollte übersichtlicher sein.
Der neue Trailer sieht echt gut aus.
Ich glaube, das ist ein Missverständnis, lass uns das klären.
Mir gefällt das neue Design überhaupt nicht, ehrlich gesagt.
Die Preise im Shop sind viel zu hoch, finde ich.
Wann startet die nächste Runde?
Ich bin neu hier, hallo an alle!
Danke, dass du mir geholfen hast.
Das war wirklich ein schlechtes Spiel von unserem Team heute.
Die Entwickler sollten mehr auf die Community hören.
Wir haben heute haushoch verloren, aber es hat Spaß gemacht.
Ich habe keine Lust mehr auf diese ständigen Abstürze.
Das Feature ist nutzlos, solange der Bug nicht behoben ist.
Kann man die Benachrichtigungen irgendwo abstellen?
Ich teile eure Meinung nicht, aber danke für die Diskussion.
Meiner Meinung nach war die alte Version besser.
Schönes Wochenende euch allen!
Wer hat Lust, heute Abend eine Runde zu zocken?
Ich komme etwas später, fangt schon mal an.
Die Musik im Trailer ist der Hammer!
Das Wetter ist heute echt mies.
Mein Internet ist gerade total langsam.
Ich verstehe nicht, warum das so kompliziert sein muss.
Die Abstimmung war knapp, aber fair.
Bitte keine Spoiler im allgemeinen Kanal.
Ich habe das Buch gestern fertig gelesen, war spannend.
Das Essen in der Mensa war heute wieder furchtbar.
Kritik ist erlaubt, aber bitte bleibt sachlich.
Ich bin nicht überzeugt, dass das die beste Lösung ist.
Er ist kein Idiot, er hat nur einen Fehler gemacht.
Lass uns das bitte ruhig besprechen.
Das Turnier war schlecht organisiert, das muss besser werden.
Ich finde den Vorschlag ehrlich gesagt ziemlich unausgereift.
Kann jemand den Link zum Stream schicken?
Vielen Dank für eure Geduld!
Ich habe mich total über das Geschenk gefreut.
Wir sehen uns beim nächsten Treffen.
Die Grafik ist schön, aber das Gameplay ist langweilig.
Das Level ist verdammt schwer.
Ich habe gestern bis spät in die Nacht gespielt.
Die Warteschlange ist heute wieder ewig lang.
Das ist leider nicht das, was wir besprochen hatten.
Ich hätte mir mehr Transparenz bei der Entscheidung gewünscht.
Können wir die Besprechung auf morgen verschieben?
Ich habe den Fehler im Bugtracker gemeldet.
Wie findet ihr die neue Saison?
Mir ist langweilig, hat jemand eine Idee?
Das neue Logo gefällt mir richtig gut.
Ich muss jetzt los, tschüss!
Das ist echt ärgerlich, aber nicht zu ändern.
Bitte meldet euch, wenn ihr Fragen habt.
Die Erklärung war sehr hilfreich, danke!
Ich fand den Film ziemlich enttäuschend.
Die Diskussion wird mir zu hitzig, lasst uns eine Pause machen.
Ich entschuldige mich für meinen Ton vorhin.
Das war nicht okay von mir, tut mir leid.
Wir sollten die Regeln für den Voice-Chat überarbeiten.
Das Team hat sich wirklich Mühe gegeben.
Ich bin dagegen, den Kanal zu schließen.
Die Version 2.0 ist deutlich stabiler als die alte.
Hat jemand Erfahrung mit dem neuen Controller?
Mein Charakter ist schon wieder gestorben.
Der Endgegner hat mich komplett fertig gemacht.
Ich hasse Montage.
Das Spiel hat mich heute echt wahnsinnig gemacht.
Ich kann den Hype um das Spiel nicht verstehen.
Vielleicht sollten wir einen eigenen Kanal für Anfänger machen.
Ich wünsche euch allen frohe Ostern!
Das war knapp, gut gespielt!
Gut gemacht, Leute!
Ich melde mich später nochmal.
Das klingt nach einem Plan.
Ich bin mir nicht sicher, ob das funktioniert.
Wer kümmert sich um die Einladungen?
Die Anleitung ist veraltet, bitte aktualisieren.
Das war ein dummer Fehler von mir.
Ich finde es schade, dass das Event abgesagt wurde.
Können wir bitte beim Thema bleiben?
Der Bot reagiert gerade nicht.
Ich habe die Nase voll von den Verbindungsabbrüchen.
"""

CIVIL_EN = """
Good morning everyone!
Hi all, how is everyone doing today?
Thanks for the quick reply!
this update is terrible, please fix the lag
X is not a fool
I don't think the new map works well, the old one was clearer.
Can someone explain how roles are assigned?
Who is joining game night tonight?
I'm a bit disappointed with the last patch, performance got worse.
Please fix the login bug, it's really annoying right now.
The idea is good, but the execution doesn't convince me yet.
I disagree with you, but I see your point.
That was a great event, thanks to all the organisers!
Good night, see you tomorrow!
Does anyone have a tip for the third boss?
The server is lagging a lot today, is it the same for you?
I have a question about signing up for the tournament.
Sorry I wasn't here yesterday, what did I miss?
Happy birthday!
This game is too hard for me, I just can't get past this level.
The moderation here is really fair, thank you for that.
Could you pin the rules again?
I think the suggestions channel should be easier to read.
The new trailer looks really good.
I think this is a misunderstanding, let's clear it up.
Honestly I don't like the new design at all.
The prices in the shop are way too high, in my opinion.
When does the next round start?
I'm new here, hello everyone!
Thanks for helping me out.
That was a really bad game from our team today.
The developers should listen to the community more.
We got destroyed today, but it was fun.
I'm so tired of these constant crashes.
This feature is useless until the bug is fixed.
Is there a way to turn off notifications?
I don't share your opinion, but thanks for the discussion.
In my opinion the old version was better.
Have a nice weekend everyone!
Anyone up for a round tonight?
I'll be a bit late, start without me.
The music in the trailer is amazing!
The weather is really awful today.
My internet is super slow right now.
I don't understand why this has to be so complicated.
The vote was close, but fair.
Please no spoilers in the general channel.
I finished the book yesterday, it was exciting.
The food in the cafeteria was horrible again today.
Criticism is allowed, but please keep it civil.
I'm not convinced this is the best solution.
He's not an idiot, he just made a mistake.
Let's talk about this calmly, please.
The tournament was badly organised, that has to improve.
Honestly I think the proposal is pretty half-baked.
Can someone post the stream link?
Thank you all for your patience!
I was really happy about the gift.
See you at the next meetup.
The graphics are nice but the gameplay is boring.
This level is damn hard.
I played until late last night.
The queue is endlessly long again today.
That is unfortunately not what we agreed on.
I would have liked more transparency about the decision.
Can we move the meeting to tomorrow?
I reported the bug in the tracker.
What do you think of the new season?
I'm bored, anyone have an idea?
I really like the new logo.
I have to go now, bye!
That's really frustrating, but it can't be helped.
Please reach out if you have questions.
The explanation was very helpful, thanks!
I found the movie pretty disappointing.
This discussion is getting heated, let's take a break.
I apologise for my tone earlier.
That wasn't okay of me, sorry.
We should rework the voice chat rules.
The team really put in a lot of effort.
I'm against closing the channel.
Version 2.0 is much more stable than the old one.
Does anyone have experience with the new controller?
My character died again.
The final boss absolutely wrecked me.
I hate Mondays.
This game drove me crazy today.
I don't get the hype around this game.
Maybe we should make a separate channel for beginners.
Happy Easter everyone!
That was close, well played!
Good job, folks!
I'll check back later.
Sounds like a plan.
I'm not sure that will work.
Who is taking care of the invitations?
The guide is outdated, please update it.
That was a stupid mistake on my part.
It's a pity the event was cancelled.
Can we please stay on topic?
The bot is not responding right now.
I'm fed up with the disconnects.
This bug is killing me, the build keeps failing.
You need to kill the process before restarting the server.
We shot down their tower in the last minute, what a comeback.
The patch notes are a joke, half the fixes are missing.
"""


def civil(lang: str) -> list[str]:
    block = CIVIL_DE if lang == "de" else CIVIL_EN
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def load_germeval(folder: Path) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    labels: list[int] = []
    for line in (folder / "germeval2018.training.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        text, label, _fine = line.rsplit("\t", 2)
        texts.append(clean_tweet(text))
        labels.append(1 if label == "OFFENSE" else 0)
    return texts, np.array(labels)


def load_davidson(folder: Path) -> tuple[list[str], np.ndarray]:
    texts: list[str] = []
    labels: list[int] = []
    with (folder / "davidson2017.labeled_data.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            texts.append(clean_tweet(row["tweet"]))
            labels.append(0 if row["class"] == "2" else 1)  # 0 hate, 1 offensive, 2 neither
    return texts, np.array(labels)


def clean_tweet(text: str) -> str:
    """Dataset quirks only (HTML entities, GermEval's |LBR|, retweet markers)."""
    text = html.unescape(html.unescape(text)).replace("|LBR|", "\n")
    return re.sub(r"(?<!\w)RT(?!\w)", " ", text).strip()


def load_chat(lang: str) -> list[str]:
    """Every line of every chatterbot-corpus conversation of a language, de-duplicated."""
    import chatterbot_corpus

    folder = (
        Path(chatterbot_corpus.__file__).parent / "data" / ("german" if lang == "de" else "english")
    )
    seen: dict[str, None] = {}
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for conversation in data.get("conversations") or []:
            for line in conversation:
                text = str(line).strip()
                if text:
                    seen.setdefault(text, None)
    return list(seen)


def featurize(texts: Sequence[str]) -> tuple[list[list[str]], np.ndarray]:
    """Prefixed features with repeats, and each text's feature count (the norm's square)."""
    docs: list[list[str]] = []
    counts = np.zeros(len(texts))
    for i, text in enumerate(texts):
        chars, words = offense.features(text)
        docs.append(["c" + g for g in chars] + ["w" + g for g in words])
        counts[i] = len(chars) + len(words)
    return docs, counts


def _identity(doc: list[str]) -> list[str]:
    return doc


class Pipeline:
    """Counts / sqrt(total) -> logistic regression -> keep top-K |w| -> refit on those."""

    def __init__(self, c: float, top_k: int | None) -> None:
        self.c = c
        self.top_k = top_k
        self.vectorizer = CountVectorizer(analyzer=_identity, min_df=MIN_DF, lowercase=False)
        self.keep: np.ndarray | None = None
        self.model: LogisticRegression | None = None

    @staticmethod
    def _scale(x: sparse.csr_matrix, counts: np.ndarray) -> sparse.csr_matrix:
        inv = 1.0 / np.sqrt(np.maximum(counts, 1.0))
        return sparse.diags(inv) @ x

    def _lr(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.c, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=SEED
        )

    def fit(self, docs: list[list[str]], counts: np.ndarray, y: np.ndarray) -> Pipeline:
        x = self._scale(self.vectorizer.fit_transform(docs).tocsr(), counts)
        first = self._lr().fit(x, y)
        n = x.shape[1]
        if self.top_k is None or self.top_k >= n:
            self.keep = np.arange(n)
            self.model = first
            return self
        self.keep = np.sort(np.argsort(-np.abs(first.coef_[0]))[: self.top_k])
        self.model = self._lr().fit(x[:, self.keep], y)
        return self

    def matrix(self, docs: list[list[str]], counts: np.ndarray) -> sparse.csr_matrix:
        assert self.keep is not None
        return self._scale(self.vectorizer.transform(docs).tocsr(), counts)[:, self.keep]

    def predict(self, docs: list[list[str]], counts: np.ndarray) -> np.ndarray:
        assert self.model is not None
        return self.model.predict_proba(self.matrix(docs, counts))[:, 1]

    def export(self) -> dict[str, Any]:
        """Bias and weights rounded to 7 significant digits; the sklearn model takes the same."""
        assert self.model is not None and self.keep is not None
        names = self.vectorizer.get_feature_names_out()[self.keep]
        coef = np.array([float(f"{w:.7g}") for w in self.model.coef_[0]])
        bias = float(f"{self.model.intercept_[0]:.7g}")
        self.model.coef_ = coef.reshape(1, -1)
        self.model.intercept_ = np.array([bias])
        char: dict[str, float] = {}
        word: dict[str, float] = {}
        for name, w in zip(names, coef, strict=True):
            if w == 0.0:
                continue
            (char if name[0] == "c" else word)[name[1:]] = float(w)
        return {"bias": bias, "weights": {"char": char, "word": word}}


def cross_val(
    docs: list[list[str]], counts: np.ndarray, y: np.ndarray, c: float, top_k: int | None
) -> np.ndarray:
    """Out-of-fold probabilities of the whole pipeline."""
    oof = np.zeros(len(y))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(np.zeros(len(y)), y):
        pipe = Pipeline(c, top_k).fit([docs[i] for i in train], counts[train], y[train])
        oof[test] = pipe.predict([docs[i] for i in test], counts[test])
    return oof


def at(y: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    pred = (scores >= threshold).astype(int)
    p, r, f, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=0)
    return {"threshold": round(threshold, 4), "precision": round(float(p), 4),
            "recall": round(float(r), 4), "f1": round(float(f), 4)}  # fmt: skip


def macro_f1(y: np.ndarray, scores: np.ndarray, threshold: float = 0.5) -> float:
    return round(float(f1_score(y, (scores >= threshold).astype(int), average="macro")), 4)


def precision_threshold(y: np.ndarray, scores: np.ndarray, target: float) -> tuple[float, bool]:
    """Lowest threshold from which precision stays >= target for every higher threshold (with at
    least 20 predicted positives); if none, the threshold of the best precision."""
    order = np.argsort(-scores)
    s, labels = scores[order], y[order]
    tp = np.cumsum(labels)
    n = np.arange(1, len(s) + 1)
    prec = tp / n
    ok = (prec >= target) | (n < 20)
    # last index i such that all of ok[:i+1] hold, at a boundary between distinct scores
    bad = np.flatnonzero(~ok)
    end = (bad[0] if len(bad) else len(s)) - 1
    while end > 0 and end + 1 < len(s) and s[end + 1] == s[end]:
        end -= 1
    if end >= 19:
        return float(s[end]), True
    best = int(np.argmax(np.where(n >= 20, prec, 0)))
    return float(s[best]), False


def chat_threshold(chat_scores: np.ndarray, per_10k: float) -> float:
    """Lowest threshold with at most per_10k false positives per 10,000 chat messages."""
    allowed = math.floor(per_10k * len(chat_scores) / 10_000)
    top = np.sort(chat_scores)[::-1]
    return float(top[allowed]) + 1e-6 if allowed < len(top) else 0.0


def ceil4(x: float) -> float:
    return math.ceil(x * 10_000) / 10_000


def fp_stats(scores: np.ndarray, threshold: float) -> dict[str, Any]:
    fp = int((scores >= threshold).sum())
    n = len(scores)
    upper = (3.0 if fp == 0 else fp + 2.0 * math.sqrt(fp) + 2.0) / n * 10_000  # ~95 % upper bound
    return {
        "n": n,
        "fp": fp,
        "per_10k": round(fp / n * 10_000, 2),
        "per_10k_95_upper": round(upper, 1),
    }


def train_language(lang: str, texts: list[str], y: np.ndarray, log: list[str]) -> dict[str, Any]:
    def say(msg: str) -> None:
        print(msg, flush=True)
        log.append(msg)

    started = time.perf_counter()
    docs, counts = featurize(texts)
    say(f"[{lang}] {len(y)} rows, {int(y.sum())} offensive ({y.mean():.1%})")

    full_cv: dict[str, float] = {}
    for c in C_GRID:
        oof = cross_val(docs, counts, y, c, None)
        full_cv[str(c)] = macro_f1(y, oof)
        say(f"[{lang}] C={c}: CV macro-F1 at 0.5, all features: {full_cv[str(c)]}")
    c_best = float(max(full_cv, key=lambda k: full_cv[k]))

    cut: dict[str, dict[str, float]] = {}
    oof_by_k: dict[int | None, np.ndarray] = {}
    for k in TOP_K_PROBE:
        oof = cross_val(docs, counts, y, c_best, k)
        oof_by_k[k] = oof
        cut[str(k or "all")] = {"macro_f1": macro_f1(y, oof), "f1": at(y, oof, 0.5)["f1"]}
        say(f"[{lang}] C={c_best} top_k={k or 'all'}: {cut[str(k or 'all')]}")
    oof = oof_by_k[TOP_K[lang]]

    final = Pipeline(c_best, TOP_K[lang]).fit(docs, counts, y)
    exported = final.export()

    chat = load_chat(lang)
    own = civil(lang)
    chat_scores = final.predict(*featurize(chat))
    own_scores = final.predict(*featurize(own))

    # Thresholds from the corpus alone; the hand-written sentences are an independent check.
    t_prec, reached = precision_threshold(y, oof, ACTION_PRECISION)
    t_chat_action = chat_threshold(chat_scores, ACTION_FP_PER_10K)
    action = ceil4(max(t_prec, t_chat_action))
    t_chat_review = chat_threshold(chat_scores, REVIEW_FP_PER_10K)
    review = ceil4(max(t_chat_review, REVIEW_FLOOR))
    if review > action:
        review = action
    say(f"[{lang}] action: precision>={ACTION_PRECISION} from {t_prec:.4f} (reached={reached}), "
        f"chat <= {ACTION_FP_PER_10K}/10k from {t_chat_action:.4f} -> {action}")  # fmt: skip
    say(f"[{lang}] review: chat <= {REVIEW_FP_PER_10K}/10k from {t_chat_review:.4f}, "
        f"floor {REVIEW_FLOOR} -> {review}")  # fmt: skip

    for name, texts_, scores in (("corpus", chat, chat_scores), ("civil", own, own_scores)):
        for s, t in sorted(zip(scores, texts_, strict=True), reverse=True)[:6]:
            say(f"[{lang}]   highest {name} score {s:.4f}: {t[:90]!r}")

    metrics = {
        "cv": {
            "folds": FOLDS,
            "rows": len(y),
            "offensive_share": round(float(y.mean()), 4),
            "macro_f1_at_0.5": macro_f1(y, oof),
            "at_0.5": at(y, oof, 0.5),
            "review": at(y, oof, review),
            "action": at(y, oof, action),
            "action_precision_target_reached": reached,
        },
        "chat_fp": {
            "corpus": "chatterbot-corpus " + ("german" if lang == "de" else "english"),
            "review": fp_stats(chat_scores, review),
            "action": fp_stats(chat_scores, action),
        },
        "civil_sentences_fp": {
            "corpus": "hand-written civil sentences in scripts/train_offense_model.py",
            "review": fp_stats(own_scores, review),
            "action": fp_stats(own_scores, action),
        },
        "top_k_cut": cut,
        "c_grid_macro_f1_all_features": full_cv,
        "c": c_best,
        "features_kept": len(exported["weights"]["char"]) + len(exported["weights"]["word"]),
        "vocabulary_before_cut": len(final.vectorizer.vocabulary_),
    }
    say(f"[{lang}] metrics: {json.dumps(metrics['cv'])}")
    say(f"[{lang}] chat FP: {json.dumps(metrics['chat_fp'])}")
    say(f"[{lang}] civil FP: {json.dumps(metrics['civil_sentences_fp'])}")
    say(f"[{lang}] done in {time.perf_counter() - started:.0f} s")

    entry = {
        **exported,
        "ngram_config": {
            "char": list(offense.CHAR_NGRAMS),
            "word": list(offense.WORD_NGRAMS),
            "max_chars": offense.MAX_CHARS,
            "char_padding": "space on both sides of each whitespace token",
            "value": "count / sqrt(number of features extracted from the text)",
            "min_df": MIN_DF,
        },
        "thresholds": {"review": review, "action": action},
        "metrics": metrics,
    }
    entry["_selfcheck"] = (final, texts[:300] + chat[:100] + own)
    return entry


def self_check(lang: str, final: Pipeline, sample: list[str], doc: dict[str, Any]) -> float:
    """Max |runtime score - sklearn probability| over a few hundred texts; must be < 1e-6."""
    model = offense.OffenseModel.from_data(doc)
    expected = final.predict(*featurize(sample))
    got = np.array([model.score(t, lang).score for t in sample])
    worst = float(np.max(np.abs(expected - got)))
    print(f"[{lang}] self-check: {len(sample)} texts, max |runtime - sklearn| = {worst:.2e}")
    if worst >= 1e-6:
        raise SystemExit(f"[{lang}] runtime featurisation differs from training")
    return worst


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/moderation")
    parser.add_argument("--out", type=Path, default=offense.DEFAULT_MODEL_PATH)
    args = parser.parse_args(argv)

    log: list[str] = []
    languages = {
        "de": train_language("de", *load_germeval(args.data), log),
        "en": train_language("en", *load_davidson(args.data), log),
    }
    checks = {lang: entry.pop("_selfcheck") for lang, entry in languages.items()}
    doc = {
        "format": offense.FORMAT,
        "attribution": ATTRIBUTION,
        "trained": dt.date.today().isoformat(),
        "command": "python scripts/train_offense_model.py --data ../shared/data/moderation",
        "languages": languages,
    }
    for lang, entry in languages.items():
        entry["metrics"]["selfcheck_max_abs_diff"] = self_check(lang, *checks[lang], doc)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(raw)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
