"""The demo: the real bot on a local demo server, without a token or a network.

``./scripts/run demo`` (or ``python -m bot demo``) starts the Discord emulation on 127.0.0.1,
builds the demo server ("Spieleecke" in German, "Game Corner" in English: eleven channels, the
roles Admin, Moderation, Helfer and Mitglied, twenty members with names and client languages,
three weeks of history for the statistics), starts the unmodified bot in its own process
against it (``python -m sandbox.launch``, exactly as the tests do, database in ``data/demo/``),
and lets the admin set the bot up with the bot's own commands. Starting again continues the
same demo (the emulation's world is kept in ``data/demo/world/`` with the same ids); ``--reset``
starts afresh. ``--tour`` plays a scripted week, ``--tour --headless`` prints its transcript.

Using it from another module (the web view)::

    from sandbox.demo import DemoSession

    async with DemoSession(data_dir, lang, reset) as demo:
        demo.emulation   # the FakeDiscord (sandbox.emulation): messages(), invoke(), click() …
        demo.guild       # the demo server (FakeGuild)
        demo.people      # name -> Person(name, user: FakeUser, role: "member" | "moderator"
                         #                | "admin", part: what the tour calls them)
        demo.tour        # the Tour: tour.steps (each with .explanation(lang) and .title(lang)),
                         # result = await tour.next_step() -> StepResult(number, key, title,
                         # explanation, lines, files, ok, expected, seconds); tour.done
        demo.lang        # "de" or "en" (a kept demo keeps its language)

Entering the block starts the emulation and the bot process (and builds and configures the
server the first time); leaving it stops the bot, saves the world and stops the emulation.
``python -m bot demo`` passes ``--port`` and ``--no-browser`` to ``sandbox.web.serve(demo, port,
open_browser)`` when that exists (:mod:`sandbox.demo.cli`).

The only help the demo gives the bot is time: for the contest, the tour stops the bot, moves the
contest's deadline to now and starts it again (``DemoSession.fast_forward_contest``); and the
three weeks of statistics are written before the bot first starts, through the statistics
feature's own ingestion (:mod:`sandbox.demo.history`).
"""

from .cli import main
from .session import DemoSession
from .tour import Step, StepResult, Tour
from .world import Person

__all__ = ["DemoSession", "Person", "Step", "StepResult", "Tour", "main"]
