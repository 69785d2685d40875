"""/automod: configure auto-moderation (admins), test a text and lift a lockdown (moderators)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import require_guild, require_same_guild
from bot.contentcheck import repository
from bot.contentcheck.patterns import (
    MAX_PATTERN_LENGTH,
    MAX_PATTERNS,
    PatternError,
    compile_pattern,
)
from bot.contentcheck.rules import ACTIONS, CompiledConfig, RuleSettings, evaluate_text
from bot.contentcheck.words import MAX_ENTRIES, MAX_ENTRY_LENGTH, normalize_entry
from bot.core import Bot
from bot.errors import BadArgumentError
from bot.moderation.cases.strikes import format_ladder, parse_ladder
from bot.moderation.checks import DANGEROUS_ROLE_PERMISSIONS
from bot.moderation.rulenames import rule_name
from bot.replies import lang_for, quote, send_private, text
from bot.scopes import Scope, scoped
from cogs.automod import command_strings
from cogs.automod.entries import clean_term, domain_entry
from cogs.automod.views import (
    action_name,
    ladder_words,
    settings_embed,
    test_report,
)
from cogs.automod.views import (
    new_accounts as new_accounts_text,
)

RULE_CHOICES = [
    app_commands.Choice(name=names["en"], value=rule)
    for rule, names in command_strings.RULE_NAMES.items()
]
ACTION_CHOICES = [app_commands.Choice(name=action, value=action) for action in ACTIONS]


@app_commands.guild_only()
@app_commands.default_permissions(
    moderate_members=True
)  # visible to moderators; settings need Manage Server
class AutomodCommands(
    commands.GroupCog, group_name="automod", group_description="Auto-moderation settings"
):
    words = app_commands.Group(name="words", description="Blocked words and phrases")
    pattern = app_commands.Group(
        name="pattern", description="Blocked patterns (regular expressions)"
    )
    links = app_commands.Group(name="links", description="Allowed and denied link domains")

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(command_strings)
        super().__init__()

    async def _reload(self, guild_id: int) -> CompiledConfig:
        return await self.bot.content_check.reload(guild_id)

    # --- overview and rules -----------------------------------------------------------------

    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="show", description="Show every rule with its state, action and exemptions"
    )
    async def show(self, interaction: discord.Interaction) -> None:
        guild = require_guild(interaction)
        config = self.bot.content_check.config(guild.id)
        embed = settings_embed(self.bot.i18n, config, lang_for(interaction))
        await send_private(interaction, embed=embed)

    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="rule", description="Switch a rule on or off, or change its action and points"
    )
    @app_commands.describe(
        rule="The rule",
        enabled="On or off",
        action="What happens",
        points="Strike points (0-20)",
        timeout_minutes="Timeout length for the timeout action",
    )
    @app_commands.choices(rule=RULE_CHOICES, action=ACTION_CHOICES)
    async def rule(
        self,
        interaction: discord.Interaction,
        rule: app_commands.Choice[str],
        enabled: bool | None = None,
        action: app_commands.Choice[str] | None = None,
        points: app_commands.Range[int, 0, 20] | None = None,
        timeout_minutes: app_commands.Range[int, 1, 40320] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        current = self.bot.content_check.config(guild.id).rule(rule.value)
        if rule.value == "offense" and (
            (action is not None and action.value != "flag") or (points or 0) > 0
        ):
            # A model's score is a guess: it asks the moderators, it never punishes by itself.
            raise BadArgumentError("automod.offense_flag_only")
        updated = RuleSettings(
            current.enabled if enabled is None else enabled,
            current.action if action is None else action.value,
            current.points if points is None else points,
            current.timeout_seconds if timeout_minutes is None else timeout_minutes * 60,
        )
        await repository.save_rule(self.bot.db, guild.id, rule.value, updated, self.bot.clock())
        await self._reload(guild.id)
        await send_private(
            interaction,
            text(
                interaction,
                "automod.rule_saved",
                rule=rule_name(self.bot.i18n, lang_for(interaction), rule.value),
                state="✅" if updated.enabled else "⬜",
                action=action_name(
                    self.bot.i18n, lang_for(interaction), updated.action, updated.timeout_seconds
                ),
                points=updated.points,
            ),
        )

    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="strikes", description="Set the escalation ladder and how long points last"
    )
    @app_commands.describe(
        ladder="For example 3:timeout:10m, 6:timeout:1d, 10:ban",
        decay_days="Days until points expire",
    )
    async def strikes(
        self,
        interaction: discord.Interaction,
        ladder: str | None = None,
        decay_days: app_commands.Range[int, 1, 365] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        values: dict[str, object] = {}
        if ladder is not None:
            values["ladder"] = format_ladder(parse_ladder(ladder))
        if decay_days is not None:
            values["decay_days"] = decay_days
        await repository.save_settings(self.bot.db, guild.id, self.bot.clock(), **values)
        config = (await self._reload(guild.id)).config
        await send_private(
            interaction,
            text(
                interaction,
                "automod.strikes_saved",
                ladder=self.bot.i18n.t(
                    lang_for(interaction),
                    "automod.show_ladder_value",
                    ladder=ladder_words(self.bot.i18n, lang_for(interaction), config.ladder),
                    count=config.decay_days,
                ),
            ),
        )

    # --- word lists -------------------------------------------------------------------------

    async def _add_term(
        self, interaction: discord.Interaction, kind: str, term: str, inside: bool = False
    ) -> None:
        guild = require_guild(interaction)
        if await repository.count_terms(self.bot.db, guild.id, kind) >= (
            MAX_PATTERNS if kind == "pattern" else MAX_ENTRIES
        ):
            raise BadArgumentError("automod.list_full")
        added = await repository.add_term(
            self.bot.db, guild.id, kind, term, inside, interaction.user.id, self.bot.clock()
        )
        await self._reload(guild.id)
        key = "automod.term_added" if added else "automod.term_updated"
        await send_private(interaction, text(interaction, key, term=quote(term, 100)))

    async def _remove_term(self, interaction: discord.Interaction, kind: str, term: str) -> None:
        guild = require_guild(interaction)
        removed = await repository.remove_term(self.bot.db, guild.id, kind, term)
        await self._reload(guild.id)
        key = "automod.term_removed" if removed else "automod.term_missing"
        await send_private(interaction, text(interaction, key, term=quote(term, 100)))

    async def _list_terms(self, interaction: discord.Interaction, kinds: tuple[str, ...]) -> None:
        guild = require_guild(interaction)
        terms = [t for t in await repository.list_terms(self.bot.db, guild.id) if t.kind in kinds]
        if not terms:
            await send_private(interaction, text(interaction, "automod.list_empty"))
            return
        lines = [f"{t.kind}: {t.term}{' (*)' if t.inside_words else ''}" for t in terms]
        body = "\n".join(lines)
        await send_private(
            interaction,
            text(interaction, "automod.list", count=len(terms)) + "\n" + quote(body, 1800),
        )

    @scoped(Scope.ADMIN)
    @words.command(name="add", description="Block a word or phrase")
    @app_commands.describe(
        word="The word or phrase", inside_words="Also inside other words (German compounds)"
    )
    async def words_add(
        self, interaction: discord.Interaction, word: str, inside_words: bool = False
    ) -> None:
        term = clean_term(word)
        if not normalize_entry(term):
            raise BadArgumentError("automod.term_invalid", limit=MAX_ENTRY_LENGTH)
        await self._add_term(interaction, "word", term, inside_words)

    @scoped(Scope.ADMIN)
    @words.command(name="remove", description="Unblock a word or phrase")
    @app_commands.describe(word="The word or phrase")
    async def words_remove(self, interaction: discord.Interaction, word: str) -> None:
        await self._remove_term(interaction, "word", clean_term(word))

    @scoped(Scope.ADMIN)
    @words.command(name="allow", description="Never treat this word as blocked (false positives)")
    @app_commands.describe(word="The innocent word")
    async def words_allow(self, interaction: discord.Interaction, word: str) -> None:
        await self._add_term(interaction, "allowed_word", clean_term(word))

    @scoped(Scope.ADMIN)
    @words.command(name="unallow", description="Remove a word from the allow-list")
    @app_commands.describe(word="The word")
    async def words_unallow(self, interaction: discord.Interaction, word: str) -> None:
        await self._remove_term(interaction, "allowed_word", clean_term(word))

    @scoped(Scope.ADMIN)
    @words.command(name="list", description="List blocked and allowed words")
    async def words_list(self, interaction: discord.Interaction) -> None:
        await self._list_terms(interaction, ("word", "allowed_word"))

    @scoped(Scope.ADMIN)
    @pattern.command(name="add", description="Block a regular expression (RE2 syntax, linear time)")
    @app_commands.describe(pattern="The pattern, matched on normalised lowercase text")
    async def pattern_add(self, interaction: discord.Interaction, pattern: str) -> None:
        try:
            compile_pattern(pattern)
        except PatternError as exc:
            reason = text(
                interaction,
                f"automod.pattern_error.{exc.kind}",
                limit=MAX_PATTERN_LENGTH,
                detail=quote(exc.reason, 200),
            )
            raise BadArgumentError(
                "automod.pattern_refused", reason=reason, pattern=quote(pattern, 200)
            ) from None
        await self._add_term(interaction, "pattern", pattern)

    @scoped(Scope.ADMIN)
    @pattern.command(name="remove", description="Remove a pattern")
    @app_commands.describe(pattern="The pattern")
    async def pattern_remove(self, interaction: discord.Interaction, pattern: str) -> None:
        await self._remove_term(interaction, "pattern", pattern)

    @scoped(Scope.ADMIN)
    @pattern.command(name="list", description="List the patterns")
    async def pattern_list(self, interaction: discord.Interaction) -> None:
        await self._list_terms(interaction, ("pattern",))

    @scoped(Scope.ADMIN)
    @links.command(name="allow", description="Allow a domain (or an invite code of this server)")
    @app_commands.describe(domain="A domain like example.com, or discord.gg/yourcode")
    async def links_allow(self, interaction: discord.Interaction, domain: str) -> None:
        invite = domain.strip().lower().split("discord.gg/")
        if len(invite) == 2 and invite[1]:
            await self._add_term(interaction, "allow_invite", clean_term(invite[1], 32))
            return
        await self._add_term(interaction, "allow_domain", domain_entry(domain))

    @scoped(Scope.ADMIN)
    @links.command(name="deny", description="Deny a domain")
    @app_commands.describe(domain="A domain like example.com")
    async def links_deny(self, interaction: discord.Interaction, domain: str) -> None:
        await self._add_term(interaction, "deny_domain", domain_entry(domain))

    @scoped(Scope.ADMIN)
    @links.command(name="remove", description="Remove a domain from both lists")
    @app_commands.describe(domain="The domain")
    async def links_remove(self, interaction: discord.Interaction, domain: str) -> None:
        term = domain_entry(domain, listing=False)
        guild = require_guild(interaction)
        removed = [
            await repository.remove_term(self.bot.db, guild.id, kind, term)
            for kind in ("allow_domain", "deny_domain")
        ]
        await self._reload(guild.id)
        key = "automod.term_removed" if any(removed) else "automod.term_missing"
        await send_private(interaction, text(interaction, key, term=quote(term, 100)))

    @scoped(Scope.ADMIN)
    @links.command(name="list", description="List allowed and denied domains")
    async def links_list(self, interaction: discord.Interaction) -> None:
        await self._list_terms(interaction, ("allow_domain", "deny_domain", "allow_invite"))

    @scoped(Scope.ADMIN)
    @links.command(name="mode", description="Allow only listed domains, or everything not denied")
    @app_commands.describe(only_allowed="On: only allowed domains may be linked")
    async def links_mode(self, interaction: discord.Interaction, only_allowed: bool) -> None:
        guild = require_guild(interaction)
        await repository.save_settings(
            self.bot.db, guild.id, self.bot.clock(), links_allowlist_only=int(only_allowed)
        )
        await self._reload(guild.id)
        await send_private(
            interaction,
            text(interaction, "automod.links_mode", state="✅" if only_allowed else "⬜"),
        )

    # --- exemptions, test, raid, lockdown ---------------------------------------------------

    @scoped(Scope.ADMIN)
    @app_commands.command(
        name="exempt", description="Exempt a role or channel from one rule or all (again to undo)"
    )
    @app_commands.describe(
        role="A role to exempt", channel="A channel to exempt", rule="One rule (default: all)"
    )
    @app_commands.choices(rule=RULE_CHOICES)
    async def exempt(
        self,
        interaction: discord.Interaction,
        role: discord.Role | None = None,
        channel: discord.TextChannel | None = None,
        rule: app_commands.Choice[str] | None = None,
    ) -> None:
        guild = require_guild(interaction)
        if (role is None) == (channel is None):
            raise BadArgumentError("automod.exempt_one")
        target = role if role is not None else channel
        assert target is not None
        require_same_guild(interaction, target.guild.id)
        kind = "role" if role is not None else "channel"
        name = rule.value if rule else "*"
        config = self.bot.content_check.config(guild.id)
        current = (config.exempt_roles if kind == "role" else config.exempt_channels).get(
            name, frozenset()
        )
        exempt = target.id not in current
        await repository.set_exemption(
            self.bot.db, guild.id, name, kind, target.id, exempt, self.bot.clock()
        )
        await self._reload(guild.id)
        key = "automod.exempt_added" if exempt else "automod.exempt_removed"
        await send_private(
            interaction,
            text(
                interaction,
                key,
                target=target.mention,
                rule=name if rule else text(interaction, "automod.all_rules"),
            ),
        )

    @scoped(Scope.SERVER_MODERATOR)
    @app_commands.command(
        name="test", description="Show which rules would act on a text, without acting"
    )
    @app_commands.describe(text_="The text to test")
    @app_commands.rename(text_="text")
    async def test(
        self, interaction: discord.Interaction, text_: app_commands.Range[str, 1, 2000]
    ) -> None:
        guild = require_guild(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        compiled = self.bot.content_check.compiled(guild.id)
        verdicts = evaluate_text(compiled, text_)
        (result,) = await self.bot.content_check.score_offense_async([text_])
        report = test_report(self.bot.i18n, lang_for(interaction), verdicts, result)
        await interaction.followup.send(
            report,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @scoped(Scope.ADMIN)
    @app_commands.command(name="raid", description="Raid alert, lockdown and new-account settings")
    @app_commands.describe(
        enabled="Alert moderators on a join wave",
        joins="Joins that count as a wave",
        seconds="Within this many seconds",
        lockdown="Also lock the server on a wave",
        min_account_age_hours="Accounts younger than this are handled (0: off)",
        new_accounts="What happens to new accounts",
        quarantine_role="The role new accounts get",
    )
    @app_commands.choices(
        new_accounts=[
            app_commands.Choice(name="nothing", value="none"),
            app_commands.Choice(name="quarantine role", value="quarantine"),
            app_commands.Choice(name="kick", value="kick"),
        ]
    )
    async def raid(
        self,
        interaction: discord.Interaction,
        enabled: bool | None = None,
        joins: app_commands.Range[int, 2, 500] | None = None,
        seconds: app_commands.Range[int, 5, 3600] | None = None,
        lockdown: bool | None = None,
        min_account_age_hours: app_commands.Range[int, 0, 8760] | None = None,
        new_accounts: app_commands.Choice[str] | None = None,
        quarantine_role: discord.Role | None = None,
    ) -> None:
        guild = require_guild(interaction)
        values: dict[str, object] = {}
        for column, value in (
            ("raid_enabled", enabled),
            ("raid_joins", joins),
            ("raid_seconds", seconds),
            ("raid_lockdown", lockdown),
            ("min_account_age_hours", min_account_age_hours),
        ):
            if value is not None:
                values[column] = int(value)
        if new_accounts is not None:
            values["new_account_action"] = new_accounts.value
        if quarantine_role is not None:
            require_same_guild(interaction, quarantine_role.guild.id)
            actor = interaction.user
            unsafe = quarantine_role.permissions.value & DANGEROUS_ROLE_PERMISSIONS.value
            above_actor = (
                isinstance(actor, discord.Member)
                and actor.id != guild.owner_id
                and quarantine_role >= actor.top_role
            )
            if (
                quarantine_role >= guild.me.top_role
                or quarantine_role.is_default()
                or quarantine_role.managed
                or unsafe
                or above_actor
                or not (
                    isinstance(interaction.user, discord.Member)
                    and interaction.user.guild_permissions.manage_roles
                )
            ):
                raise BadArgumentError("automod.role_unusable", role=quarantine_role.mention)
            values["quarantine_role_id"] = quarantine_role.id
        await repository.save_settings(self.bot.db, guild.id, self.bot.clock(), **values)
        raid = (await self._reload(guild.id)).config.raid
        await send_private(
            interaction,
            text(
                interaction,
                "automod.raid_saved",
                state="✅" if raid.enabled else "⬜",
                joins=raid.joins,
                seconds=raid.seconds,
                lockdown="✅" if raid.lockdown else "⬜",
                accounts=new_accounts_text(
                    self.bot.i18n,
                    lang_for(interaction),
                    raid.min_account_age_hours,
                    raid.new_account_action,
                ),
            ),
        )
