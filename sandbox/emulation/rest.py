"""HTTP plumbing shared by the REST routes: recording, body parsing, errors, rate-limit headers."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from .state import FakeHTTPError, Json

API_PREFIX = "/api/v10"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class UploadedFile:
    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    """One HTTP request the fake received. ``path`` is relative to ``/api/v10``."""

    method: str
    path: str
    raw_path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any = None
    files: list[UploadedFile] = field(default_factory=list)
    status: int = 0
    #: the JSON body of the answer (error bodies, 429 bodies, created objects), if any
    response: Any = None

    @property
    def error_code(self) -> int | None:
        """Discord's JSON error code of the answer (e.g. 10062), None for successes."""
        if self.status < 400 or not isinstance(self.response, dict):
            return None
        code = self.response.get("code")
        return int(code) if isinstance(code, int) else None

    def __repr__(self) -> str:
        return f"<{self.method} {self.path} -> {self.status}>"


try:  # aiohttp >= 3.12 wants typed request keys
    RECORD_KEY: Any = web.RequestKey("fake_record", RecordedRequest)
    JSON_KEY: Any = web.RequestKey("fake_json", object)
    FILES_KEY: Any = web.RequestKey("fake_files", list)
except AttributeError:  # pragma: no cover - older aiohttp
    RECORD_KEY, JSON_KEY, FILES_KEY = "fake_record", "fake_json", "fake_files"


def reason_header(request: web.Request) -> str | None:
    """The URL-decoded ``X-Audit-Log-Reason`` header (discord.py percent-encodes it)."""
    raw = request.headers.get("X-Audit-Log-Reason")
    return None if raw is None else urllib.parse.unquote(raw)


def ratelimit_headers(bucket: str) -> dict[str, str]:
    """Generous rate limit headers: discord.py will never pre-emptively wait."""
    return {
        "X-RateLimit-Limit": "10000",
        "X-RateLimit-Remaining": "9999",
        "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
        "X-RateLimit-Reset-After": "1.000",
        "X-RateLimit-Bucket": bucket,
    }


def json_response(data: Any, status: int = 200) -> web.Response:
    # discord.py compares the content-type header to exactly "application/json"
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def no_content() -> web.Response:
    return web.Response(status=204)


def error_response(err: FakeHTTPError) -> web.Response:
    return json_response(err.body(), status=err.status)


def body_json(request: web.Request) -> Any:
    """The parsed JSON body (or multipart ``payload_json``) of the current request."""
    return request.get(JSON_KEY)


def body_obj(request: web.Request) -> Json:
    data = body_json(request)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FakeHTTPError(400, 50109, "The request body contains invalid JSON.")
    return data


def body_files(request: web.Request) -> list[UploadedFile]:
    files: list[UploadedFile] = request.get(FILES_KEY, [])
    return files


async def parse_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    ctype = request.content_type
    if ctype.startswith("multipart/"):
        payload: Any = None
        files: list[UploadedFile] = []
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            if isinstance(part, aiohttp.BodyPartReader):
                name = part.name or ""
                raw = await part.read()
                if name == "payload_json":
                    payload = json.loads(bytes(raw).decode())
                elif getattr(part, "filename", None):
                    files.append(
                        UploadedFile(
                            field=name,
                            filename=part.filename or "file",
                            content_type=part.headers.get(
                                "Content-Type", "application/octet-stream"
                            ),
                            data=bytes(raw),
                        )
                    )
        return payload, files
    if request.can_read_body:
        raw_text = await request.text()
        if not raw_text:
            return None, []
        try:
            return json.loads(raw_text), []
        except json.JSONDecodeError:
            raise FakeHTTPError(400, 50109, "The request body contains invalid JSON.") from None
    return None, []


def int_query(request: web.Request, name: str, default: int | None = None) -> int | None:
    value = request.query.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise FakeHTTPError(
            400,
            50035,
            "Invalid Form Body",
            {
                name: {
                    "_errors": [
                        {"code": "NUMBER_TYPE_COERCE", "message": f'Value "{value}" is not int.'}
                    ]
                }
            },
        ) from None
