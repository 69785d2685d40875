"""Three weeks of the demo server's past, so that statistics and reports have something to show.

The bot collects its statistics from live events, and a new demo has no past. The history is
therefore written before the bot starts, through the statistics feature's own ingestion, with
past timestamps: a :class:`cogs.stats.service.StatsService` (the object the running bot counts
messages and reactions with, including its sentiment scoring and daily roll-ups) whose clock is
set to each past message's time, and ``cogs.stats.repository.record_join`` / ``record_leave``
for the joins and leaves. So the figures are exactly what the bot would have counted had it
seen those three weeks; nothing in the bot is changed or bypassed. The emulation gets a part of
the same chat as channel history (older messages, not sent to the bot), and each member the
date they joined.

Everything is drawn from a fixed random seed: every fresh demo has the same past.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.database import Database
from bot.db_open import open_database
from cogs.stats import repository
from cogs.stats.service import StatsService
from sandbox.emulation import FakeDiscord

from .cast import TIMEZONE
from .world import DemoWorld

DAYS = 21
INVITE = {"de": "spieleecke", "en": "gamecorner"}
SEED = 2026

CHAT = {
    "de": [
        "Wer ist heute Abend bei der Koop-Runde dabei?",
        "Das neue Update gefällt mir richtig gut!",
        "Hat jemand einen Tipp für den dritten Boss?",
        "Ich bin in 10 Minuten online.",
        "Danke für die Hilfe gestern, hat geklappt!",
        "Die neue Karte sieht super aus.",
        "Heute leider keine Zeit, morgen wieder.",
        "Kennt ihr schon das neue Indie-Spiel? Sehr entspannt.",
        "Gute Runde gestern, das hat Spaß gemacht!",
        "Mein Internet spinnt heute, sorry für den Abbruch.",
        "Welche Einstellungen nutzt ihr für die Grafik?",
        "Ich suche noch zwei Leute für eine Runde.",
        "Das Turnier am Samstag war richtig spannend.",
        "Die Ladezeiten nerven mich ein bisschen.",
        "Guten Morgen zusammen!",
        "Wer hat Lust auf ein Brettspiel am Wochenende?",
    ],
    "en": [
        "Who is up for the co-op round tonight?",
        "I really like the new update!",
        "Any tips for the third boss?",
        "I'll be online in 10 minutes.",
        "Thanks for the help yesterday, it worked!",
        "The new map looks great.",
        "No time today, sadly, tomorrow again.",
        "Have you tried the new indie game? Very relaxing.",
        "Good round yesterday, that was fun!",
        "My internet is acting up today, sorry for dropping out.",
        "Which graphics settings do you use?",
        "Looking for two more people for a round.",
        "Saturday's tournament was really exciting.",
        "The loading times annoy me a bit.",
        "Good morning everyone!",
        "Anyone up for a board game this weekend?",
    ],
}

CHAT_CHANNELS = ("general", "general", "general", "games", "games", "suggestions")
#: members who joined during the three weeks (the others joined months before)
RECENT = ("player2", "artist2", "m4", "m5")


class _PastClock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


async def seed(fake: FakeDiscord, world: DemoWorld, database_path: Path) -> int:
    """Write the past into the bot's (new) database and the emulation; returns the messages."""
    rng = random.Random(SEED)
    zone = ZoneInfo(TIMEZONE[world.lang])
    now = datetime.now(UTC)
    start = now - timedelta(days=DAYS)
    guild = fake.world.guilds[world.guild_id]
    present = [part for part, (uid, _) in world.people.items() if uid in guild.members]
    joined: dict[str, datetime] = {}
    for part in present:
        if part in RECENT:
            joined[part] = start + timedelta(
                days=rng.randint(1, DAYS - 2), hours=rng.randint(8, 20)
            )
        elif part != "admin":
            joined[part] = now - timedelta(days=rng.randint(40, 400))
        member = guild.members[world.people[part][0]]
        member.joined_at = (joined.get(part) or now - timedelta(days=500)).isoformat()
    # how chatty each member is (messages per day on average)
    chattiness = {part: rng.choice((0.3, 0.6, 1.0, 1.5, 2.5)) for part in present}
    clock = _PastClock()
    db = await open_database(database_path)
    service = StatsService(db, clock, lambda _guild: zone)
    count = 0
    try:
        for day in range(DAYS, 0, -1):
            base = (now - timedelta(days=day)).astimezone(zone).replace(hour=0, minute=0, second=0)
            events = []
            growth = 1 + (DAYS - day) / DAYS  # the server gets a little busier
            for part in present:
                since = joined.get(part)
                n = _poisson(rng, chattiness[part] * growth)
                for _ in range(n):
                    when = base + timedelta(hours=rng.randint(9, 23), minutes=rng.randint(0, 59))
                    if since is not None and when < since:
                        continue
                    events.append((when.astimezone(UTC), part))
            for part in RECENT:
                if part in joined and joined[part].astimezone(zone).date() == base.date():
                    clock.now = joined[part]
                    await repository.record_join(
                        db,
                        world.guild_id,
                        world.people[part][0],
                        service.today(world.guild_id),
                        clock.now,
                        INVITE[world.lang],
                        world.people["admin"][0],
                    )
            events.sort()
            for when, part in events:
                clock.now = when
                user_id = world.people[part][0]
                channel = world.channels[rng.choice(CHAT_CHANNELS)]
                text = rng.choice(CHAT[world.lang])
                service.message(world.guild_id, channel, user_id, text)
                if rng.random() < 0.5:
                    reactor = world.people[rng.choice(present)][0]
                    service.reaction(world.guild_id, channel, reactor)
                if rng.random() < 0.12 and when < now - timedelta(hours=1):
                    fake.add_history(user_id, channel, text, age=now - when)
                count += 1
            if events:
                await service.score_pending()
                await service.flush()
        await _leavers(db, world, service, clock, rng, start)
    finally:
        await db.close()
    return count


async def _leavers(
    db: Database,
    world: DemoWorld,
    service: StatsService,
    clock: _PastClock,
    rng: random.Random,
    start: datetime,
) -> None:
    """Two people who came and went again during the three weeks."""
    for offset in (4, 12):
        user_id = 10**17 + rng.randint(0, 10**16)
        clock.now = start + timedelta(days=offset, hours=15)
        day = service.today(world.guild_id)
        await repository.record_join(db, world.guild_id, user_id, day, clock.now, None, None)
        clock.now += timedelta(days=2)
        await repository.record_leave(
            db, world.guild_id, user_id, service.today(world.guild_id), clock.now
        )


def _poisson(rng: random.Random, mean: float) -> int:
    """A small Poisson draw (Knuth), for the number of messages on a day."""
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k
