"""The welcome message template: a safe substitution of a few named placeholders. Pure.

The template is the admin's text and the values (member and server names) are anyone's, so no
``str.format``: ``{member}`` and friends are replaced in one pass by ``bot.i18n.render``, values are
never scanned again (a member named ``{0.__class__}`` stays exactly that), markdown in names is
escaped, and the message is sent with mentions limited to the new member (a member named
``@everyone`` pings nobody).
"""

from __future__ import annotations

import re

from bot.i18n import placeholders, render

PLACEHOLDERS: tuple[str, ...] = ("member", "member_name", "server", "member_count")
MAX_TEMPLATE = 1500
_MARKDOWN = re.compile(r"([\\*_~|`>#\[\]()-])")


def unknown_placeholders(template: str) -> list[str]:
    """Placeholders in ``template`` that the bot does not fill (shown to the admin)."""
    return sorted(placeholders(template) - set(PLACEHOLDERS))


def escape_name(name: str) -> str:
    """Shown as typed: markdown characters are escaped, nothing else changes."""
    return _MARKDOWN.sub(r"\\\1", name)[:100]


def fill(template: str, *, member_id: int, member_name: str, server: str, member_count: int) -> str:
    text = render(
        template,
        {
            "member": f"<@{member_id}>",
            "member_name": escape_name(member_name),
            "server": escape_name(server),
            "member_count": str(member_count),
        },
    )
    return text[:2000]


RISKY_PERMISSIONS = frozenset(
    {"administrator", "kick_members", "ban_members", "moderate_members", "mention_everyone"}
)


def is_risky_permission(name: str) -> bool:
    """A permission a role given to every new member must not carry unless an administrator
    chose it: administrator, any manage_* permission, kick, ban, timeout, mentioning @everyone."""
    return name in RISKY_PERMISSIONS or name.startswith("manage_")
