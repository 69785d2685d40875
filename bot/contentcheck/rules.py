"""Per-guild auto-moderation configuration and the rule evaluation. Pure.

``evaluate_message`` runs the cheap rules on the message path (words, patterns, links, invites,
scams, spam windows); the offensive-language model runs separately, off the message path.
``evaluate_text`` runs the content rules alone, for text other features receive (Q&A questions,
contest entries, FAQ answers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import NamedTuple

from bot.contentcheck.links import LinkPolicy, check_domains, check_invites, check_scam
from bot.contentcheck.normalize import Normalized, normalize
from bot.contentcheck.patterns import PatternMatcher
from bot.contentcheck.spam import SpamHit, SpamLimits, SpamTracker, single_message_hits
from bot.contentcheck.words import WordEntry, WordMatcher, original_span
from bot.moderation.cases.strikes import DEFAULT_DECAY_DAYS, DEFAULT_LADDER, LadderStep

ACTIONS = ("flag", "delete", "warn", "timeout", "kick", "ban")
SEVERITY = {action: rank for rank, action in enumerate(ACTIONS)}

CONTENT_RULES = ("words", "patterns", "invites", "links", "scam")
SPAM_RULES = ("spam_rate", "duplicates", "mentions", "emoji", "caps", "newlines", "attachments")
RULES = (*CONTENT_RULES, *SPAM_RULES, "offense")
SPAM_SET = frozenset(SPAM_RULES)


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    action: str
    points: int
    timeout_seconds: int = 600  # used when action == "timeout"

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(self.action)


# Safe defaults for a new server (documented in the README): spam, mention spam and invite links
# act; word lists start empty; the offensive-language model only flags for review; no bans.
DEFAULT_RULES: Mapping[str, RuleSettings] = MappingProxyType(
    {
        "words": RuleSettings(True, "delete", 1),
        "patterns": RuleSettings(True, "delete", 1),
        "invites": RuleSettings(True, "delete", 1),
        "links": RuleSettings(True, "delete", 1),
        "scam": RuleSettings(True, "delete", 3),
        "spam_rate": RuleSettings(True, "delete", 1),
        "duplicates": RuleSettings(True, "delete", 1),
        "mentions": RuleSettings(True, "delete", 2),
        "emoji": RuleSettings(False, "delete", 0),
        "caps": RuleSettings(False, "delete", 0),
        "newlines": RuleSettings(False, "delete", 0),
        "attachments": RuleSettings(False, "delete", 1),
        "offense": RuleSettings(True, "flag", 0),
    }
)


@dataclass(frozen=True)
class RaidSettings:
    enabled: bool = True  # alert moderators
    joins: int = 10  # joins ...
    seconds: int = 60  # ... within this many seconds
    lockdown: bool = False  # also lock the server until a moderator lifts it
    min_account_age_hours: int = 0  # 0: off
    new_account_action: str = "none"  # "none", "quarantine", "kick"
    quarantine_role_id: int | None = None


@dataclass(frozen=True)
class AutomodConfig:
    guild_id: int
    rules: Mapping[str, RuleSettings] = field(default_factory=lambda: DEFAULT_RULES)
    words: tuple[WordEntry, ...] = ()
    allowed_words: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    links: LinkPolicy = LinkPolicy()
    exempt_roles: Mapping[str, frozenset[int]] = field(default_factory=dict)  # rule or "*" -> ids
    exempt_channels: Mapping[str, frozenset[int]] = field(default_factory=dict)
    spam: SpamLimits = SpamLimits()
    ladder: tuple[LadderStep, ...] = DEFAULT_LADDER
    decay_days: int = DEFAULT_DECAY_DAYS
    raid: RaidSettings = RaidSettings()

    def rule(self, name: str) -> RuleSettings:
        return self.rules.get(name) or DEFAULT_RULES[name]

    def with_rule(self, name: str, settings: RuleSettings) -> AutomodConfig:
        return replace(self, rules=MappingProxyType({**self.rules, name: settings}))


class MessageFacts(NamedTuple):
    """What the rules need to know about a message (built by the cog from discord objects; a
    named tuple, as one is made for every message and a frozen dataclass is several times dearer
    to build)."""

    guild_id: int
    channel_id: int
    author_id: int
    role_ids: frozenset[int]
    content: str
    mention_count: int = 0  # unique users and roles mentioned
    mentions_everyone: bool = False
    attachment_count: int = 0
    parent_channel_id: int | None = None  # for threads: exemptions of the parent apply


@dataclass(frozen=True)
class Verdict:
    rule: str
    action: str
    points: int
    detail: str  # matched excerpt or measurement, for the case's evidence
    timeout_seconds: int = 0
    score: float | None = None
    threshold: float | None = None
    strong: bool = False  # the model's score is at its upper threshold (features refuse the text)
    token: str | None = None  # a word rule's normalised match (what an allow-list entry needs)
    count: int = 0  # a measuring rule's count (messages, mentions, percent capitals, ...)
    seconds: float = 0.0  # ... and the window it was counted in, if it counts over time
    lang: str = ""  # the model's language, for an "offense" verdict

    @property
    def measured(self) -> bool:
        """A measuring rule (spam, caps, ...): ``detail`` is a measurement, not member text."""
        return self.count > 0

    @property
    def severity(self) -> int:
        return SEVERITY[self.action]


@dataclass
class CompiledConfig:
    """A guild's configuration with its matchers built once (rebuilt when the config changes)."""

    config: AutomodConfig
    words: WordMatcher = field(init=False)
    patterns: PatternMatcher = field(init=False)
    enabled_spam: frozenset[str] = field(init=False)
    exempt_keys: frozenset[str] = field(init=False)  # rules (or "*") with an exemption at all
    enabled: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.words = WordMatcher(self.config.words, self.config.allowed_words)
        self.patterns = PatternMatcher(self.config.patterns)
        self.enabled = frozenset(r for r in RULES if self.config.rule(r).enabled)
        self.enabled_spam = self.enabled & SPAM_SET
        self.exempt_keys = frozenset(
            key
            for mapping in (self.config.exempt_roles, self.config.exempt_channels)
            for key, ids in mapping.items()
            if ids
        )

    def exempt(self, rule: str, facts: MessageFacts) -> bool:
        keys = self.exempt_keys
        if not keys:  # most servers exempt nobody: no lookups per rule and message
            return False
        config = self.config
        channels = (facts.channel_id, facts.parent_channel_id)
        for key in ("*", rule):
            if key not in keys:
                continue
            if facts.role_ids & config.exempt_roles.get(key, frozenset()):
                return True
            if any(c in config.exempt_channels.get(key, frozenset()) for c in channels if c):
                return True
        return False

    def active(self, rule: str, facts: MessageFacts | None) -> bool:
        return rule in self.enabled and (facts is None or not self.exempt(rule, facts))

    def active_rules(self, facts: MessageFacts | None) -> frozenset[str]:
        """The rules that apply to this message: :meth:`active` for every rule at once."""
        if facts is None or not self.exempt_keys:
            return self.enabled
        return frozenset(rule for rule in self.enabled if not self.exempt(rule, facts))

    def verdict(
        self, rule: str, detail: str, token: str | None = None, count: int = 0, seconds: float = 0
    ) -> Verdict:
        settings = self.config.rule(rule)
        return Verdict(
            rule,
            settings.action,
            settings.points,
            detail[:200],
            settings.timeout_seconds,
            token=token,
            count=count,
            seconds=seconds,
        )

    def measured(self, hit: SpamHit) -> Verdict:
        return self.verdict(hit.rule, hit.detail, count=hit.count, seconds=hit.seconds)


