"""The role menu's persistent pieces: a button per role or a select per message, and the
messages themselves (text and components), drawn from the stored menu."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from bot.cooldowns import Limit
from bot.i18n import Lang
from bot.replies import client_of
from bot.scopes import Access, Scope, running_cog
from bot.ui.buttons import ScopedButton, ScopedSelect
from bot.ui.transformers import GuildObject
from cogs.rolemenus import repository
from cogs.rolemenus.repository import Menu
from cogs.rolemenus.rules import parts, rows

if TYPE_CHECKING:
    from bot.core import Bot
    from cogs.rolemenus.cog import RoleMenuCog

CLICK = Limit("rolemenu-click", 10, 30)
MAX_CONTENT = 2000


class MenuOption(GuildObject[Menu]):
    unknown_key = "rolemenu.unknown"

    async def fetch(self, bot: Bot, guild_id: int, number: int) -> Menu | None:
        return await repository.get(bot.db, number)

    async def recent(self, interaction: discord.Interaction[Any], guild_id: int) -> list[Menu]:
        return await repository.of_guild(client_of(interaction).db, guild_id)

    def label(self, obj: Menu, interaction: discord.Interaction[Any]) -> str:
        return f"#{obj.id} {obj.title}"


class MenuButton(ScopedButton, template=r"rolemenu:(?P<menu>\d+):(?P<role>\d+)"):
    doc = "A role (role menu)"
    access = Access(Scope.MEMBER, limit=CLICK)

    def __init__(self, menu_id: int, role_id: int, label: str = "") -> None:
        super().__init__(
            discord.ui.Button(
                label=label or str(role_id),
                style=discord.ButtonStyle.secondary,
                custom_id=f"rolemenu:{menu_id}:{role_id}",
            )
        )
        self.menu_id, self.role_id = menu_id, role_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MenuButton:
        return cls(int(match["menu"]), int(match["role"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        cog: RoleMenuCog = running_cog(interaction, "RoleMenuCog")
        await cog.clicks.toggle(interaction, self.menu_id, self.role_id)


class MenuSelect(ScopedSelect, template=r"rolemenu:(?P<menu>\d+):part(?P<part>\d+)"):
    doc = "Choose roles (role menu)"
    access = Access(Scope.MEMBER, limit=CLICK)

    def __init__(
        self,
        menu_id: int,
        part: int,
        options: list[discord.SelectOption] | None = None,
        *,
        placeholder: str | None = None,
        max_values: int = 1,
    ) -> None:
        options = options or [discord.SelectOption(label="-", value="0")]
        super().__init__(
            discord.ui.Select(
                custom_id=f"rolemenu:{menu_id}:part{part}",
                options=options,
                placeholder=placeholder,
                min_values=0,
                max_values=max(1, min(max_values, len(options))),
            )
        )
        self.menu_id, self.part = menu_id, part

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> MenuSelect:
        return cls(int(match["menu"]), int(match["part"]))

    async def run(self, interaction: discord.Interaction[Any]) -> None:
        cog: RoleMenuCog = running_cog(interaction, "RoleMenuCog")
        chosen = [int(v) for v in self.item.values if str(v).isdigit()]
        await cog.clicks.choose(interaction, self.menu_id, self.part, chosen)


@dataclass(frozen=True)
class Drawn:
    content: str
    view: discord.ui.View


def _rules_line(bot: Bot, menu: Menu, lang: Lang) -> str:
    t = bot.i18n.t
    lines = [t(lang, f"rolemenu.how_{menu.style}")]
    if menu.single:
        lines.append(t(lang, "rolemenu.rule_single"))
    elif menu.max_roles is not None:
        lines.append(t(lang, "rolemenu.rule_max", count=menu.max_roles))
    if menu.required_role_id is not None:
        lines.append(t(lang, "rolemenu.rule_required", role=f"<@&{menu.required_role_id}>"))
    return " ".join(lines)


def draw(bot: Bot, menu: Menu, lang: Lang) -> list[Drawn]:
    """The menu's messages: text (title, how it works, each role with its description) and
    buttons or a select, 25 roles per message."""
    by_id = {r.role_id: r for r in menu.roles}
    drawn: list[Drawn] = []
    for number, chunk in enumerate(parts(menu.role_ids)):
        if number == 0:
            head = (
                f"**{discord.utils.escape_markdown(menu.title)}**\n{_rules_line(bot, menu, lang)}"
            )
        else:
            title = discord.utils.escape_markdown(menu.title)
            head = bot.i18n.t(lang, "rolemenu.continued", title=title)
        if not chunk:
            head += "\n" + bot.i18n.t(lang, "rolemenu.empty")
        lines = [head]
        for role_id in chunk:
            role = by_id[role_id]
            line = f"<@&{role_id}>"
            if role.description:
                line += f" – {role.description}"
            lines.append(line)
        content = "\n".join(lines)
        if len(content) > MAX_CONTENT:
            content = content[: MAX_CONTENT - 1] + "…"
        view = discord.ui.View(timeout=None)
        if menu.style == "buttons":
            for row_number, indices in enumerate(rows(len(chunk))):
                for index in indices:
                    role = by_id[chunk[index]]
                    button = MenuButton(menu.id, role.role_id, role.label[:80])
                    button.item.row = row_number
                    view.add_item(button)
        elif chunk:
            options = [
                discord.SelectOption(
                    label=by_id[r].label[:100],
                    value=str(r),
                    description=(by_id[r].description or "")[:100] or None,
                )
                for r in chunk
            ]
            most = 1 if menu.single else (menu.max_roles or len(options))
            view.add_item(
                MenuSelect(
                    menu.id,
                    number,
                    options,
                    placeholder=bot.i18n.t(lang, "rolemenu.placeholder")[:150],
                    max_values=most,
                )
            )
        drawn.append(Drawn(content, view))
    return drawn
