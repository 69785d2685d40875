"""The Q&A rounds cog: what it registers when it loads (buttons, the scheduled kind, a member's
data, the summary's delivery) and stops when it unloads. The work is in ``service.py`` and
``questions.py``; the slash commands are in ``commands.py``."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from discord.ext import commands

from bot.core import Bot
from cogs.qa import repository, schedule
from cogs.qa.questions import QuestionService
from cogs.qa.service import QaService
from cogs.qa.views import _Button

SUMMARY_CATCH_UP = timedelta(days=7)  # summaries older rounds still miss are posted at start


class QaCog(commands.Cog):
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.service = QaService(bot)
        self.questions = QuestionService(self.service)
        self._refreshing: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(_Button)
        self.bot.schedule_kinds.register(schedule.kind(self.service))
        self.bot.privacy.register(
            "qa",
            "Your Q&A questions, answers and votes, rounds you hosted, your FAQ entries and ratings.",
            lambda user_id: repository.data_of_user(self.bot.db, user_id),
            self._forget,
            erase=repository.forget_user,
        )
        for round_ in await repository.open_rounds(self.bot.db):
            if self.bot.owns(round_.guild_id):  # another process arms the other shards' rounds
                self.service.arm(round_)
        self.bot.outbox.register_renderer("qa-summary", self.service.render_summary)
        self.bot.outbox.register_on_sent("qa-summary", self.service.summary_sent)
        now = self.bot.clock()
        await repository.queue_missing_summaries(
            self.bot.db, self.service.summary_post, now, now - SUMMARY_CATCH_UP
        )
        self._refreshing = asyncio.create_task(
            self.service.refresh_stale(), name="qa-refresh-stale"
        )

    async def cog_unload(self) -> None:
        if self._refreshing is not None:
            self._refreshing.cancel()
        self.bot.privacy.unregister("qa")
        self.bot.schedule_kinds.unregister("qa")
        await self.service.aclose()

    async def _forget(self, user_id: int) -> int:
        removed = await repository.forget_user(self.bot.db, user_id)
        faq = self.bot.get_cog("FaqCog")
        if faq is not None:
            await faq.reload()  # type: ignore[attr-defined]  # entries made from their questions are gone
        return removed
