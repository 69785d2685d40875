"""The table of who may use what in docs/commands.md is the code's declaration, row for row."""

from __future__ import annotations

from pathlib import Path

from bot.core import Bot
from bot.moderation import appeals
from bot.scopes import Access, Scope, command_table
from bot.ui.buttons import ScopedItem

README = Path(__file__).resolve().parents[2] / "docs" / "commands.md"

WHO = {
    Scope.MEMBER: "any member",
    Scope.OWNER: "only the member it belongs to",
    Scope.CHANNEL_MODERATOR: "in this channel",
    Scope.SERVER_MODERATOR: "server team",
    Scope.ADMIN: "admin",
}


def describe(access: Access) -> str:
    who = WHO[access.scope]
    if access.permission:
        label = access.permission.replace("_", " ").replace("guild", "server").title()
        who += f": {label}"
    if access.limit is not None:
        who += f" · {access.limit.count} per {access.limit.per:g} s"
    return f"{access.scope.value} ({who})"


def table_rows(bot: Bot) -> list[str]:
    rows = [f"| `{name}` | {describe(access)} |" for name, access in command_table(bot.tree)]
    items = sorted(bot._connection._view_store._dynamic_items.values(), key=lambda i: i.doc)
    for item in items:
        assert issubclass(item, ScopedItem) and item.doc, item
        declared = item.actions or {"": item.access}
        for action, access in declared.items():
            assert access is not None
            name = f"{item.doc}: {action}" if action else item.doc
            rows.append(f"| button *{name}* | {describe(access)} |")
    return rows


async def test_the_readme_lists_every_command_and_button_with_its_scope(loaded_bot):
    bot = loaded_bot
    readme = README.read_text(encoding="utf-8")
    missing = [row for row in table_rows(bot) if row not in readme]
    assert missing == [], (
        "docs/commands.md table out of date; regenerate with python -m tests.bot.test_scopes_readme"
    )


async def _print_rows() -> None:  # python -m tests.bot.test_scopes_readme
    import tempfile

    from bot.config import Settings
    from bot.db_open import open_database

    folder = Path(tempfile.mkdtemp())
    settings = Settings(discord_token="x", database_path=folder / "db.sqlite3")
    database = await open_database(settings.database_path)
    bot = Bot(settings, database)
    appeals.register(bot)
    await bot.load_features()
    print("\n".join(table_rows(bot)))
    await database.close()


if __name__ == "__main__":
    import asyncio

    asyncio.run(_print_rows())
