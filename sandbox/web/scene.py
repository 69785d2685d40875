"""What the web view shows: one server of the emulation, the people a visitor may be, the tour."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sandbox.emulation import FakeDiscord, FakeGuild, FakeUser

from .labels import labels

ROLES = ("member", "moderator", "admin")


@dataclass(frozen=True)
class Visitor:
    """A person the visitor can be: ``key`` is stable across reloads (the person's user id)."""

    key: str
    name: str
    role: str  # member | moderator | admin
    user: FakeUser


@dataclass
class TourState:
    """The tour on the page: where it stands and what the last step showed."""

    tour: Any
    played: int = 0
    transcript: list[str] = field(default_factory=list)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def done(self) -> int:
        """Steps played (the tour's own position when it keeps one)."""
        position = getattr(self.tour, "position", None)
        return position if isinstance(position, int) else self.played

    @property
    def steps(self) -> list[Any]:
        return list(getattr(self.tour, "steps", []) or [])

    def explanation(self, index: int, lang: str) -> str:
        steps = self.steps
        if not 0 <= index < len(steps):
            return ""
        explain = getattr(steps[index], "explanation", "")
        return str(explain(lang) if callable(explain) else explain)

    async def next_step(self, lang: str) -> list[str]:
        async with self.lock:
            if self.done >= len(self.steps):
                return []
            result = await self.tour.next_step()
            self.played += 1
            self.transcript = _transcript_lines(result, lang)
            return self.transcript


def _transcript_lines(result: Any, lang: str) -> list[str]:
    """The step's transcript: its lines, the files the bot posted, what a failed step missed."""
    words = labels(lang)
    if result is None:
        return []
    if isinstance(result, list | tuple):
        return [str(line) for line in result]
    lines = getattr(result, "lines", None)
    if lines is None:
        lines = getattr(result, "transcript", None)
    out = [str(line) for line in (lines if lines is not None else [result])]
    files = getattr(result, "files", None)
    if files:
        out.append(words["files"].format(files=", ".join(str(f) for f in files)))
    if getattr(result, "ok", True) is False:
        out.append(words["step_failed"].format(expected=getattr(result, "expected", "")))
    return out


@dataclass
class Scene:
    emulation: FakeDiscord
    guild: FakeGuild
    people: list[Visitor]
    lang: str = "en"
    tour: TourState | None = None

    def visitor(self, key: object) -> Visitor:
        for person in self.people:
            if person.key == str(key):
                return person
        raise KeyError(key)


def _role_of(value: Any) -> str:
    for name in ("role", "label", "kind"):
        role = getattr(value, name, None)
        if isinstance(role, str) and role in ROLES:
            return role
    return "member"


def _user_of(value: Any) -> FakeUser | None:
    if isinstance(value, FakeUser):
        return value
    if isinstance(value, tuple | list):
        return next((v for v in value if isinstance(v, FakeUser)), None)
    user = getattr(value, "user", None)
    return user if isinstance(user, FakeUser) else None


def person(name: str, value: Any) -> Visitor | None:
    """One entry of a demo's ``people`` (a FakeUser, ``(user, role)`` or an object with
    ``user`` and ``role``) as a Visitor."""
    user = _user_of(value)
    if user is None:
        return None
    if isinstance(value, tuple | list):
        role = next((v for v in value if isinstance(v, str) and v in ROLES), "member")
    else:
        role = _role_of(value)
    return Visitor(key=str(user.id), name=name, role=role, user=user)


def scene_from_demo(demo: Any) -> Scene:
    """The scene of a running demo (``sandbox.demo.DemoSession``)."""
    raw = getattr(demo, "people", {}) or {}
    items = raw.items() if isinstance(raw, dict) else ((getattr(p, "name", ""), p) for p in raw)
    people = [p for p in (person(str(name), value) for name, value in items) if p is not None]
    order = {role: i for i, role in enumerate(ROLES)}
    people.sort(key=lambda p: (order[p.role], p.name.casefold()))
    guild = demo.guild
    lang = str(getattr(demo, "lang", "") or guild.locale)[:2]
    tour = getattr(demo, "tour", None)
    return Scene(
        emulation=demo.emulation,
        guild=guild,
        people=people,
        lang="de" if lang == "de" else "en",
        tour=TourState(tour) if tour is not None else None,
    )
