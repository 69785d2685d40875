"""The setup wizard: one private message with pages (channels, language and time zone, roles,
feature switches, a checklist). Every select and button saves its choice at once and names its
server and page in its custom_id, so the wizard survives a restart of the bot and the expiry of
the command's interaction (15 minutes): the next click simply goes on."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.checks import POST_PERMISSIONS, missing_permissions, require_guild, require_postable
from bot.errors import BadArgumentError, UserFacingError
from bot.features import required_permissions
from bot.i18n import Lang
from bot.replies import client_of, lang_for, permission_label
from bot.scopes import Access, Scope
from bot.ui.buttons import ScopedButton, ScopedModal, ScopedSelect
from cogs.config.service import accept_suggestions, create_missing, suggestions
from cogs.config.setup import (
    CHANNEL_PAGES,
    EXTRA_PERMISSIONS,
    OTHER_ZONE,
    PAGES,
    ZONES,
    checklist,
    next_page,
)
from cogs.config.timezones import zone_name

ADMIN_SETTINGS = Access(Scope.ADMIN, "manage_guild")  # as /config


def _needed(purpose: str) -> tuple[str, ...]:
    return POST_PERMISSIONS + EXTRA_PERMISSIONS.get(purpose, ())


async def render(interaction: discord.Interaction[Any], page: str) -> dict[str, Any]:
    """The wizard's message for *page*: ``embed`` and ``view``, in the admin's language."""
    guild = require_guild(interaction)
    bot = client_of(interaction)
    lang = lang_for(interaction)
    t = bot.i18n.t
    step = PAGES.index(page) + 1
    embed = discord.Embed(
        title=t(lang, "setup.title", step=step, steps=len(PAGES)),
        colour=discord.Colour.blurple(),
    )
    view = discord.ui.View(timeout=None)
    if page in CHANNEL_PAGES:
        _channel_page(bot, guild, lang, page, embed, view)
    elif page == "locale":
        _locale_page(bot, guild, lang, embed, view)
    elif page == "roles":
        _roles_page(bot, guild, lang, embed, view)
    elif page == "features":
        _features_page(bot, guild, lang, embed, view)
    else:
        _done_page(bot, guild, lang, embed)
    _navigation(bot, guild, lang, page, view)
    return {"embed": embed, "view": view}


def _channel_page(
    bot: Any,
    guild: discord.Guild,
    lang: Lang,
    page: str,
    embed: discord.Embed,
    view: discord.ui.View,
) -> None:
    t = bot.i18n.t
    proposed = suggestions(bot, guild)
    lines = [t(lang, "setup.channels_intro")]
    missing = []
    for row, purpose in enumerate(CHANNEL_PAGES[page]):
        current = bot.guild_settings.channel(guild.id, purpose)
        label = t(lang, f"config.channel.{purpose}")
        if current is not None:
            state = f"<#{current}>"
        elif purpose in proposed:
            state = t(lang, "setup.suggested", channel=f"<#{proposed[purpose]}>")
        else:
            state = t(lang, "setup.unset")
            missing.append(purpose)
        lines.append(f"**{label}**: {state}")
        shown = current or proposed.get(purpose)
        view.add_item(ChannelPick(guild.id, purpose, label, shown, row=row))
    if missing:
        names = ", ".join(t(lang, f"config.channel.{p}") for p in missing)
        lines.append(t(lang, "setup.create_offer", purposes=names))
        view.add_item(WizardButton(guild.id, "create", page, t(lang, "setup.create"), row=4))
    embed.description = "\n".join(lines)


def _locale_page(
    bot: Any, guild: discord.Guild, lang: Lang, embed: discord.Embed, view: discord.ui.View
) -> None:
    t = bot.i18n.t
    settings = bot.guild_settings
    embed.description = t(
        lang,
        "setup.locale_intro",
        language={"de": "Deutsch", "en": "English"}[settings.locale(guild.id)],
        zone=settings.timezone_name(guild.id),
    )
    view.add_item(LanguagePick(guild.id, settings.locale(guild.id), t(lang, "config.language")))
    view.add_item(ZonePick(guild.id, settings.timezone_name(guild.id), t(lang, "setup.zone_other")))


def _roles_page(
    bot: Any, guild: discord.Guild, lang: Lang, embed: discord.Embed, view: discord.ui.View
) -> None:
    t = bot.i18n.t
    config = bot.guild_settings.get(guild.id)
    lines = [t(lang, "setup.roles_intro")]
    for row, (kind, roles) in enumerate(
        (("moderator", config.moderator_roles), ("admin", config.admin_roles))
    ):
        label = t(lang, f"config.role.{kind}")
        shown = " ".join(f"<@&{r}>" for r in sorted(roles)) or t(lang, "common.none")
        lines.append(f"**{label}**: {shown}")
        view.add_item(RolePick(guild.id, kind, label, sorted(roles), row=row))
    embed.description = "\n".join(lines)


def _features_page(
    bot: Any, guild: discord.Guild, lang: Lang, embed: discord.Embed, view: discord.ui.View
) -> None:
    t = bot.i18n.t
    lines = [t(lang, "setup.features_intro")]
    for row, switch in enumerate(bot.switches.all()[:4]):
        on = switch.is_on(guild.id)
        state = t(lang, "setup.on" if on else "setup.off")
        lines.append(f"**{t(lang, switch.label_key)}**: {state}\n-# {t(lang, switch.hint_key)}")
        label = t(lang, "setup.turn_off" if on else "setup.turn_on", what=t(lang, switch.label_key))
        arg = f"{switch.key}-{'off' if on else 'on'}"
        view.add_item(WizardButton(guild.id, "switch", arg, label[:80], row=row))
    if len(lines) == 1:
        lines.append(t(lang, "setup.no_features"))
    embed.description = "\n\n".join(lines)


def _done_page(bot: Any, guild: discord.Guild, lang: Lang, embed: discord.Embed) -> None:
    t = bot.i18n.t
    channels: dict[str, int | None] = {}
    missing: dict[str, tuple[str, ...]] = {}
    for page in CHANNEL_PAGES.values():
        for purpose in page:
            channel_id = bot.guild_settings.channel(guild.id, purpose)
            channel = guild.get_channel(channel_id) if channel_id else None
            channels[purpose] = channel.id if channel else None
            if channel is not None:
                lacking = missing_permissions(channel.permissions_for(guild.me), _needed(purpose))
                missing[purpose] = tuple(lacking)
    lines = []
    for check in checklist(channels, missing):
        label = t(lang, f"config.channel.{check.purpose}")
        works = t(lang, f"setup.works.{check.purpose}")
        if check.channel_id is None:
            lines.append(t(lang, "setup.check_unset", purpose=label, works=works))
        elif check.missing:
            lines.append(
                t(
                    lang,
                    "setup.check_missing",
                    purpose=label,
                    channel=f"<#{check.channel_id}>",
                    permissions=permission_label(list(check.missing)).pick(lang),
                )
            )
        else:
            lines.append(
                t(
                    lang,
                    "setup.check_ok",
                    purpose=label,
                    channel=f"<#{check.channel_id}>",
                    works=works,
                )
            )
    for switch in bot.switches.all():
        on = switch.is_on(guild.id)
        lines.append(
            t(
                lang,
                "setup.check_switch",
                what=t(lang, switch.label_key),
                state=t(lang, "setup.on" if on else "setup.off"),
            )
        )
    have = guild.me.guild_permissions
    lacking = [
        name
        for name, value in required_permissions(bot.extensions)
        if value and not getattr(have, name)
    ]
    if lacking:
        lines.append(
            t(lang, "setup.check_server", permissions=permission_label(lacking).pick(lang))
        )
    embed.description = t(lang, "setup.done_intro") + "\n\n" + "\n".join(lines)


def _navigation(
    bot: Any, guild: discord.Guild, lang: Lang, page: str, view: discord.ui.View
) -> None:
    t = bot.i18n.t
    if page != PAGES[0]:
        view.add_item(
            WizardButton(guild.id, "go", next_page(page, -1), t(lang, "setup.back"), row=4)
        )
    if page != PAGES[-1]:
        label = t(lang, "setup.next" if next_page(page, 1) != PAGES[-1] else "setup.finish")
        view.add_item(WizardButton(guild.id, "next", page, label, row=4, primary=True))


# --- the items ------------------------------------------------------------------------------


class ChannelPick(ScopedSelect, template=r"setup:(?P<guild>\d+):ch:(?P<purpose>[a-z]+)"):
    doc = "Setup wizard: channel of a purpose"
    access = ADMIN_SETTINGS

    def __init__(
        self,
        guild_id: int,
        purpose: str,
        placeholder: str = "",
        shown: int | None = None,
        *,
        row: int | None = None,
    ) -> None:
        defaults = (
            [discord.SelectDefaultValue(id=shown, type=discord.SelectDefaultValueType.channel)]
            if shown
            else []
        )
        super().__init__(
            discord.ui.ChannelSelect(
                custom_id=f"setup:{guild_id}:ch:{purpose}",
                channel_types=[discord.ChannelType.text, discord.ChannelType.news],
                placeholder=placeholder[:150] or purpose,
                min_values=0,
                max_values=1,
                default_values=defaults,
                row=row,
            )
        )
        self.guild_id, self.purpose = guild_id, purpose

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ChannelPick:
        return cls(int(match["guild"]), match["purpose"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        if self.purpose not in {p for page in CHANNEL_PAGES.values() for p in page}:
            raise UserFacingError("error.foreign_id")
        chosen = self.item.values[0] if self.item.values else None
        if chosen is None:
            await client_of(interaction).guild_settings.set_channel(guild.id, self.purpose, None)
        else:
            channel = guild.get_channel(chosen.id)
            if not isinstance(channel, discord.TextChannel):
                raise UserFacingError("error.foreign_id")
            require_postable(interaction, channel)
            await client_of(interaction).guild_settings.set_channel(
                guild.id, self.purpose, channel.id
            )
        page = next(p for p, purposes in CHANNEL_PAGES.items() if self.purpose in purposes)
        await interaction.response.edit_message(**await render(interaction, page))


class LanguagePick(ScopedSelect, template=r"setup:(?P<guild>\d+):lang"):
    doc = "Setup wizard: language"
    access = ADMIN_SETTINGS

    def __init__(self, guild_id: int, current: str = "de", placeholder: str = "") -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"setup:{guild_id}:lang",
                placeholder=placeholder[:150] or "Language",
                options=[
                    discord.SelectOption(label="Deutsch", value="de", default=current == "de"),
                    discord.SelectOption(label="English", value="en", default=current == "en"),
                ],
                row=0,
            )
        )
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> LanguagePick:
        return cls(int(match["guild"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        value: Lang = "de" if self.item.values == ["de"] else "en"
        await client_of(interaction).guild_settings.set_locale(guild.id, value)
        await interaction.response.edit_message(**await render(interaction, "locale"))


class ZonePick(ScopedSelect, template=r"setup:(?P<guild>\d+):tz"):
    doc = "Setup wizard: time zone"
    access = ADMIN_SETTINGS

    def __init__(self, guild_id: int, current: str = "", other: str = "") -> None:
        options = [discord.SelectOption(label=z, value=z, default=z == current) for z in ZONES]
        if current and current not in ZONES:
            options.insert(0, discord.SelectOption(label=current, value=current, default=True))
        options.append(discord.SelectOption(label=other[:100] or "…", value=OTHER_ZONE))
        super().__init__(
            discord.ui.Select(custom_id=f"setup:{guild_id}:tz", options=options, row=1)
        )
        self.guild_id = guild_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ZonePick:
        return cls(int(match["guild"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        (value,) = self.item.values or [OTHER_ZONE]
        if value == OTHER_ZONE:
            bot = client_of(interaction)
            title = bot.i18n.t(lang_for(interaction), "setup.zone_title")
            label = bot.i18n.t(lang_for(interaction), "setup.zone_label")
            await interaction.response.send_modal(ZoneModal(guild.id, title, label))
            return
        await set_zone(interaction, value)


async def set_zone(interaction: discord.Interaction[Any], typed: str) -> None:
    guild = require_guild(interaction)
    await client_of(interaction).guild_settings.set_timezone(guild.id, zone_name(typed))
    await interaction.response.edit_message(**await render(interaction, "locale"))


class ZoneModal(ScopedModal):
    access = ADMIN_SETTINGS

    def __init__(self, guild_id: int, title: str, label: str) -> None:
        super().__init__(title=title[:45], custom_id=f"setup:{guild_id}:tzform")
        self.guild_id = guild_id
        self.zone: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=label[:45], placeholder="Europe/Berlin", min_length=1, max_length=64
        )
        self.add_item(self.zone)

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        await set_zone(interaction, self.zone.value)


class RolePick(ScopedSelect, template=r"setup:(?P<guild>\d+):role:(?P<kind>moderator|admin)"):
    doc = "Setup wizard: moderator or admin roles"
    access = ADMIN_SETTINGS

    def __init__(
        self,
        guild_id: int,
        kind: str,
        placeholder: str = "",
        shown: list[int] | None = None,
        *,
        row: int | None = None,
    ) -> None:
        defaults = [
            discord.SelectDefaultValue(id=r, type=discord.SelectDefaultValueType.role)
            for r in (shown or [])[:10]
        ]
        super().__init__(
            discord.ui.RoleSelect(
                custom_id=f"setup:{guild_id}:role:{kind}",
                placeholder=placeholder[:150] or kind,
                min_values=0,
                max_values=10,
                default_values=defaults,
                row=row,
            )
        )
        self.guild_id, self.kind = guild_id, kind

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RolePick:
        return cls(int(match["guild"]), match["kind"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        chosen = {role.id for role in self.item.values}
        if guild.default_role.id in chosen:
            raise BadArgumentError("config.role_everyone")
        if any(guild.get_role(role_id) is None for role_id in chosen):
            raise UserFacingError("error.foreign_id")
        settings = client_of(interaction).guild_settings
        config = settings.get(guild.id)
        current = config.moderator_roles if self.kind == "moderator" else config.admin_roles
        for role_id in sorted(current - chosen):
            await settings.set_staff_role(guild.id, self.kind, role_id, False)
        for role_id in sorted(chosen - current):
            await settings.set_staff_role(guild.id, self.kind, role_id, True)
        await interaction.response.edit_message(**await render(interaction, "roles"))


class WizardButton(
    ScopedButton,
    template=r"setup:(?P<guild>\d+):(?P<action>go|next|create|switch):(?P<arg>[a-z0-9_]+(?:-(?:on|off))?)",
):
    doc = "Setup wizard: Back / Next / create channels / switch a feature"
    access = ADMIN_SETTINGS

    def __init__(
        self,
        guild_id: int,
        action: str,
        arg: str,
        label: str = "",
        *,
        row: int | None = None,
        primary: bool = False,
    ) -> None:
        style = discord.ButtonStyle.primary if primary else discord.ButtonStyle.secondary
        super().__init__(
            discord.ui.Button(
                label=label[:80] or action,
                style=style,
                custom_id=f"setup:{guild_id}:{action}:{arg}",
                row=row,
            )
        )
        self.guild_id, self.action, self.arg = guild_id, action, arg

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> WizardButton:
        return cls(int(match["guild"]), match["action"], match["arg"])

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        guild = require_guild(interaction)
        if self.action == "go":
            page = self.arg if self.arg in PAGES else PAGES[0]
        elif self.action == "next":
            page = self.arg if self.arg in PAGES else PAGES[0]
            if page in CHANNEL_PAGES:  # going on accepts the suggested channels
                await accept_suggestions(interaction, guild, CHANNEL_PAGES[page])
            page = next_page(page, 1)
        elif self.action == "create":
            page = self.arg if self.arg in CHANNEL_PAGES else PAGES[0]
            await create_missing(interaction, guild, CHANNEL_PAGES[page])
        else:
            key, _, state = self.arg.rpartition("-")
            switch = client_of(interaction).switches.get(key)
            if switch is None:
                raise UserFacingError("setup.feature_missing")
            await switch.turn(interaction, state == "on")
            page = "features"
        if not interaction.response.is_done():
            await interaction.response.edit_message(**await render(interaction, page))
        else:
            await interaction.edit_original_response(**await render(interaction, page))
