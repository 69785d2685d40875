#!/usr/bin/env python3
"""Check a giveaway draw yourself: standard library only, independent of the bot's code.

Usage: python scripts/verify_giveaway.py SEED_HEX LIST_FILE [--winners N] [--commitment HEX]

LIST_FILE is the entrant list the bot attached at the end: one receipt per line in the order
used (sorted), optionally followed by a tab and "skipped" for a candidate who was no longer
eligible. Prints the draw order and the winners; with --commitment, checks that the seed is the one
committed to at the start. Find your own receipt in the list: the bot showed it to you on entry.
The result post also attaches giveaway-N-check.html, a page that does the same in a browser.
"""

import argparse
import hashlib
import hmac
import sys


def stream(seed):
    counter = 0
    while True:
        block = hmac.new(seed, b"draw" + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        for start in range(0, 32, 4):
            yield int.from_bytes(block[start : start + 4], "big")
        counter += 1


def below(numbers, bound):
    limit = (1 << 32) - (1 << 32) % bound
    while True:
        value = next(numbers)
        if value < limit:
            return value % bound


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed")
    parser.add_argument("list_file")
    parser.add_argument("--winners", type=int, default=1)
    parser.add_argument("--commitment")
    args = parser.parse_args(argv)
    seed = bytes.fromhex(args.seed)
    if args.commitment and hashlib.sha256(seed).hexdigest() != args.commitment.lower():
        print("MISMATCH: this seed is not the one committed to at the start", file=sys.stderr)
        return 1
    receipts, skipped = [], set()
    with open(args.list_file, encoding="utf-8") as lines:
        for line in lines:
            parts = line.strip().split("\t")
            if parts and parts[0]:
                receipts.append(parts[0])
                if len(parts) > 1 and parts[1] == "skipped":
                    skipped.add(parts[0])
    order = sorted(receipts)
    if order != receipts:
        print("MISMATCH: the list is not in sorted order", file=sys.stderr)
        return 1
    numbers = stream(seed)
    for i in range(len(order) - 1, 0, -1):
        j = below(numbers, i + 1)
        order[i], order[j] = order[j], order[i]
    chosen = [r for r in order if r not in skipped][: args.winners]
    print("order:", " ".join(order))
    print("winners:", " ".join(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
