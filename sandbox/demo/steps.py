"""The tour's steps in order: a scripted week on the demo server."""

from __future__ import annotations

from . import steps_events, steps_moderation, steps_team
from .tour import Step

STEPS = tuple(
    Step(key, play)
    for key, play in (*steps_moderation.STEPS, *steps_events.STEPS, *steps_team.STEPS)
)
