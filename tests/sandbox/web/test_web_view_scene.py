"""The page reads a running demo through its public interface: ``people`` of the demo's
``Person``, its ``lang``, and its ``Tour`` (steps, ``next_step``, ``position``)."""

from __future__ import annotations

from types import SimpleNamespace

from sandbox.demo import Person, StepResult
from sandbox.emulation import FakeDiscord
from sandbox.web import scene_from_demo


class TourDouble:
    def __init__(self) -> None:
        self.steps = [SimpleNamespace(explanation=lambda lang: f"first ({lang})")] * 2
        self.position = 0

    async def next_step(self) -> StepResult:
        self.position += 1
        return StepResult(
            self.position, "welcome", "A welcome", "first", ["Noah joins."], ["a.png"], False, "x"
        )


async def test_a_demo_becomes_a_scene_and_its_tour_is_played_through_it():
    fake = FakeDiscord()
    guild = fake.create_guild("Spieleecke", locale="de", add_bot=False)
    users = {name: fake.create_user(name, locale="de") for name in ("Sabine", "Jonas", "Mia")}
    people = {
        "Mia": Person("Mia", users["Mia"], "member", "player"),
        "Sabine": Person("Sabine", users["Sabine"], "admin", "admin"),
        "Jonas": Person("Jonas", users["Jonas"], "moderator", "moderator"),
    }
    demo = SimpleNamespace(emulation=fake, guild=guild, people=people, lang="de", tour=TourDouble())
    scene = scene_from_demo(demo)
    assert [(p.name, p.role) for p in scene.people] == [
        ("Mia", "member"),
        ("Jonas", "moderator"),
        ("Sabine", "admin"),
    ]
    assert scene.lang == "de" and scene.visitor(users["Mia"].id).user is users["Mia"]
    tour = scene.tour
    assert tour is not None and tour.done == 0 and tour.explanation(0, "de") == "first (de)"
    lines = await tour.next_step("de")
    assert lines == [
        "Noah joins.",
        "Dateien: a.png",
        "Dieser Schritt hat nicht geklappt: x",
    ]
    assert tour.done == 1 and tour.transcript == lines
