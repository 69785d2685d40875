"""The contest results' lines: excerpts of member text, and packing lines into an embed."""

from __future__ import annotations

from cogs.contests.repository import Entry
from cogs.contests.results import (
    DESCRIPTION_LIMIT,
    FIELD_LIMIT,
    TOTAL_LIMIT,
    entry_label,
    pack,
    results_embed,
    shorten,
)
from tests.catalog import catalog, says


def entry(
    id_: int, text: str | None = None, file_name: str | None = None, title: str | None = None
) -> Entry:
    return Entry(id_, 1, 100 + id_, text, file_name, None, None, title)


def test_shorten_collapses_whitespace_and_cuts_at_a_word():
    assert shorten("  ein   kurzer\n\nText ") == "ein kurzer Text"
    long = "Sonnenuntergang am Meer mit Booten und einem Leuchtturm im Hintergrund bei Nacht"
    cut = shorten(long)
    assert len(cut) <= 60 and cut.endswith("…")
    assert long.startswith(cut[:-1]) and long[len(cut) - 1] == " "  # a whole word before "…"
    assert shorten("x" * 200) == "x" * 59 + "…"  # one long word: cut inside it
    assert shorten("a" * 59 + " b") == "a" * 59 + "…"  # exactly at a boundary
    assert shorten("ab\u202ecd") == "abcd"


def test_labels_title_excerpt_image_and_file():
    t = catalog().t
    assert entry_label(t, "de", entry(1, "Text", title="**Titel**")) == "**\\*\\*Titel\\*\\***"
    assert entry_label(t, "de", entry(1, "<@123456789012345678> hi")) == (
        "„<@\u200b123456789012345678> hi“"
    )
    assert entry_label(t, "de", entry(1, None, "bild.JPG")) == "*Bild*"
    assert entry_label(t, "en", entry(1, None, "bild.png")) == "*image*"
    assert entry_label(t, "de", entry(1, None, "notes.pdf")) == "*Datei*"
    assert entry_label(t, "de", entry(1, "   ", "x.webp")) == "*Bild*"


def test_pack_keeps_whole_lines_within_every_limit():
    lines = [f"{n:03d} " + "x" * 150 for n in range(200)]
    packed = pack(lines, 300)
    parts = [packed.description, *packed.fields]
    assert len(packed.description) <= DESCRIPTION_LIMIT
    assert all(len(f) <= FIELD_LIMIT for f in packed.fields)
    assert sum(map(len, parts)) + len(packed.fields) + 300 <= TOTAL_LIMIT
    shown = [line for part in parts for line in part.splitlines()]
    assert shown == lines[: len(shown)] and packed.left_out == 200 - len(shown)
    small = pack(lines[:3], 300)
    assert small.description == "\n".join(lines[:3]) and not small.fields and not small.left_out


def test_results_embed_with_many_entries_says_how_many_are_left_out():
    entries = {n: entry(n, "Wort " * 300) for n in range(1, 301)}
    counts = {n: n % 7 for n in entries}
    embed = results_embed(catalog().t, "de", 4, "Titel", counts, entries)
    assert len(embed) <= TOTAL_LIMIT
    assert embed.footer.text and says(embed.footer.text, "contest.more", "de")
    empty = results_embed(catalog().t, "en", 4, "Titel", {}, {})
    assert says(empty.description, "contest.no_entries", "en")
