"""The guided tour: a scripted week on the demo server, one step at a time.

``Tour.steps`` lists the steps (each with ``explanation(lang)``, one line); ``await
tour.next_step()`` plays the next one and returns a :class:`StepResult` with its transcript
lines (who did what, what the bot answered, which files it posted). A web page drives the tour
the same way the terminal does: call ``next_step`` until ``tour.done``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .scene import Scene, StepFailed
from .texts import say

if TYPE_CHECKING:
    from .session import DemoSession


@dataclass(frozen=True)
class Step:
    key: str
    play: Callable[[Scene], Awaitable[None]]

    def title(self, lang: str) -> str:
        return say(lang, f"step.{self.key}.title")

    def explanation(self, lang: str) -> str:
        return say(lang, f"step.{self.key}.explain")


@dataclass
class StepResult:
    number: int  # 1-based
    key: str
    title: str
    explanation: str
    lines: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    ok: bool = True
    expected: str = ""  # when not ok: what the step waited for in vain
    seconds: float = 0.0


class Tour:
    def __init__(self, demo: DemoSession, steps: list[Step] | None = None) -> None:
        from .steps import STEPS

        self.demo = demo
        self.steps: list[Step] = list(STEPS if steps is None else steps)
        self.position = 0
        self.results: list[StepResult] = []

    @property
    def done(self) -> bool:
        return self.position >= len(self.steps)

    async def next_step(self) -> StepResult:
        """Play the next step; a step that did not see what it expected is not ok (the tour
        still moves on)."""
        if self.done:
            raise IndexError("the tour is over")
        step = self.steps[self.position]
        if self.position == 0:
            self.demo.world.tours += 1
            self.demo.world.save(self.demo.data_dir)
        self.position += 1
        lang = self.demo.lang
        result = StepResult(self.position, step.key, step.title(lang), step.explanation(lang))
        scene = Scene(self.demo)
        loop_time = self.demo.loop_time()
        try:
            await step.play(scene)
        except StepFailed as failure:
            result.ok = False
            detail = scene.render.plain(failure.detail)
            result.expected = failure.expected + (f" ({detail})" if detail else "")
        except Exception as exc:  # the emulation refused an action: the step failed
            result.ok = False
            result.expected = say(lang, "expect.unexpected", error=f"{type(exc).__name__}: {exc}")
        scene.flush()
        result.lines, result.files = scene.lines, scene.files
        result.seconds = self.demo.loop_time() - loop_time
        self.results.append(result)
        self.demo.save_world()
        return result

    async def play_all(self, report: Callable[[StepResult], None] | None = None) -> bool:
        """Every remaining step; True when all were ok."""
        while not self.done:
            result = await self.next_step()
            if report is not None:
                report(result)
        return all(r.ok for r in self.results)
