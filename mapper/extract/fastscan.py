"""Speed: find matches of a big alternation only where one of its prefixes starts a word.

Python's regex engine tries every alternative at every position of the text. For the
trigger and date tables that is most of the extraction time. ``Scanner`` computes, from
the pattern itself, every 3-character prefix a match can begin with, finds those
prefixes at word starts with one small regex, and runs the full pattern anchored
there. The matches are the same as ``finditer`` on a word boundary.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812
from re import _parser as P  # noqa: N812

_CATEGORIES = {
    C.CATEGORY_DIGIT: "0123456789",
    C.CATEGORY_SPACE: " \t\n\r\f\v",
}


def prefixes(pattern: str, n: int = 3) -> set[str]:
    """All strings of length <= n that can begin a match of ``pattern``."""
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
        return {chr(av)}
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
        return chars
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            out |= _seq(list(branch), n)
        return out
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]), n)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, _, sub = av
        one = _seq(list(sub), n)
        if low == 0:
            return one | {""}
        if low >= 2 and n > 1:
            return _seq(list(sub) * min(low, n), n)
        return one
    if op is C.AT:
        return {""}
    if op is C.GROUPREF:
        raise ValueError("group reference")
    if op is C.ASSERT or op is C.ASSERT_NOT:
        return {""}
    if op is C.CATEGORY and av in _CATEGORIES:
        return set(_CATEGORIES[av])
    raise ValueError(f"cannot enumerate {op}")


class Scanner:
    """``finditer`` for a lower-case pattern, restricted to word starts with a known prefix."""

    def __init__(self, pattern: str):
        self.full = re.compile(pattern)
        # cut each prefix at its first non-alphanumeric character: fewer, shorter leads
        leads = {re.match(r"[a-z0-9]*", p).group(0) for p in prefixes(pattern)}
        # a digit lead stands for all digits
        if any(p[:1].isdigit() for p in leads):
            leads = {p for p in leads if not p[:1].isdigit()} | {"DIGIT"}
        leads = sorted(leads, key=len, reverse=True)
        if "" in leads:
            raise ValueError("pattern can match the empty string")
        alternatives = [r"\d" if p == "DIGIT" else re.escape(p) for p in leads]
        self.lead = re.compile(r"(?<![a-z0-9])(?:" + "|".join(alternatives) + ")")

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        pos = start
        for lead in self.lead.finditer(text, start, end):
            at = lead.start()
            if at < pos:
                continue
            m = self.full.match(text, at, end)
            if m:
                yield m
                pos = m.end()
