"""Speed: find matches of a big alternation only where one of its prefixes starts a word.

Python's regex engine tries every alternative at every position of the text. For the
trigger and date tables that is most of the extraction time. ``Scanner`` computes, from
the pattern itself, every prefix (up to ``LEAD_LENGTH`` characters) a match can begin
with, finds those prefixes at word starts with one lookahead regex shaped as a trie
(one branch per first character, so the engine rejects most positions at once), and
runs the full pattern anchored there. The matches are the same as ``finditer`` on a
word boundary. Longer prefixes ("a day", "the pre") leave far fewer false starts than
three letters ("a", "the") did.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as P  # noqa: N812

_CATEGORIES = {
    C.CATEGORY_DIGIT: "0123456789",
    C.CATEGORY_SPACE: " \t\n\r\f\v",
}
_SPACES = " \t\n\r\f\v"
LEAD_LENGTH = 6


def _norm(ch: str) -> str:
    """One representative per class the lead regex writes as a class: any space, any digit."""
    return " " if ch in _SPACES else "0" if ch in "0123456789" else ch


def prefixes(pattern: str, n: int = 3) -> set[str]:
    """All strings of length <= n that can begin a match of ``pattern``, with every space
    written " " and every digit "0" (the lead regex turns them back into \\s and \\d, which
    also cover non-ASCII spaces and digits)."""
    return _seq(list(P.parse(pattern)), n)


def _seq(items, n):
    out = {""}
    for op, av in items:
        new = set()
        for p in out:
            if len(p) >= n:
                new.add(p)
                continue
            for q in _item(op, av, n - len(p)):
                new.add(p + q)
        out = new
        if all(len(p) >= n for p in out):
            break
    return {p[:n] for p in out}


def _item(op, av, n):
    if op is C.LITERAL:
        return {_norm(chr(av))}
    if op is C.IN:
        chars: set[str] = set()
        for kind, val in av:
            if kind is C.LITERAL:
                chars.add(chr(val))
            elif kind is C.RANGE:
                chars.update(chr(c) for c in range(val[0], val[1] + 1))
            elif kind is C.CATEGORY and val in _CATEGORIES:
                chars.update(_CATEGORIES[val])
            else:
                raise ValueError(f"cannot enumerate {kind}")
        return {_norm(c) for c in chars}
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            out |= _seq(list(branch), n)
        return out
    if op is C.SUBPATTERN:
        if av[1] & C.SRE_FLAG_IGNORECASE:
            raise ValueError("case-insensitive group")
        return _seq(list(av[-1]), n)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        # every repeat count that can matter within n characters ("\s+" may be "  ")
        low, high, sub = av
        out: set[str] = set()
        for r in range(min(low, n), min(high, n) + 1):
            out |= _seq(list(sub) * r, n)
        return out
    if op is C.AT:
        return {""}
    if op is C.GROUPREF:
        raise ValueError("group reference")
    if op is C.ASSERT or op is C.ASSERT_NOT:
        return {""}
    if op is C.CATEGORY and av in _CATEGORIES:
        return {_norm(c) for c in _CATEGORIES[av]}
    raise ValueError(f"cannot enumerate {op}")


def _leads(pattern: str, n: int) -> set[tuple[str, ...]]:
    """The prefixes as regex tokens (a space stands for \\s, a digit for \\d), minimal set."""
    tokens = set()
    for p in prefixes(pattern, n):
        t = tuple(r"\s" if c == " " else r"\d" if c == "0" else c if c.isalnum() else re.escape(c) for c in p)
        tokens.add((r"\d",) if t[:1] == (r"\d",) else t)
    if () in tokens:
        raise ValueError("pattern can match the empty string")
    minimal: set[tuple[str, ...]] = set()
    for t in sorted(tokens, key=len):  # a lead that extends a shorter lead adds nothing
        if not any(t[:k] in minimal for k in range(1, len(t))):
            minimal.add(t)
    return minimal


def _trie(leads) -> str:
    """One alternation branch per first token, recursively."""
    groups: dict[str, set] = {}
    optional = False
    for t in leads:
        if t:
            groups.setdefault(t[0], set()).add(t[1:])
        else:
            optional = True
    alternatives = [tok if rest == {()} else tok + _trie(rest) for tok, rest in sorted(groups.items())]
    body = alternatives[0] if len(alternatives) == 1 and not optional else "(?:" + "|".join(alternatives) + ")"
    return body + "?" if optional else body


class Scanner:
    """``finditer`` for a lower-case pattern, restricted to word starts with a known prefix."""

    def __init__(self, pattern: str):
        self.full = re.compile(pattern)
        # shorter leads when the pattern reaches a class that cannot be listed (\\w) sooner
        for n in range(LEAD_LENGTH, 0, -1):
            try:
                leads = _leads(pattern, n)
                break
            except ValueError:
                if n == 1:
                    raise
        # zero-width: a lead never hides the next word start from the scan
        self.lead = re.compile(r"(?<![a-z0-9])(?=" + _trie(leads) + ")")
        # the lead and the full pattern in one regex (the lead adds no group): the engine
        # tries the full pattern only where a lead fits, without a Python call per lead
        self.combined = re.compile(self.lead.pattern + "(?:" + pattern + ")")

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        return self.combined.finditer(text, start, len(text) if end is None else end)
