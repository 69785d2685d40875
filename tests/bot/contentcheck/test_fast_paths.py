"""The message path's shortcuts decide exactly as the full checks: one search over all patterns,
no exemption lookups on a server without exemptions, no host parsing for text without a host,
the normalised form kept for the next feature that asks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.contentcheck import links
from bot.contentcheck.links import LinkPolicy, check_domains, check_scam
from bot.contentcheck.normalize import normalize
from bot.contentcheck.patterns import PatternMatcher
from bot.contentcheck.rules import AutomodConfig, CompiledConfig, MessageFacts, evaluate_message
from bot.contentcheck.spam import SpamTracker

GUILD, CHANNEL, USER, ROLE = 1, 2, 3, 4


def facts(content: str, **kw: object) -> MessageFacts:
    base: dict[str, object] = {
        "guild_id": GUILD,
        "channel_id": CHANNEL,
        "author_id": USER,
        "role_ids": frozenset(),
    }
    return MessageFacts(content=content, **{**base, **kw})  # type: ignore[arg-type]


def test_the_first_pattern_in_order_is_reported_when_several_match() -> None:
    matcher = PatternMatcher([r"zweites\d", r"erstes\d", r"nie+mals"])
    hit = matcher.find("erstes1 und dann zweites2")
    assert hit is not None and hit.pattern == r"zweites\d" and hit.excerpt == "zweites2"
    hit = matcher.find("nur erstes7")
    assert hit is not None and hit.pattern == r"erstes\d"
    assert matcher.find("nichts davon") is None


def test_a_refused_pattern_stays_out_and_the_others_still_match() -> None:
    matcher = PatternMatcher([r"a)(b", r"free\s+nitro", r"(x"])
    hit = matcher.find("FREE   nitro hier")
    assert hit is not None and hit.pattern == r"free\s+nitro"
    assert matcher.find("a)(b") is None


def test_one_patterns_syntax_never_changes_anothers_meaning() -> None:
    """A ``\\Q`` without ``\\E`` quotes everything after it: joined into one expression it
    would swallow the next pattern, and the first would match nothing any more."""
    matcher = PatternMatcher([r"a\Q", r"\Qb\E", r"free\s+nitro"])
    hit = matcher.find("xa")
    assert hit is not None and hit.pattern == r"a\Q"
    hit = matcher.find("nur b")
    assert hit is not None and hit.pattern == r"\Qb\E"
    assert matcher.find("zzz") is None


def test_exemptions_still_apply_and_nobody_is_exempt_without_them() -> None:
    plain = CompiledConfig(AutomodConfig(GUILD, patterns=("verboten",)))
    assert plain.exempt_keys == frozenset()
    assert not plain.exempt("patterns", facts("x", role_ids=frozenset({ROLE})))
    exempting = CompiledConfig(
        AutomodConfig(
            GUILD,
            patterns=("verboten",),
            exempt_roles={"patterns": frozenset({ROLE})},
            exempt_channels={"*": frozenset({99})},
        )
    )
    assert exempting.exempt("patterns", facts("x", role_ids=frozenset({ROLE})))
    assert not exempting.exempt("words", facts("x", role_ids=frozenset({ROLE})))
    assert exempting.exempt("words", facts("x", channel_id=99))
    assert exempting.exempt("words", facts("x", channel_id=5, parent_channel_id=99))
    tracker = SpamTracker()
    by_role = facts("das ist verboten", role_ids=frozenset({ROLE}))
    assert evaluate_message(exempting, by_role, tracker, 0.0) == []
    assert [v.rule for v in evaluate_message(plain, by_role, tracker, 1.0)] == ["patterns"]


@pytest.mark.parametrize(
    "text",
    [
        "www.123",
        "HTTP://localhost/x",
        "see EXAMPLE.com/page",
        "dlscord.gift/abc free nitro",
        "a.b",
        "Ende. Neuer Satz",
        "3.5 Punkte",
        "mail me at a@b.de",
        "https://steamcommunity.com/id/x",
        "nothing here...",
    ],
)
def test_host_names_are_found_as_by_the_full_parse(text: str) -> None:
    assert links.domains(text) == list(links._domains.__wrapped__(text))


def test_a_domain_rule_without_lists_never_needs_hosts_and_a_list_still_acts() -> None:
    assert check_domains("https://evil.example/x", LinkPolicy()) is None
    denied = LinkPolicy(denied_domains=frozenset({"evil.example"}))
    hit = check_domains("https://evil.example/x", denied)
    assert hit is not None and hit.kind == "denied_domain"
    scam = check_scam("free nitro at dlscord.gift/abc", 0, False)
    assert scam is not None and scam.excerpt == "dlscord.gift"


def test_the_normalised_form_is_shared_and_still_catches_evasions() -> None:
    assert normalize("Vollidiot, echt jetzt") is normalize("Vollidiot, echt jetzt")
    stretched = normalize("iiiidiooot")
    assert {"iidioot", "idiot"} <= stretched.variants
    spaced = normalize("du bist ein i d i o t")
    assert "idiot" in spaced.variants
    assert normalize("a b schon gut").variants == frozenset()  # two single letters are no word
    lookalike = normalize("раураl")  # Cyrillic letters among Latin ones
    assert lookalike.text == "paypal"
    assert normalize("blöd").text == "blod"


@pytest.mark.parametrize(
    "text",
    ["discord.gg/abc", "disc%6Frd.gg%2Fabcd", "discord . gg / abcd", "discord.gg", "no link here"],
)
def test_invites_are_found_as_by_the_full_search(text: str) -> None:
    full = [code.lower() for code in links._INVITE.findall(links.unquote(text))]
    assert links.invite_codes(text) == full


@pytest.mark.parametrize(
    "text", ["toll!!!", "h!er", "!diot", "1d10t!", "geil! echt!", "wow!!a", "i d i o t!", "ok|ok"]
)
def test_leetspeak_is_decoded_unless_every_mark_ends_its_word(text: str) -> None:
    """Text whose only leetspeak sign is a word's closing "!" skips the decoding; any other sign,
    or a "!" with letters after it, is decoded as before."""
    from bot.contentcheck import normalize as module

    decoded: set[str] = set()
    for chunk in module._LEET_TOKEN.findall(normalize(text).text):
        chunk = chunk.rstrip("!")
        if module._LEET_CHARS.intersection(chunk):
            decoded.update(module._TOKEN.findall(chunk.translate(module._LEET)))
    assert decoded - set(normalize(text).tokens) <= normalize(text).variants


def test_a_word_inside_another_is_found_only_where_its_stem_is_in_the_text() -> None:
    from bot.contentcheck.words import WordEntry, WordMatcher

    matcher = WordMatcher([WordEntry("idiot", inside_words=True), WordEntry("fotz*")])
    assert matcher.find(normalize("du Vollidiot")) is not None
    assert matcher.find(normalize("Fotzenbart")) is not None
    assert matcher.find(normalize("v o l l i d i o t")) is not None  # only as a variant
    assert matcher.find(normalize("ganz normale Nachricht")) is None


def test_spam_windows_count_from_the_newest_message_back() -> None:
    compiled = CompiledConfig(AutomodConfig(GUILD))
    tracker = SpamTracker()
    for n in range(60):  # a member who wrote every minute for an hour: nothing to see
        assert evaluate_message(compiled, facts(f"zeile {n}"), tracker, n * 60.0) == []
    now = 60 * 60.0
    rules = [
        [v.rule for v in evaluate_message(compiled, facts("gleich"), tracker, now + n)]
        for n in range(6)
    ]
    assert rules[1] == [] and "duplicates" in rules[2] and "spam_rate" in rules[5]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abiodtIDOT01345@$! *_~|#%.-'\u00e4\u0456\u043e\uff49", max_size=24))
def test_the_models_text_is_the_same_with_and_without_the_ascii_shortcut(text: str) -> None:
    import re

    from bot.contentcheck import service

    fast = service.model_text(text)
    slow_gate = re.compile("")  # matches every text: never the shortcut
    original = service._CHANGES_WORDS
    service._CHANGES_WORDS = slow_gate
    try:
        assert service.model_text(text) == fast
    finally:
        service._CHANGES_WORDS = original


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ1 !ÄäⒶⅧ😄", max_size=30))
def test_the_capitals_share_is_the_same_counted_in_c(text: str) -> None:
    from bot.contentcheck import spam

    letters = [ch for ch in text if ch.isalpha()]
    expected = (
        (sum(ch.isupper() for ch in letters) / len(letters), len(letters)) if letters else (0.0, 0)
    )
    assert spam.caps_ratio(text) == expected
