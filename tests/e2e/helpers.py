"""What the end-to-end tests do again and again: invoke a command, read buttons and modals."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import World


async def run_reply(
    world: World, user: Any, command: str, options: dict | None = None, **kw: Any
) -> tuple[str, Any]:
    """Invoke ``command`` in #general as ``user``; the reply's text (followup included) and the interaction."""
    reply = await world.fake.invoke(user, world.general, command, options or {}, **kw)
    await reply.response()
    if reply.response_type == 5:
        await reply.wait_for_followup()
    return reply.content_text(), reply


async def run(world: World, user: Any, command: str, options: dict | None = None) -> str:
    return (await run_reply(world, user, command, options))[0]


def buttons(message: dict) -> list[dict]:
    return [c for row in message.get("components", []) for c in row.get("components", [])]


def text_input_id(modal: dict) -> str:
    """The custom_id of the modal's text input (inside an action row or a label)."""
    stack = list(modal["components"])
    while stack:
        component = stack.pop()
        if component.get("type") == 4:
            return component["custom_id"]
        stack.extend(component.get("components", []))
        if "component" in component:
            stack.append(component["component"])
    raise AssertionError("the modal has no text input")


async def table_dump(bot: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (sorted), to prove that a refusal wrote nothing."""
    dump = {}
    for name in await bot.db.tables():
        rows = await bot.db.fetchall(f'SELECT * FROM "{name}"')
        dump[name] = sorted((tuple(row) for row in rows), key=repr)
    return dump
