"""Contest results: rank entries by votes, ties share a place. Pure."""

from __future__ import annotations

from collections.abc import Mapping


def rank(votes: Mapping[int, int]) -> list[tuple[int, list[int], int]]:
    """``{entry: votes}`` -> ``[(place, [entries], votes), ...]``, best first; equal votes tie.

    Places follow competition ranking: two entries tied for 1st are followed by 3rd.
    """
    ordered = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    result: list[tuple[int, list[int], int]] = []
    place = 1
    index = 0
    while index < len(ordered):
        count = ordered[index][1]
        group = [entry for entry, n in ordered[index:] if n == count]
        result.append((place, group, count))
        index += len(group)
        place += len(group)
    return result
