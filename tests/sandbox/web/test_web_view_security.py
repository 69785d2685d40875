"""The page's guard, over HTTP without a browser: 127.0.0.1 only, the per-run token from the
printed URL into an HttpOnly SameSite=Strict cookie, Host and Origin checked, no CORS headers;
and what one person sees through the API (channels by permission, only their own DMs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest

from sandbox.emulation import FakeDiscord
from sandbox.web import WebView, start
from tests.e2e.conftest import World, build_world
from tests.sandbox.web.harness import scene_of


@dataclass
class Page:
    view: WebView
    world: World
    http: aiohttp.ClientSession

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.view.port}"

    def headers(self, *, token: str | None = None, **extra: str) -> dict[str, str]:
        cookie = self.view.guard.token if token is None else token
        return {"Cookie": f"{self.view.guard.cookie}={cookie}", **extra}

    async def get(self, path: str, **headers: str) -> aiohttp.ClientResponse:
        async with self.http.get(self.base + path, headers=headers, allow_redirects=False) as r:
            await r.read()
            return r

    async def post(self, path: str, body: object, **headers: str) -> aiohttp.ClientResponse:
        async with self.http.post(self.base + path, json=body, headers=headers) as r:
            await r.read()
            return r


@pytest.fixture
async def page() -> AsyncIterator[Page]:
    fake = FakeDiscord()
    await fake.start()
    world = build_world(fake)
    view = await start(scene_of(world))
    jar = aiohttp.DummyCookieJar()  # every request carries exactly the cookie the test gives
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        yield Page(view, world, http)
    await view.stop()
    await fake.stop()


async def test_the_printed_url_sets_a_strict_cookie_and_leaves_the_address_bar(page: Page):
    assert page.view.url.startswith(f"http://127.0.0.1:{page.view.port}/?token=")
    assert len(page.view.guard.token) >= 40
    assert {host for host, _ in page.view._runner.addresses} == {"127.0.0.1"}  # type: ignore[union-attr]
    answer = await page.get("/?token=" + page.view.guard.token)
    assert answer.status == 303 and answer.headers["Location"] == "/"
    cookie = answer.headers["Set-Cookie"]
    assert cookie.startswith(f"sandbox_token_{page.view.port}={page.view.guard.token};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert (await page.get("/", **page.headers())).status == 200
    state = await page.get("/api/state", **page.headers())
    assert state.status == 200
    assert not [h for h in state.headers if h.lower().startswith("access-control-")]
    assert "default-src 'none'" in state.headers["Content-Security-Policy"]


async def test_requests_without_the_token_or_from_elsewhere_are_refused(page: Page):
    own = f"http://127.0.0.1:{page.view.port}"
    act = {"as": str(page.world.member.id), "action": "send", "content": "hi"}
    act["channel"] = str(page.world.general.id)
    refused = [
        await page.get("/"),  # no token
        await page.get("/api/state"),
        await page.get("/api/events"),
        await page.get("/?token=wrong"),
        await page.get("/api/state", **page.headers(token="wrong")),
        await page.get("/api/events", **page.headers(token="wrong")),
        await page.get("/api/state", **page.headers(Origin="http://evil.example")),
        await page.get("/api/events", **page.headers(Origin="http://evil.example")),
        await page.get("/api/state", **page.headers(Host="evil.example")),  # DNS rebinding
        await page.get("/api/state", **page.headers(Host=f"evil.example:{page.view.port}")),
        await page.get("/api/state", **page.headers(**{"Sec-Fetch-Site": "cross-site"})),
        # another page on this machine (another port) is same-site: SameSite sends the cookie
        await page.get("/api/state", **page.headers(**{"Sec-Fetch-Site": "same-site"})),
        await page.post("/api/act", act, **page.headers(Origin="http://localhost:3000")),
        await page.post("/api/act", act, **page.headers(Origin="http://evil.example")),
        await page.post("/api/act", act, **page.headers(Origin="null")),
        await page.post("/api/act", act, **page.headers()),  # a POST without Origin
        await page.post("/api/act", act, Origin=own),  # the right Origin, no token
        await page.post("/api/tour/next", {}, **page.headers(Origin="http://evil.example")),
    ]
    assert [r.status for r in refused] == [403] * len(refused)
    assert not any(h.lower().startswith("access-control-") for r in refused for h in r.headers)
    assert not page.world.fake.messages(page.world.general)  # nothing was posted
    # the same requests from the page itself pass, on 127.0.0.1 and on localhost
    assert (await page.get("/api/state", **page.headers(Origin=own))).status == 200
    local = f"localhost:{page.view.port}"
    assert (await page.get("/api/state", **page.headers(Host=local))).status == 200
    sent = await page.post("/api/act", act, **page.headers(Origin=own))
    assert sent.status == 200 and page.world.fake.messages(page.world.general)


async def test_each_person_sees_their_channels_and_only_their_own_dms(page: Page):
    world, fake = page.world, page.world.fake
    await fake.send_message(world.member, fake.dm_channel(world.member), "psst")
    own = f"http://127.0.0.1:{page.view.port}"

    async def view(user: object, channel: object = "") -> dict:
        path = f"/api/view?as={user.id}&channel={getattr(channel, 'id', '')}"  # type: ignore[attr-defined]
        async with page.http.get(page.base + path, headers=page.headers(Origin=own)) as r:
            assert r.status == 200
            return await r.json()

    member = await view(world.member)
    names = {c["name"]: c["kind"] for c in member["channels"]}
    assert "staff" not in names and names["general"] == "channel"
    assert [c for c in member["channels"] if c["kind"] == "dm"]
    staff = await view(world.moderator, world.staff_only)
    assert staff["channel"]["name"] == "staff"
    assert not [c for c in staff["channels"] if c["kind"] == "dm"]
    # a channel the member cannot see is not shown to them, even when asked for
    hidden = await view(world.member, world.staff_only)
    assert hidden["hidden"] and hidden["channel"]["name"] == "general"
    dm = fake.dm_channel(world.member)
    other = await page.get(
        f"/api/view?as={world.english_member.id}&channel={dm.id}", **page.headers()
    )
    assert other.status == 200
    assert "psst" not in str(await view(world.english_member, dm))
    assert "psst" in str(await view(world.member, dm))


async def test_attachments_only_for_who_sees_them_and_a_page_is_only_downloaded(page: Page):
    world, fake = page.world, page.world.fake
    html = b"<script>alert(document.cookie)</script>"
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    posted = await fake.send_message(
        world.moderator, world.staff_only, "", files={"page.html": html, "chart.png": png}
    )
    page_id, chart_id = (a["id"] for a in posted["attachments"])
    answer = await page.get(f"/api/attachments/{page_id}?as={world.moderator.id}", **page.headers())
    assert answer.status == 200 and answer.content_type == "application/octet-stream"
    assert answer.headers["Content-Disposition"] == "attachment"
    chart = await page.get(f"/api/attachments/{chart_id}?as={world.moderator.id}", **page.headers())
    assert chart.status == 200 and chart.content_type == "image/png"
    hidden = await page.get(f"/api/attachments/{chart_id}?as={world.member.id}", **page.headers())
    assert hidden.status == 403


async def test_what_discord_would_not_allow_is_said_in_the_pages_language(page: Page):
    world, fake = page.world, page.world.fake
    fake.timeout_member(world.guild, world.member, dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    own = f"http://127.0.0.1:{page.view.port}"
    body = {"as": str(world.member.id), "action": "send", "channel": str(world.general.id)}
    async with page.http.post(
        page.base + "/api/act", json={**body, "content": "hi"}, headers=page.headers(Origin=own)
    ) as answer:
        assert await answer.json() == {
            "ok": False,
            "error": "Das lässt Discord nicht zu: du bist gerade im Timeout.",
        }
    assert not fake.messages(world.general)


async def test_two_pages_on_different_ports_keep_their_own_cookies(page: Page):
    """Cookies are per host, not per port: the browser sends both cookies to both pages. Each
    page sets and accepts only the cookie named after its own port."""
    second = await start(scene_of(page.world))
    try:
        pages = [page.view, second]
        assert page.view.port != second.port
        assert page.view.guard.cookie != second.guard.cookie
        # one browser (one cookie jar for 127.0.0.1) opens both printed URLs, one after the other
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
            for view in pages:
                async with browser.get(view.url, allow_redirects=False) as answer:
                    assert answer.status == 303
            assert len(browser.cookie_jar) == 2  # the second did not overwrite the first
            for view in pages:
                async with browser.get(f"http://127.0.0.1:{view.port}/api/state") as answer:
                    assert answer.status == 200
        # a page refuses the other page's cookie, under either name
        for view, other in (pages, pages[::-1]):
            base = f"http://127.0.0.1:{view.port}/api/state"
            for name in (other.guard.cookie, view.guard.cookie):
                cookie = {"Cookie": f"{name}={other.guard.token}"}
                async with page.http.get(base, headers=cookie) as answer:
                    assert answer.status == 403
            own = {"Cookie": f"{view.guard.cookie}={view.guard.token}"}
            async with page.http.get(base, headers=own) as answer:
                assert answer.status == 200
    finally:
        await second.stop()


async def test_the_directory_names_only_the_channels_the_person_sees(page: Page):
    """Names for mentions and menus: every member and role, but only the visible channels."""
    world = page.world

    async def names(user: object) -> dict[str, str]:
        path = f"/api/view?as={user.id}"  # type: ignore[attr-defined]
        async with page.http.get(page.base + path, headers=page.headers()) as r:
            assert r.status == 200
            directory = (await r.json())["directory"]
        assert set(directory["channel_types"]) == set(directory["channels"])
        return dict(directory["channels"])

    member, moderator = await names(world.member), await names(world.moderator)
    assert sorted(member.values()) == ["general", "rules"]
    assert sorted(moderator.values()) == ["general", "rules", "staff"]
    assert moderator[str(world.staff_only.id)] == "staff"


async def test_a_private_thread_is_seen_by_its_members_and_moderators_only(page: Page):
    """On Discord a private thread is seen by those added to it (by a mention the message lets
    ping) and by those with Manage Threads. The directory names only channels one sees."""
    world, fake = page.world, page.world.fake
    bot = {"Authorization": f"Bot {fake.token}"}

    async def rest(path: str, body: dict) -> dict:
        async with page.http.post(fake.base_url + path, json=body, headers=bot) as r:
            assert r.status in (200, 201), await r.text()
            return await r.json()

    async def shown(user: object) -> tuple[set[str], set[str]]:
        """(names in the channel list, channel names in the directory) for ``user``."""
        path = f"/api/view?as={user.id}"  # type: ignore[attr-defined]
        async with page.http.get(page.base + path, headers=page.headers()) as r:
            assert r.status == 200
            data = await r.json()
        return {c["name"] for c in data["channels"]}, set(data["directory"]["channels"].values())

    new = {"name": "Feedback #1", "type": 12, "invitable": False}
    thread = await rest(f"/channels/{world.general.id}/threads", new)
    staff_thread = await rest(
        f"/channels/{world.staff_only.id}/threads", {**new, "name": "Staff talk"}
    )
    everyone = (world.member, world.english_member, world.moderator, world.admin)
    for user in everyone:  # nobody added yet, and nobody here has Manage Threads
        channels, names = await shown(user)
        assert "Feedback #1" not in channels | names and "Staff talk" not in channels | names
    assert {"Feedback #1", "Staff talk"} <= (await shown(world.owner))[0]  # the owner: all
    # the team's role is mentioned and may be pinged: its members join; Mia's mention may not
    # ping (a quoted name), so she does not
    content = f"<@&{world.mods.id}> <@{world.member.id}> wrote something"
    allowed = {"parse": [], "roles": [str(world.mods.id)], "users": []}
    await rest(
        f"/channels/{thread['id']}/messages", {"content": content, "allowed_mentions": allowed}
    )
    # mentioning Mia in the staff thread does not add her: she cannot see #staff
    await rest(f"/channels/{staff_thread['id']}/messages", {"content": f"<@{world.member.id}>"})
    # Ben's mention may ping: he joins
    ben = {
        "content": f"<@{world.english_member.id}>",
        "allowed_mentions": {"users": [str(world.english_member.id)]},
    }
    await rest(f"/channels/{thread['id']}/messages", ben)
    seen = {user.name: (await shown(user)) for user in everyone}
    assert "Feedback #1" in seen["mona"][0] and "Feedback #1" in seen["mona"][1]
    assert "Feedback #1" in seen["ben"][0] and "Feedback #1" in seen["ben"][1]
    assert "Feedback #1" not in seen["mia"][0] | seen["mia"][1]
    assert "Feedback #1" not in seen["adam"][0] | seen["adam"][1]
    assert "Staff talk" not in seen["mia"][0] | seen["mia"][1]
    # the directory has no names of channels the person does not see
    assert seen["mia"][1] == {"general", "rules"} and seen["ben"][1] == {
        "general",
        "rules",
        "Feedback #1",
    }
    assert {"staff", "Feedback #1"} <= seen["mona"][1] and "Staff talk" not in seen["mona"][1]
    # a member of the thread writes in it through the page
    act = {
        "as": str(world.moderator.id),
        "action": "send",
        "channel": thread["id"],
        "content": "on it",
    }
    sent = await page.post("/api/act", act, **page.headers(Origin=page.base))
    assert sent.status == 200 and fake.messages(int(thread["id"]))[-1]["content"] == "on it"
    refused = {**act, "as": str(world.member.id)}
    assert (await page.post("/api/act", refused, **page.headers(Origin=page.base))).status == 403
