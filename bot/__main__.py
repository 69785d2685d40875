"""Command line: ``python -m bot [run|setup|health|invite|sync|backup|migrate-to-postgres|demo]``.

Exit codes: 0 stopped cleanly; 1 unexpected error; 2 configuration (missing or invalid setting);
3 Discord refused the login (bad token, privileged intents not enabled); 4 database unusable.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import discord

from bot import __version__
from bot.config import Settings, configure_logging, load_settings
from bot.errors import StartupError

log = logging.getLogger("bot")

EXIT_OK, EXIT_UNEXPECTED, EXIT_DISCORD = 0, 1, 3

BAD_TOKEN_HELP = """\
Discord refused the token in DISCORD_TOKEN (401 Unauthorized).

The token is wrong, was reset, or was copied incompletely. To fix it:
  1. Open https://discord.com/developers/applications, pick your application, open "Bot".
  2. Click "Reset Token", copy the new token.
  3. Replace DISCORD_TOKEN in .env with it and start the bot again."""

INTENTS_HELP = """\
Discord closed the connection (code 4014): the privileged intents are not enabled.

The bot needs "Server Members Intent" and "Message Content Intent". To enable them:
  1. Open https://discord.com/developers/applications, pick your application, open "Bot".
  2. Under "Privileged Gateway Intents", switch on "Server Members Intent" and
     "Message Content Intent", and click "Save Changes".
  3. Start the bot again."""

NO_CLIENT_ID_HELP = """\
Cannot build the invite URL: the application id is unknown.
Set DISCORD_TOKEN (the id is read from it) or DISCORD_CLIENT_ID (the "Application ID" on the
"General Information" page of your application in the developer portal)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Community-manager bot for Discord."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="connect to Discord and run the bot (the default)")
    sub.add_parser("setup", help="ask for the token, check it and the intents, write .env")
    sub.add_parser("health", help="exit 0 if the running bot is connected and responsive")
    sub.add_parser("invite", help="print the invite URL with the permissions the features need")
    sub.add_parser("sync", help="sync the slash commands to Discord now, then exit")
    sub.add_parser("backup", help="write a backup of the database now, then exit")
    migrate = sub.add_parser(
        "migrate-to-postgres",
        help="copy the SQLite database into PostgreSQL, compare both, then exit",
        description=MIGRATE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    migrate.add_argument(
        "database_url",
        metavar="DATABASE_URL",
        nargs="?",
        help="the PostgreSQL database to copy into: postgresql://user:password@host:port/name "
        "(default: DATABASE_URL from the settings, which keeps the password out of the shell's "
        "history and the process list)",
    )
    migrate.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="PATH",
        help="the SQLite file to copy (default: DATABASE_PATH from the settings)",
    )
    migrate.add_argument(
        "--into-non-empty",
        action="store_true",
        help="copy even if the bot's tables in PostgreSQL hold rows: every row of the bot's "
        "tables there is deleted first (TRUNCATE) and replaced by the SQLite file's rows; "
        "other tables and databases on the server are not touched",
    )
    # The demo's own options (--lang, --tour, --headless …) are read by sandbox.demo.
    sub.add_parser(
        "demo",
        help="try the bot on a local demo server, without a token or a network",
        add_help=False,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args, rest = parser.parse_known_args(argv)
    command = args.command or "run"
    if command == "demo":
        from sandbox.demo.cli import main as demo

        return demo(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if command == "setup":
        from bot.setup_wizard import run as setup

        return setup(Path(".env"), Path(".env.example"))
    try:
        settings = load_settings()
        configure_logging(settings.log_level, secrets=settings.secrets, fmt=settings.log_format)
        if command == "health":
            from bot.health import check

            healthy, reason = check(settings.health_file)
            print(reason)
            return EXIT_OK if healthy else EXIT_UNEXPECTED
        if command == "invite":
            return _invite(settings)
        if command == "backup":
            return asyncio.run(_backup(settings))
        if command == "migrate-to-postgres":
            return asyncio.run(_migrate_to_postgres(settings, args))
        token = settings.require_token()
        return asyncio.run(_run(settings, token, sync_only=command == "sync"))
    except StartupError as exc:
        print(f"\n{exc}\n", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return EXIT_OK


def _invite(settings: Settings) -> int:
    from bot.features import invite_url

    client_id = settings.client_id
    if client_id is None:
        print(NO_CLIENT_ID_HELP, file=sys.stderr)
        return 2
    print(invite_url(client_id))
    return EXIT_OK


POSTGRES_BACKUP_HELP = """\
DATABASE_URL names a PostgreSQL server: back it up with the server's own tools, e.g.
    pg_dump --format=custom --file=bot.dump "$DATABASE_URL"
(or your provider's snapshots). The bot's own backups are copies of its SQLite file."""


async def _backup(settings: Settings) -> int:
    from bot.backup import make_backup
    from bot.db_open import open_database
    from bot.timeutil import utcnow

    if settings.database_url:
        print(POSTGRES_BACKUP_HELP, file=sys.stderr)
        return 2
    db = await open_database(settings.database_path, backup_dir=settings.backup_dir)
    try:
        info = await make_backup(db, settings.backup_dir, settings.backup_keep, utcnow())
    finally:
        await db.close()
    print(info.path)
    return EXIT_OK


MIGRATE_HELP = """\
Copy the bot's SQLite database (DATABASE_PATH, or --from PATH) into an empty PostgreSQL
database. Stop the bot first. The SQLite file is brought to the current schema as at every
start (with its pre-migration backup), PostgreSQL gets the same schema, then every table is
copied and read back: each must have as many rows and the same checksum on both sides.
Nothing is converted: a value PostgreSQL cannot hold as it is stops the copy, naming table
and column. Afterwards set DATABASE_URL in .env and start the bot; the SQLite file stays as
it was.

Exit codes: 0 every table matches; 1 a table differs; 2 bad input (no SQLite file, not a
postgresql:// address, data already there, a value that does not fit); 4 a database cannot
be opened (server unreachable, wrong password, database missing)."""


async def _migrate_to_postgres(settings: Settings, args: argparse.Namespace) -> int:
    from bot.db_postgres import safe_url
    from bot.migrate_postgres import MigrationError, migrate

    url = args.database_url or settings.database_url
    if not url:
        print(
            "\nName the PostgreSQL database to copy into: set DATABASE_URL (in .env or the "
            "environment) or give it after the command.\n",
            file=sys.stderr,
        )
        return 2
    source = args.source or settings.database_path
    try:
        outcome = await migrate(
            source, url, into_non_empty=args.into_non_empty, backup_dir=settings.backup_dir
        )
    except MigrationError as exc:
        print(f"\n{exc}\n", file=sys.stderr)
        return 2
    where = safe_url(url)
    if outcome.differing:
        print(
            f"\n{len(outcome.differing)} of {len(outcome.tables)} tables differ between the "
            f"SQLite file and PostgreSQL at {where}: {', '.join(outcome.differing)}. Run the "
            "migration again with --into-non-empty; keep using the SQLite file until every "
            "table matches.",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
    print(
        f"\nCopied {len(outcome.tables)} tables, {outcome.rows} rows, in "
        f"{outcome.seconds:.1f} s; every table matches. To use PostgreSQL, set "
        f"DATABASE_URL (the address you gave, {where}) in .env and start the bot."
    )
    return EXIT_OK


async def _run(settings: Settings, token: str, *, sync_only: bool) -> int:
    from bot.db_open import open_database
    from bot.sharded import make_bot

    db = await open_database(settings.database_target, backup_dir=settings.backup_dir)
    bot = make_bot(
        settings, db, sync_commands=not sync_only, start_services=not sync_only, own_process=True
    )
    loop = asyncio.get_running_loop()
    stopping: list[asyncio.Task[None]] = []

    def request_stop(signame: str) -> None:
        log.info("Received %s; shutting down", signame)
        if not stopping:
            stopping.append(loop.create_task(bot.close()))

    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, request_stop, sig.name)
    try:
        async with bot:
            if sync_only:
                await bot.login(token)
                await bot.sync_commands(force=True)
                print("Slash commands synced.")
                return EXIT_OK
            await bot.start(token)
        if stopping:
            await asyncio.gather(*stopping)
        return EXIT_OK
    except discord.LoginFailure:
        raise StartupError(BAD_TOKEN_HELP, EXIT_DISCORD) from None
    except discord.PrivilegedIntentsRequired:
        raise StartupError(INTENTS_HELP, EXIT_DISCORD) from None
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        if not bot.is_closed():
            await bot.close()
        await db.close()


if __name__ == "__main__":
    sys.exit(main())
