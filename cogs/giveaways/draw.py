"""The verifiable giveaway draw. Pure: no Discord, no database.

1. At start a secret 32-byte seed is made with ``secrets``; its SHA-256 (the *commitment*) is
   posted, so the seed cannot be changed later without everyone noticing.
2. Each entrant gets a *receipt*: ``HMAC-SHA256(salt, member id)`` cut to 16 hex digits, where
   ``salt = HMAC-SHA256(seed, "salt")``. Receipts reveal no member id.
3. At the end the entrant list is the receipts sorted ascending (entry time plays no role), and the
   order of the draw is a Fisher-Yates shuffle of that list driven by the stream
   ``HMAC-SHA256(seed, "draw" || counter)``; each index is drawn by rejection sampling, so every
   order is equally likely.
4. Winners are taken in that order, skipping candidates who are no longer eligible (left the
   server, lost the required role); a reroll continues in the same order, so it never picks a
   previous winner. The seed, the list and the skipped receipts are published: anyone can
   recompute the order with ``scripts/verify_giveaway.py`` or the HTML page of verifier.py.
5. Winners have numbered places (*seats*): the first drawn is winner 1. A reroll gives the
   replaced seats, lowest first, to the new winners in draw order (:func:`seats`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterator, Mapping, Sequence


def new_seed() -> bytes:
    return secrets.token_bytes(32)


def commitment(seed: bytes) -> str:
    return hashlib.sha256(seed).hexdigest()


def receipt(seed: bytes, user_id: int) -> str:
    salt = hmac.new(seed, b"salt", hashlib.sha256).digest()
    return hmac.new(salt, str(user_id).encode(), hashlib.sha256).hexdigest()[:16]


def _stream(seed: bytes) -> Iterator[int]:
    counter = 0
    while True:
        block = hmac.new(seed, b"draw" + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        for start in range(0, 32, 4):
            yield int.from_bytes(block[start : start + 4], "big")
        counter += 1


def _below(stream: Iterator[int], bound: int) -> int:
    """A uniform integer in [0, bound) by rejection sampling on 32-bit numbers."""
    limit = (1 << 32) - (1 << 32) % bound
    while True:
        value = next(stream)
        if value < limit:
            return value % bound


def draw_order(seed: bytes, receipts: Sequence[str]) -> list[str]:
    """The receipts in the order the draw takes them."""
    order = sorted(receipts)
    stream = _stream(seed)
    for i in range(len(order) - 1, 0, -1):
        j = _below(stream, i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def winners(
    order: Sequence[str], count: int, skipped: set[str], already: Sequence[str] = ()
) -> list[str]:
    """The next ``count`` receipts in draw order that are not skipped and have not won before."""
    taken = set(already) | skipped
    return [r for r in order if r not in taken][:count]


def seats(
    order: Sequence[str], count: int, won: set[str], replaced_in: Mapping[str, int]
) -> dict[int, str]:
    """Who holds which winner's place, replayed from the draw order: ``won`` are the receipts
    that ever won (winners now and replaced ones), ``replaced_in`` the round that replaced each
    replaced one. The first ``count`` winners in draw order hold places 1..count; each reroll
    round gives its replaced places, lowest first, to the next winners in draw order."""
    queue = iter([r for r in order if r in won])
    holders: dict[int, str] = {}
    for place in range(1, count + 1):
        receipt = next(queue, None)
        if receipt is None:
            break
        holders[place] = receipt
    for round_ in sorted(set(replaced_in.values())):
        for place in sorted(p for p, r in holders.items() if replaced_in.get(r) == round_):
            receipt = next(queue, None)
            if receipt is None:
                del holders[place]
            else:
                holders[place] = receipt
    return holders