def _content_verdicts(
    compiled: CompiledConfig,
    raw: str,
    text: Normalized,
    facts: MessageFacts | None,
    active: frozenset[str] | None = None,
) -> list[Verdict]:
    found: list[Verdict] = []
    mention_count = facts.mention_count if facts else 0
    everyone = facts.mentions_everyone if facts else False
    if active is None:
        active = compiled.active_rules(facts)
    if "words" in active and (hit := compiled.words.find(text, raw)) is not None:
        found.append(compiled.verdict("words", hit.excerpt, hit.token))
    if "patterns" in active and (phit := compiled.patterns.find(text.text)) is not None:
        found.append(compiled.verdict("patterns", original_span(raw, phit.excerpt)))
    policy = compiled.config.links
    if "invites" in active and (lhit := check_invites(raw, policy)) is not None:
        found.append(compiled.verdict("invites", lhit.excerpt))
    if "scam" in active and (lhit := check_scam(raw, mention_count, everyone)) is not None:
        found.append(compiled.verdict("scam", lhit.excerpt))
    if "links" in active and (lhit := check_domains(raw, policy)) is not None:
        found.append(compiled.verdict("links", lhit.excerpt))
    return found


def _may_contain_link(raw: str) -> bool:
    return "." in raw or "%" in raw


def evaluate_text(compiled: CompiledConfig, raw: str) -> list[Verdict]:
    """The content rules alone, for text features receive (no exemptions, no spam windows)."""
    return _content_verdicts(compiled, raw, normalize(raw), None)


def evaluate_content(compiled: CompiledConfig, facts: MessageFacts) -> list[Verdict]:
    """The content rules for a chat message with its exemptions, no spam windows (for edits)."""
    if not facts.content:
        return []
    verdicts = _content_verdicts(compiled, facts.content, normalize(facts.content), facts)
    verdicts.sort(key=lambda v: (v.severity, v.points), reverse=True)
    return verdicts


def evaluate_message(
    compiled: CompiledConfig, facts: MessageFacts, tracker: SpamTracker, now: float
) -> list[Verdict]:
    """Every cheap rule for a chat message; most serious first."""
    raw = facts.content
    verdicts: list[Verdict] = []
    active = compiled.active_rules(facts)
    if raw:
        text = normalize(raw)
        if not compiled.words.empty or not compiled.patterns.empty or _may_contain_link(raw):
            verdicts.extend(_content_verdicts(compiled, raw, text, facts, active))
        content_key = " ".join(text.tokens)[:200]
    else:
        content_key = ""
    enabled = compiled.enabled_spam if active is compiled.enabled else active & SPAM_SET
    if enabled:
        limits = compiled.config.spam
        for hit in single_message_hits(raw, facts.mention_count, limits, enabled):
            verdicts.append(compiled.measured(hit))
        window_hits = tracker.observe(
            facts.guild_id,
            facts.author_id,
            now,
            content_key,
            facts.mention_count,
            facts.attachment_count,
            limits,
            enabled,
        )
        verdicts.extend(compiled.measured(hit) for hit in window_hits)
    verdicts.sort(key=lambda v: (v.severity, v.points), reverse=True)
    return verdicts


def strongest(verdicts: Iterable[Verdict]) -> Verdict | None:
    ordered = sorted(verdicts, key=lambda v: (v.severity, v.points), reverse=True)
    return ordered[0] if ordered else None
