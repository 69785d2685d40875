"""Discord glue for /mydata export and /mydata forget."""

from __future__ import annotations

import io
import json
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core import Bot
from bot.replies import text
from bot.scopes import Scope, scoped
from bot.timeutil import to_iso
from bot.ui.confirm import ask
from cogs.privacy import strings

CONFIRM_SECONDS = 120


def count_records(export: dict[str, Any]) -> int:
    total = 0
    for section in export.values():
        data = section.get("data")
        total += len(data) if isinstance(data, list) else (1 if data else 0)
    return total


class PrivacyCog(commands.Cog):
    mydata = app_commands.Group(
        name="mydata", description="See or delete what this bot stores about you"
    )

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        bot.i18n.add_feature(strings)

    @scoped(Scope.MEMBER)
    @mydata.command(name="export", description="Get a file with everything stored about you")
    async def export(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        user_id = interaction.user.id
        sources = await self.bot.privacy.export(user_id)
        for name, section in sources.items():  # what each part is, in the member's language
            key = f"mydata.source.{name}"
            if self.bot.i18n.has(key):
                section["description"] = text(interaction, key)
        document = {
            "about": text(interaction, "mydata.export_about"),
            "user_id": str(user_id),
            "generated_at": to_iso(self.bot.clock()),
            "sources": sources,
        }
        payload = json.dumps(document, indent=2, ensure_ascii=False, default=str).encode("utf-8")
        file = discord.File(io.BytesIO(payload), filename=f"mydata-{user_id}.json")
        await interaction.followup.send(
            text(
                interaction,
                "mydata.export_ready",
                sources=len(sources),
                records=count_records(sources),
            ),
            file=file,
            ephemeral=True,
        )

    async def _forget_now(self, interaction: discord.Interaction) -> str:
        """Confirmed: delete everything about the member, also in backups."""
        result = await self.bot.privacy.forget_everywhere(interaction.user.id)
        await self.bot.db.checkpoint()  # nothing deleted stays readable in the write-ahead log
        # Backups too: a restore must never bring a forgotten member back.
        backups_failed = await self.bot.privacy.forget_in_backups(
            self.bot.backups.backups(), interaction.user.id
        )
        records = sum(result.deleted.values())
        failed = list(result.failed)
        if backups_failed:
            failed.append(text(interaction, "mydata.backup"))
        if failed:
            message = text(
                interaction,
                "mydata.forget_partial",
                records=records,
                failed=", ".join(failed),
            )
        else:
            message = text(interaction, "mydata.forget_done", count=records)
        return message

    @scoped(Scope.MEMBER)
    @mydata.command(name="forget", description="Delete everything stored about you (asks first)")
    async def forget(self, interaction: discord.Interaction) -> None:
        names = ", ".join(source.name for source in self.bot.privacy.sources())
        await ask(
            interaction,
            text(interaction, "mydata.forget_confirm", sources=names),
            text(interaction, "mydata.forget_button"),
            self._forget_now,
            timeout=CONFIRM_SECONDS,
        )
