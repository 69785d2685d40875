"""A small feature used only by the end-to-end tests of the foundation.

It stores member data (notes) in its own table, registers it with the privacy registry, counts
activity, offers an autocomplete whose values are ids (checked against the guild), and has a
command that fails unexpectedly, so the shared error handling can be observed.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from bot.checks import parse_id, require_guild, require_same_guild
from bot.core import Bot
from bot.database import Database
from bot.errors import ForeignIdError
from bot.replies import send_private
from bot.scopes import Scope, scoped
from bot.sqldialect import ddl_to_postgres

REQUIRED_PERMISSIONS = discord.Permissions(read_message_history=True)


async def erase_notes(db: Database, user_id: int) -> int:
    async with db.transaction() as tx:
        return await tx.execute("DELETE FROM sample_notes WHERE user_id = ?", (user_id,))


class SampleCog(commands.Cog):
    note = app_commands.Group(name="note", description="Sample notes")

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        table = (
            "CREATE TABLE IF NOT EXISTS sample_notes (id INTEGER PRIMARY KEY, guild_id INTEGER, "
            "user_id INTEGER, text TEXT)"
        )
        async with self.bot.db.transaction() as tx:
            # a migration's types: PostgreSQL's INTEGER is 32 bits, its generated key is said so
            await tx.execute(ddl_to_postgres(table) if tx.dialect == "postgresql" else table)
        self.bot.privacy.register(
            "sample_notes", "Notes you wrote", self.export, self.delete, erase=erase_notes
        )

    async def cog_unload(self) -> None:
        self.bot.privacy.unregister("sample_notes")

    async def export(self, user_id: int) -> list[dict[str, object]]:
        rows = await self.bot.db.fetchall(
            "SELECT * FROM sample_notes WHERE user_id = ?", (user_id,)
        )
        return [dict(row) for row in rows]

    async def delete(self, user_id: int) -> int:
        async with self.bot.db.transaction() as tx:
            return await tx.execute("DELETE FROM sample_notes WHERE user_id = ?", (user_id,))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if message.guild is None or message.author.bot:
            return
        self.bot.activity_service.record(message.guild.id, "message", message.author.id)
        if message.content.startswith("note:"):
            async with self.bot.db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO sample_notes (guild_id, user_id, text) VALUES (?, ?, ?)",
                    (message.guild.id, message.author.id, message.content[5:]),
                )

    @scoped(Scope.MEMBER)
    @note.command(name="show", description="Show a note")
    async def show(self, interaction: discord.Interaction, note: str) -> None:
        require_guild(interaction)
        row = await self.bot.db.fetchone(
            "SELECT * FROM sample_notes WHERE id = ?", (parse_id(note),)
        )
        if row is None:
            raise ForeignIdError()
        require_same_guild(interaction, row["guild_id"])
        await send_private(interaction, row["text"])

    @show.autocomplete("note")
    async def _notes(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        rows = await self.bot.db.fetchall(
            "SELECT id, text FROM sample_notes WHERE guild_id = ? LIMIT 25", (interaction.guild_id,)
        )
        return [app_commands.Choice(name=row["text"][:100], value=str(row["id"])) for row in rows]

    @scoped(Scope.MEMBER)
    @note.command(name="crash", description="Fails unexpectedly")
    async def crash(self, interaction: discord.Interaction) -> None:
        raise RuntimeError("unexpected failure in a feature")

    @scoped(Scope.MEMBER)
    @note.command(name="slow", description="Answers too late")
    async def slow(self, interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.5)
        await interaction.response.send_message("late")


async def setup(bot: Bot) -> None:
    await bot.add_cog(SampleCog(bot))
