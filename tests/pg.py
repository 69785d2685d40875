"""PostgreSQL for the tests: a fresh database per test, cloned from a migrated template.

``TEST_DATABASE_URL`` names a server whose user may create databases (``scripts/test`` starts a
throwaway one when PostgreSQL is installed). Without it, tests on PostgreSQL are skipped, or
fail where ``REQUIRE_POSTGRES=1`` (CI).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

_SESSION = uuid.uuid4().hex[:8]
_template: str | None = None
_counter = 0
SKIP_REASON = "PostgreSQL is not available (install it, or set TEST_DATABASE_URL)"


def server_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def require_server() -> str:
    url = server_url()
    if url is not None:
        return url
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail("REQUIRE_POSTGRES=1, but TEST_DATABASE_URL is not set", pytrace=False)
    pytest.skip(SKIP_REASON)


def _run(coro_factory):  # type: ignore[no-untyped-def]
    """Run a coroutine to the end on a loop of its own (fixtures may be called from a test's
    running loop, or from none)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(coro_factory())).result()


def on_server(url: str, sql: str) -> None:
    """One statement on the server (CREATE DATABASE, DROP DATABASE: outside a transaction)."""

    async def run() -> None:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    _run(run)


def fresh_database() -> tuple[str, str]:
    """A new, migrated, empty database: (its address, its name)."""
    global _template, _counter
    url = require_server()
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if _template is None:
        name = f"tmpl_{_SESSION}_{worker}"
        on_server(url, f'CREATE DATABASE "{name}"')

        async def migrate() -> None:
            from bot.db_open import open_database

            await (await open_database(with_database(url, name))).close()

        _run(migrate)
        _template = name
    _counter += 1
    name = f"t_{_SESSION}_{worker}_{_counter}"
    on_server(url, f'CREATE DATABASE "{name}" TEMPLATE "{_template}"')
    return with_database(url, name), name


def drop_database(name: str) -> None:
    url = server_url()
    if url is not None:
        on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_template() -> None:
    if _template is not None:
        drop_database(_template)
