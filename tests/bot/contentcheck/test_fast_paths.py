"""The message path's shortcuts decide exactly as the full checks: one search over all patterns,
no exemption lookups on a server without exemptions, no host parsing for text without a host,
the normalised form kept for the next feature that asks."""

from __future__ import annotations

import pytest

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
