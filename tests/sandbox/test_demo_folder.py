"""The demo only deletes (``--reset``) or writes into a folder that is its own: a missing or
empty one, or one with the demo's ``demo.json``, ``world/`` or marker. Any other folder, such
as ``--data-dir data`` with the bot's real database, is refused with exit code 2 before the
emulation or the bot start."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandbox.demo.cli import main
from sandbox.demo.session import MARKER, NotADemoFolder, check_folder


def production_folder(root: Path) -> Path:
    data = root / "data"
    (data / "backups").mkdir(parents=True)
    (data / "bot.sqlite3").write_bytes(b"SQLite format 3\0 the real one")
    (data / "backups" / "bot-1.sqlite3").write_bytes(b"a backup")
    return data


def contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("reset", [True, False])
def test_a_folder_that_is_not_the_demos_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reset: bool
):
    data = production_folder(tmp_path)
    before = contents(data)
    argv = ["--data-dir", str(data), "--lang", "de", "--tour", "--headless"]
    assert main([*argv, "--reset"] if reset else argv) == 2
    out = capsys.readouterr().out
    assert f"Die Demo konnte nicht starten: „{data}“ ist kein Ordner der Demo" in out
    assert "demo.json" in out and "nimm einen leeren oder neuen Ordner" in out
    assert contents(data) == before  # nothing deleted, nothing written (no marker either)


def test_the_refusal_is_in_the_demos_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    data = production_folder(tmp_path)
    assert main(["--data-dir", str(data), "--reset", "--lang", "en", "--headless"]) == 2
    out = capsys.readouterr().out
    assert f"The demo could not start: “{data}” is not a demo folder" in out
    assert (data / "bot.sqlite3").is_file()


def test_which_folders_are_the_demos(tmp_path: Path):
    check_folder(tmp_path / "new")  # missing: made
    (tmp_path / "empty").mkdir()
    check_folder(tmp_path / "empty")
    for name, make in (
        ("kept", lambda d: (d / "demo.json").write_text("{}")),
        ("world", lambda d: (d / "world").mkdir()),
        ("half-built", lambda d: (d / MARKER).touch()),  # stopped before demo.json was written
    ):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "bot.sqlite3").write_bytes(b"the demo's own")
        make(folder)
        check_folder(folder)
    for refused in (production_folder(tmp_path), tmp_path / "data" / "bot.sqlite3"):
        with pytest.raises(NotADemoFolder):
            check_folder(refused)
    other = tmp_path / "other"
    other.mkdir()
    (other / "demo.json").mkdir()  # a folder named like the marker is not the marker
    (other / "notes.txt").write_text("mine")
    with pytest.raises(NotADemoFolder):
        check_folder(other)
