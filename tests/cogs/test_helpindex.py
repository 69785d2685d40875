"""/help's pages: grouped by audience and feature, within Discord's limits, lines never cut."""

from cogs.meta.helpindex import FIELD_VALUE, FIELDS, PAGE_BUDGET, Entry, paginate


def entry(n: int, feature: str, audience: str, length: int = 120) -> Entry:
    line = f"</cmd{n}:{10**17 + n}> (`/befehl{n}`): " + "x" * length
    return Entry(f"cmd{n}", feature, audience, line)


def test_audiences_in_order_and_features_in_the_order_members_meet_them():
    pages = paginate(
        [
            entry(1, "config", "admin"),
            entry(2, "qa", "member"),
            entry(3, "meta", "member"),
            entry(4, "moderation", "team"),
        ]
    )
    assert [p.audience for p in pages] == ["member", "team", "admin"]
    assert [s.feature for s in pages[0].sections] == ["meta", "qa"]


def test_many_long_lines_make_more_pages_never_a_cut_line():
    entries = [entry(n, f"feature{n % 7}", "team", length=150 + n % 90) for n in range(220)]
    pages = paginate(entries)
    assert len(pages) > 1 and {p.parts for p in pages} == {len(pages)}
    shown = [line for p in pages for s in p.sections for line in s.lines]
    assert sorted(shown) == sorted(e.line for e in entries)  # every line, whole, once
    for page in pages:
        assert len(page.sections) <= FIELDS
        assert sum(len(line) + 1 for s in page.sections for line in s.lines) <= PAGE_BUDGET
        for section in page.sections:
            assert sum(len(line) + 1 for line in section.lines) - 1 <= FIELD_VALUE


def test_nothing_to_show_makes_no_page():
    assert paginate([]) == []
