"""The guard of a local page: a per-run token (from the printed URL into an HttpOnly,
SameSite=Strict cookie), ``Host`` and ``Origin`` only 127.0.0.1/localhost on our port, no CORS,
a strict content security policy. Another website open in the same browser cannot read or drive
the page: it cannot send the cookie (SameSite), its ``Origin`` is refused, and a DNS-rebound name
fails the ``Host`` check.

Browsers keep cookies per host, not per port: every server on 127.0.0.1 gets the cookies of all
the others. The cookie is therefore named after our port (``sandbox_token_<port>``): two pages on
different ports keep their own cookies instead of overwriting each other's, and a page accepts
only the cookie with its own name and token. (That another local server on this machine is sent
the cookie cannot be prevented with cookies; the token only opens this run's page.)"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable

from aiohttp import web

#: the cookie's name is this and our port: ``sandbox_token_8321``
COOKIE_PREFIX = "sandbox_token_"

_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Guard:
    def __init__(self, token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(32)
        self.port = 0  # set once the server listens

    @property
    def cookie(self) -> str:
        """The name of our cookie: one per port."""
        return f"{COOKIE_PREFIX}{self.port}"

    def hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def refusal(self, request: web.Request) -> str | None:
        """Why the request is refused, or None."""
        if request.headers.get("Host", "") not in self.hosts():
            return "host"
        origin = request.headers.get("Origin")
        if origin is not None and origin not in {f"http://{h}" for h in self.hosts()}:
            return "origin"
        if request.method not in ("GET", "HEAD") and origin is None:
            return "origin"  # browsers send Origin with every POST; a missing one is not ours
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            return "site"
        return None

    def has_token(self, request: web.Request) -> bool:
        return secrets.compare_digest(request.cookies.get(self.cookie, ""), self.token)

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        why = self.refusal(request)
        response: web.StreamResponse
        if why is not None:
            response = web.Response(status=403, text=f"Refused ({why}).")
        elif request.path == "/" and request.method == "GET" and "token" in request.query:
            # the printed URL: the token moves into the cookie and out of the address bar
            if not secrets.compare_digest(request.query["token"], self.token):
                response = web.Response(status=403, text="Refused (token).")
            else:
                response = web.Response(status=303, headers={"Location": "/"})
                response.set_cookie(
                    self.cookie, self.token, httponly=True, samesite="Strict", path="/"
                )
        elif not self.has_token(request):
            response = web.Response(
                status=403, text="Refused (token). Open the address printed at the start."
            )
        else:
            response = await handler(request)
        return response

    @staticmethod
    async def add_headers(request: web.Request, response: web.StreamResponse) -> None:
        """``on_response_prepare``: the same headers on every answer (also the event stream)."""
        for name, value in _HEADERS.items():
            response.headers.setdefault(name, value)
