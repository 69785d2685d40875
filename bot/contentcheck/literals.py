"""A text every match of a pattern must contain: the gate that spares the regex engine most chat.

Most messages match none of a server's patterns. Asking RE2 about every message costs little on
its own, but each call leaves Python and gives up the interpreter lock, and while the
offensive-language model scores a batch in its worker thread that handover costs tens of
microseconds per message. A plain substring test needs none of that: if a pattern can only match
text containing ``nitro``, a message without ``nitro`` cannot match it.

:func:`required_literal` reads a pattern conservatively: only literal characters outside any
group, class or alternation, none made optional by a quantifier, and only ASCII (whose case
partners casefold to the ASCII letter itself). Whatever it cannot read with certainty gives None,
and a pattern without a required literal is always handed to RE2. The rule it keeps: whenever
the pattern matches ``text`` (case-insensitively, as the rules compile it), the literal is in
``text.casefold()``.
"""

from __future__ import annotations

import re

# Constructs whose literal reading differs between RE2 and a simple scan: quoting, Unicode and
# hex escapes, POSIX classes, free-spacing mode.
_UNSURE = re.compile(r"\\[QEpPx]|\[:|\(\?[a-zA-Z-]*x")
_REPEAT = re.compile(r"\{\d+(?:,\d*)?\}")
# A group of flags only ("(?i)", "(?-s)") is no atom: a quantifier after it repeats what came
# before it.
_FLAGS = re.compile(r"\(\?[a-zA-Z-]*\)")


def required_literals(pattern: str) -> tuple[str, ...] | None:
    """Texts (lower-cased) of which every match of ``pattern`` contains at least one: one per
    alternative at the top level (``nitro|steam gift``), or None when an alternative has none."""
    branches = _branches(pattern)
    if branches is None:
        return None
    found = [required_literal(branch) for branch in branches]
    if not all(found):
        return None
    return tuple(dict.fromkeys(text for text in found if text))


def _branches(pattern: str) -> list[str] | None:
    """The pattern split at its top-level ``|`` (None when its groups or classes do not close)."""
    branches: list[str] = []
    start = i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c in "([":
            end = (_group_end if c == "(" else _class_end)(pattern, i)
            if end is None:
                return None
            i = end
            continue
        if c == "|":
            branches.append(pattern[start:i])
            start = i + 1
        i += 1
    branches.append(pattern[start:])
    return branches


def required_literal(pattern: str) -> str | None:
    """The longest ASCII text every match of ``pattern`` contains (lower-cased), or None (also
    for a pattern with alternatives at the top level: :func:`required_literals` splits those)."""
    if _UNSURE.search(pattern):
        return None
    runs: list[str] = []
    current: list[str] = []
    last_literal = False  # the atom just read was a literal character in ``current``
    i, size = 0, len(pattern)

    def flush() -> None:
        if current:
            runs.append("".join(current))
            current.clear()

    while i < size:
        c = pattern[i]
        if c == "|":
            return None  # an alternative at the top level: no single text is required
        if c in "*?+{":
            if c == "{":
                repeat = _REPEAT.match(pattern, i)
                if repeat is None:
                    return None  # a literal brace in RE2's reading: not worth the doubt
                minimum = int(repeat.group(0)[1:].split(",")[0].rstrip("}"))
                i = repeat.end()
            else:
                minimum = 1 if c == "+" else 0
                i += 1
            if last_literal and minimum == 0:
                current.pop()
            flush()  # a repeated character ends the run ("ab+c" need not contain "abc")
            if i < size and pattern[i] == "?":
                i += 1  # lazy
            last_literal = False
            continue
        if c == "\\":
            if i + 1 >= size:
                return None
            escaped = pattern[i + 1]
            i += 2
            if escaped.isdigit():
                return None  # an octal escape ("\\040" is a space): not read here
            if escaped.isascii() and not escaped.isalnum():
                current.append(escaped)  # an escaped sign stands for itself
                last_literal = True
            else:
                flush()  # \d, \s, \b, \w ...: a class or an assertion
                last_literal = False
            continue
        if c in "([":  # a group or a class: skipped whole, it ends the run
            end = (_group_end if c == "(" else _class_end)(pattern, i)
            if end is None:
                return None
            if _FLAGS.match(pattern, i) and end < size and pattern[end] in "*?+{":
                return None  # the quantifier repeats the atom before the flags
            flush()
            i = end
            last_literal = False
            continue
        if c in ".^$)]}":
            flush()
            i += 1
            last_literal = False
            continue
        current.append(c)
        last_literal = True
        i += 1
    flush()
    pieces = [piece for run in runs for piece in re.split(r"[^\x00-\x7f]+", run) if piece]
    return max(pieces, key=len).lower() if pieces else None


def _class_end(pattern: str, start: int) -> int | None:
    """The index after the ``]`` closing the class opened at ``start``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a leading ] is a member
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    return None


def _group_end(pattern: str, start: int) -> int | None:
    """The index after the ``)`` closing the group opened at ``start``."""
    depth = 0
    i = start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = _class_end(pattern, i)
            if end is None:
                return None
            i = end
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None
