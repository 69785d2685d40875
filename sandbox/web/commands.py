"""The command picker's tree: the bot's registered slash commands as one person's Discord client
shows them (names and hints in their language, only commands their permissions allow), and the
picker's answers turned back into the values the emulation's ``invoke`` takes."""

from __future__ import annotations

import base64
from typing import Any

from sandbox.emulation import permissions as P

from .scene import Scene, Visitor

Json = dict[str, Any]

_SUB, _GROUP = 1, 2
_STRING, _INTEGER, _BOOLEAN, _NUMBER, _ATTACHMENT = 3, 4, 5, 10, 11


def localized(item: Json, key: str, locale: str) -> str:
    """``item[key]`` in ``locale`` as Discord picks it (exact locale, then the language)."""
    table = item.get(f"{key}_localizations") or {}
    for candidate in (locale, locale.split("-")[0]):
        if table.get(candidate):
            return str(table[candidate])
    return str(item.get(key) or "")


def _allowed(scene: Scene, visitor: Visitor, command: Json, kind: int = 1) -> bool:
    if int(command.get("type", 1)) != kind:
        return False
    required = command.get("default_member_permissions")
    if required is None:
        return True
    perms = scene.emulation.world.guild_permissions(scene.guild, visitor.user.id)
    needed = int(required)
    return perms == P.ALL_PERMISSIONS if needed == 0 else P.has(perms, needed)


def _in_dms(command: Json) -> bool:
    contexts = command.get("contexts")
    if contexts is not None:
        return 1 in contexts
    return command.get("dm_permission") is not False


def _option(option: Json, locale: str) -> Json:
    out: Json = {
        "name": option["name"],
        "label": localized(option, "name", locale),
        "hint": localized(option, "description", locale),
        "type": int(option["type"]),
        "required": bool(option.get("required")),
        "autocomplete": bool(option.get("autocomplete")),
    }
    if option.get("choices"):
        out["choices"] = [
            {"label": localized(c, "name", locale), "value": c["value"]} for c in option["choices"]
        ]
    for key in ("min_value", "max_value", "min_length", "max_length", "channel_types"):
        if key in option:
            out[key] = option[key]
    return out


def entries(scene: Scene, visitor: Visitor) -> list[Json]:
    """One entry per runnable command path (``/qa start``), sorted as the client lists them."""
    locale = visitor.user.locale
    pool = [*scene.emulation.commands(scene.guild), *scene.emulation.commands()]
    out: list[Json] = []
    for command in pool:
        if not _allowed(scene, visitor, command):
            continue
        dm = _in_dms(command) and "guild_id" not in command
        base = ([command["name"]], [localized(command, "name", locale)])
        for path, labels, node in _leaves(command, base, locale):
            out.append(
                {
                    "path": " ".join(path),
                    "label": " ".join(labels),
                    "hint": localized(node, "description", locale),
                    "dm": dm,
                    "options": [_option(o, locale) for o in node.get("options") or []],
                }
            )
    out.sort(key=lambda e: e["label"].casefold())
    return out


def message_entries(scene: Scene, visitor: Visitor) -> list[Json]:
    """The message commands (the "Apps" menu of a message): ``Report message``, ``Thank``."""
    locale = visitor.user.locale
    pool = [*scene.emulation.commands(scene.guild), *scene.emulation.commands()]
    return sorted(
        (
            {"name": c["name"], "label": localized(c, "name", locale)}
            for c in pool
            if _allowed(scene, visitor, c, kind=3)
        ),
        key=lambda e: e["label"].casefold(),
    )


def _leaves(node: Json, at: tuple[list[str], list[str]], locale: str) -> list[tuple]:
    subs = [o for o in node.get("options") or [] if int(o["type"]) in (_SUB, _GROUP)]
    if not subs:
        return [(at[0], at[1], node)]
    found: list[tuple] = []
    for sub in subs:
        step = ([*at[0], sub["name"]], [*at[1], localized(sub, "name", locale)])
        found += _leaves(sub, step, locale)
    return found


def find(scene: Scene, visitor: Visitor, path: str) -> Json | None:
    return next((e for e in entries(scene, visitor) if e["path"] == path), None)


def values(entry: Json, given: dict[str, Any], *, lenient: bool = False) -> dict[str, Any]:
    """The picker's answers (strings from the form) as the emulation's option values; empty
    optional fields are left out. Raises ValueError on a value the client would refuse
    (``lenient``: leaves it out, as while autocompleting another option)."""
    out: dict[str, Any] = {}
    for option in entry["options"]:
        raw = given.get(option["name"])
        if raw is None or raw == "" or raw == []:
            continue
        try:
            out[option["name"]] = _value(option, raw)
        except (ValueError, KeyError, TypeError):
            if not lenient:
                raise ValueError(option["label"]) from None
    return out


def _value(option: Json, raw: Any) -> Any:
    kind = option["type"]
    if kind == _STRING:
        value: Any = str(raw)
    elif kind == _INTEGER:
        value = int(str(raw))
    elif kind == _NUMBER:
        value = float(str(raw))
    elif kind == _BOOLEAN:
        value = raw in (True, "true", "1", "on")
    elif kind == _ATTACHMENT:
        value = (str(raw["filename"]), base64.b64decode(str(raw["data"]), validate=True))
    else:  # user, channel, role, mentionable: an id
        value = str(int(str(raw)))
    for choice in option.get("choices") or []:
        if str(choice["value"]) == str(raw):
            return choice["value"]
    return value
