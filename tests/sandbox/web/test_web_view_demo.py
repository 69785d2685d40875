"""``python -m bot demo`` serves the web view: the printed address (with its token) opens the
page of the demo server with its people and tour, a member can write, and Ctrl-C stops it all."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Client:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "", parts.port or 0
        self.origin = f"http://{parts.netloc}"
        self.cookie = ""
        status, headers, _ = self.request("GET", f"/?{parts.query}")
        assert status == 303 and "HttpOnly" in headers["Set-Cookie"]
        self.cookie = headers["Set-Cookie"].split(";")[0]

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Cookie": self.cookie} if self.cookie else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "Origin": self.origin})
        connection.request(method, path, body=data, headers=headers)
        answer = connection.getresponse()
        content = answer.read()
        connection.close()
        return answer.status, dict(answer.getheaders()), content

    def json(self, method: str, path: str, body: Any = None) -> Any:
        status, _, content = self.request(method, path, body)
        assert status == 200, content
        return json.loads(content)


def test_the_demo_serves_the_page_and_stops_on_ctrl_c(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "FAKE_"))}
    env.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "demo", "--no-browser", "--lang", "en", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT
    try:
        for line in process.stdout:  # event-driven: each line the demo prints
            lines.append(line)
            if line.startswith("The sandbox in your browser: "):
                break
            assert time.monotonic() < deadline, "".join(lines)
        url = lines[-1].split(": ", 1)[1].strip()
        assert url.startswith(f"http://127.0.0.1:{port}/?token="), "".join(lines)
        page = Client(url)
        state = page.json("GET", "/api/state")
        assert state["guild"]["name"] == "Game Corner" and state["labels"]["send"] == "Send"
        roles = {p["role"] for p in state["people"]}
        assert roles == {"member", "moderator", "admin"} and len(state["people"]) >= 19
        assert state["tour"]["total"] == 10 and state["tour"]["done"] == 0
        member = next(p for p in state["people"] if p["role"] == "member")
        shown = page.json("GET", f"/api/view?as={member['key']}")
        general = next(c for c in shown["channels"] if c["name"] == "general")
        assert "team" not in [c["name"] for c in shown["channels"]]  # the team's channel
        sent = {"as": member["key"], "action": "send", "channel": general["id"]}
        assert page.json("POST", "/api/act", {**sent, "content": "Hello from the page"})["ok"]
        after = page.json("GET", f"/api/view?as={member['key']}&channel={general['id']}")
        assert after["messages"][-1]["content"] == "Hello from the page"
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    out = "".join(lines) + rest
    assert process.returncode == 0, out
    assert "Traceback" not in out and "Unclosed" not in out
