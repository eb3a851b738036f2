"""Speed: find matches of a big alternation only where one of its prefixes starts a word.

Python's regex engine tries every alternative at every position of the text. For the
trigger and date tables that is most of the extraction time. ``Scanner`` computes, from
the pattern itself, every prefix (up to ``LEAD_LENGTH`` characters) a match can begin
with, finds those prefixes at word starts with one lookahead regex shaped as a trie
(one branch per first character, so the engine rejects most positions at once), and
runs the full pattern anchored there. The matches are the same as
``(?<![a-z0-9])(?:pattern)`` (checked on the bench corpus by tests/test_fastscan.py).
Longer prefixes ("a day", "the pre") leave far fewer false starts than three letters
("a", "the") did.

The prefixes come from a small reader of the regex syntax our tables use (literals,
classes, ``\\s``/``\\d``, groups, alternation, repeats, lookarounds and ``\\b`` as
zero-width), written here on public APIs only: no ``re._parser`` (which is private and
differs between Python 3.10 and 3.11). Anything it cannot list (``\\w``, ``.``, a
negated class, a back-reference, inline flags) makes the prefixes shorter or, at worst,
the scanner a plain word-start ``finditer``: slower, never different.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_SPACES = " \t\n\r\f\v"
_DIGITS = "0123456789"
LEAD_LENGTH = 6
_UNBOUNDED = 1 << 30  # "+", "*", "{2,}": no count within LEAD_LENGTH reaches it


@dataclass(frozen=True)
class Chars:
    """One character from ``options``; ``None`` = a set we do not list (``\\w``, ``.``, ``[^x]``)."""
    options: frozenset[str] | None


@dataclass(frozen=True)
class Empty:
    """Zero width: ``\\b``, ``^``, a lookahead or lookbehind (a lead never depends on it)."""


@dataclass(frozen=True)
class Opaque:
    """Something whose text we cannot predict: a back-reference, an inline-flag group."""


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    branches: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    node: Node
    low: int
    high: int


Node = Chars | Empty | Opaque | Seq | Alt | Repeat

_CLASS_ESCAPES = {"d": frozenset(_DIGITS), "s": frozenset(_SPACES)}
_UNLISTED_ESCAPES = set("wWSD")
_ZERO_WIDTH_ESCAPES = set("bBAZ")
_CHAR_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_QUANTIFIER = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class _Reader:
    """Recursive descent over a pattern string: alternation > sequence > quantified atom."""

    def __init__(self, pattern: str):
        self.text = pattern
        self.pos = 0

    def peek(self, ahead: int = 0) -> str:
        at = self.pos + ahead
        return self.text[at] if at < len(self.text) else ""

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else Alt(tuple(branches))

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.atom()))
        return Seq(tuple(items))

    def quantified(self, node: Node) -> Node:
        ch = self.peek()
        bounds = {"*": (0, _UNBOUNDED), "+": (1, _UNBOUNDED), "?": (0, 1)}.get(ch)
        if bounds is not None:
            self.pos += 1
        elif ch == "{" and (m := _QUANTIFIER.match(self.text, self.pos)):
            self.pos = m.end()
            low = int(m.group(1) or 0)
            bounds = (low, low if not m.group(2) else int(m.group(3) or _UNBOUNDED))
        else:
            return node
        if self.peek() in ("?", "+"):  # lazy or possessive: the same texts can start a match
            self.pos += 1
        return Repeat(node, *bounds)

    def atom(self) -> Node:
        ch = self.peek()
        self.pos += 1
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == "\\":
            return self.escape(in_class=False)
        if ch == ".":
            return Chars(None)
        if ch in ("^", "$"):
            return Empty()
        return Chars(frozenset(ch))

    def group(self) -> Node:
        """After "(": "(?:x)", "(?P<n>x)", "(x)" read x; lookarounds read x as zero width."""
        head = self.text[self.pos:self.pos + 4]
        kind = "plain"
        for prefix, what in (("?:", "plain"), ("?P<", "named"), ("?=", "look"), ("?!", "look"),
                             ("?<=", "look"), ("?<!", "look"), ("?#", "comment"), ("?", "opaque")):
            if head.startswith(prefix):
                kind = what
                self.pos += len(prefix)
                break
        if kind == "named":
            self.pos = self.text.index(">", self.pos) + 1
        if kind == "comment":
            self.pos = self.text.index(")", self.pos) + 1
            return Empty()
        inner = self.alternation() if kind != "opaque" else self.skip_group()
        if self.peek() != ")":
            raise ValueError(f"unbalanced group at {self.pos}")
        self.pos += 1
        return Empty() if kind == "look" else inner

    def skip_group(self) -> Node:
        """Inline flags, conditionals, "(?P=name)": read past the group, predict nothing."""
        self.alternation()
        return Opaque()

    def char_class(self) -> Node:
        """After "[": literals, ranges "a-z" and "\\d"/"\\s" are listed; "^" or "\\w" are not."""
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        options: set[str] | None = set()
        first = True
        while self.peek() and (self.peek() != "]" or first):
            first = False
            ch = self.peek()
            self.pos += 1
            member = self.escape(in_class=True) if ch == "\\" else Chars(frozenset(ch))
            if self.peek() == "-" and self.peek(1) not in ("]", "") and isinstance(member, Chars) \
                    and member.options is not None and len(member.options) == 1:
                member = self.char_range(next(iter(member.options)))
            if not isinstance(member, Chars) or member.options is None or options is None:
                options = None
            else:
                options |= member.options
        self.pos += 1  # the closing "]"
        return Chars(None if negated or options is None else frozenset(options))

    def char_range(self, low: str) -> Chars:
        self.pos += 1  # the "-"
        high = self.peek()
        self.pos += 1
        if high == "\\":
            member = self.escape(in_class=True)
            if not isinstance(member, Chars) or member.options is None or len(member.options) != 1:
                return Chars(None)
            high = next(iter(member.options))
        return Chars(frozenset(chr(c) for c in range(ord(low), ord(high) + 1)))

    def escape(self, in_class: bool) -> Node:
        """After a backslash: classes, zero-width assertions, character escapes, literals."""
        ch = self.peek()
        self.pos += 1
        if ch in _CLASS_ESCAPES:
            return Chars(_CLASS_ESCAPES[ch])
        if ch in _UNLISTED_ESCAPES:
            return Chars(None)
        if ch in _ZERO_WIDTH_ESCAPES:
            return Chars(frozenset("\b")) if in_class and ch == "b" else Empty()
        if ch in _CHAR_ESCAPES:
            return Chars(frozenset(_CHAR_ESCAPES[ch]))
        hex_width = {"x": 2, "u": 4, "U": 8}.get(ch)
        if hex_width:
            code = self.text[self.pos:self.pos + hex_width]
            self.pos += hex_width
            return Chars(frozenset(chr(int(code, 16))))
        if ch.isalnum():  # a back-reference "\1", an octal, "\N{...}": not listed
            return Chars(None) if in_class else Opaque()
        return Chars(frozenset(ch))


def parse(pattern: str) -> Node:
    """The pattern as a tree of ``Node``s (only what the prefixes need)."""
    reader = _Reader(pattern)
    node = reader.alternation()
    if reader.pos != len(pattern):
        raise ValueError(f"unbalanced ')' at {reader.pos} in {pattern[:60]!r}")
    return node


def _norm(ch: str) -> str:
    """One representative per class the lead regex writes as a class: any space, any digit."""
    return " " if ch in _SPACES else "0" if ch in _DIGITS else ch


def _starts(node: Node, n: int) -> set[str] | None:
    """Every text of length <= n that can begin a match of ``node`` (shorter: the whole match);
    ``None`` when one of them cannot be listed."""
    if isinstance(node, Chars):
        return None if node.options is None else {_norm(c) for c in node.options}
    if isinstance(node, Empty):
        return {""}
    if isinstance(node, Seq):
        return _seq(node.items, n)
    if isinstance(node, Alt):
        out: set[str] = set()
        for branch in node.branches:
            part = _starts(branch, n)
            if part is None:
                return None
            out |= part
        return out
    if isinstance(node, Repeat):
        # every repeat count that can matter within n characters ("\s+" may be "  ")
        out = set()
        for count in range(min(node.low, n), min(node.high, n) + 1):
            part = _seq((node.node,) * count, n)
            if part is None:
                return None
            out |= part
        return out
    return None  # Opaque


def _seq(items: tuple[Node, ...], n: int) -> set[str] | None:
    out = {""}
    for item in items:
        if all(len(p) >= n for p in out):
            break
        grown: set[str] = set()
        for p in out:
            if len(p) >= n:
                grown.add(p)
                continue
            tails = _starts(item, n - len(p))
            if tails is None:
                return None
            grown.update(p + q for q in tails)
        out = grown
    return {p[:n] for p in out}


def prefixes(pattern: str, n: int = 3) -> set[str] | None:
    """All strings of length <= n that can begin a match of ``pattern``, with every space
    written " " and every digit "0" (the lead regex turns them back into \\s and \\d, which
    also cover non-ASCII spaces and digits); ``None`` when the pattern reaches, within n
    characters, something this reader does not list."""
    return _starts(parse(pattern), n)


def _leads(pattern: str, n: int) -> set[tuple[str, ...]] | None:
    """The prefixes as regex tokens (a space stands for \\s, a digit for \\d), minimal set;
    ``None`` when they cannot be listed or the pattern can match the empty string."""
    found = prefixes(pattern, n)
    if found is None:
        return None
    tokens = set()
    for p in found:
        t = tuple(r"\s" if c == " " else r"\d" if c == "0" else c if c.isalnum() else re.escape(c) for c in p)
        tokens.add((r"\d",) if t[:1] == (r"\d",) else t)
    if () in tokens:
        return None
    minimal: set[tuple[str, ...]] = set()
    for t in sorted(tokens, key=len):  # a lead that extends a shorter lead adds nothing
        if not any(t[:k] in minimal for k in range(1, len(t))):
            minimal.add(t)
    return minimal


def _trie(leads: set[tuple[str, ...]]) -> str:
    """One alternation branch per first token, recursively."""
    groups: dict[str, set[tuple[str, ...]]] = {}
    optional = False
    for t in leads:
        if t:
            groups.setdefault(t[0], set()).add(t[1:])
        else:
            optional = True
    alternatives = [tok if rest == {()} else tok + _trie(rest) for tok, rest in sorted(groups.items())]
    body = alternatives[0] if len(alternatives) == 1 and not optional else "(?:" + "|".join(alternatives) + ")"
    return body + "?" if optional else body


WORD_START = r"(?<![a-z0-9])"  # on lower-cased text: not inside a word or number


def lead_pattern(pattern: str) -> str:
    """The zero-width filter: a word start followed by one of the pattern's prefixes
    (the longest ones the pattern lets us list), or just a word start."""
    for n in range(LEAD_LENGTH, 0, -1):  # shorter leads when the pattern reaches \w sooner
        leads = _leads(pattern, n)
        if leads:
            return WORD_START + "(?=" + _trie(leads) + ")"
    return WORD_START


class Scanner:
    """``finditer`` for a lower-case pattern, restricted to word starts with a known prefix."""

    def __init__(self, pattern: str):
        self.full = re.compile(pattern)
        # zero-width: a lead never hides the next word start from the scan
        self.lead = re.compile(lead_pattern(pattern))
        # the lead and the full pattern in one regex (the lead adds no group): the engine
        # tries the full pattern only where a lead fits, without a Python call per lead
        self.combined = re.compile(self.lead.pattern + "(?:" + pattern + ")")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        return self.combined.finditer(text, start, len(text) if end is None else end)


class BranchScanner:
    """``Scanner`` for a table of named branches ("(?P<r0>...)|(?P<r1>...)"), where the full pattern
    is tried at a lead with only the branches that can begin with the lead's first character.

    Python's engine skips a branch that starts with a literal at once, but not one that starts with
    a group, as every named branch does: at each lead it entered all of them (the trigger table's 81
    rules were most of ``find_triggers``). The first branch that matches is the same whether the
    others are there or not (a branch that cannot start with the character cannot match there), so
    the spans and ``lastgroup`` are those of ``Scanner(head + "(?:" + "|".join(branches) + ")" + tail)``;
    the group numbers and ``groupdict()`` are not (a match holds only its character's branches).
    """

    def __init__(self, head: str, branches: list[str], tail: str):
        self.head, self.branches, self.tail = head, branches, tail
        self.scanner = Scanner(head + "(?:" + "|".join(branches) + ")" + tail)
        self.firsts = [prefixes(branch, 1) for branch in branches]  # None: a branch we cannot list
        self.empty = any(first is not None and "" in first for first in self.firsts)
        self.by_char: dict[str, re.Pattern[str] | None] = {}
        for first in self.firsts:
            for ch in first or ():
                self._pattern(ch)

    def _pattern(self, ch: str) -> re.Pattern[str] | None:
        """The pattern of the branches that can start with ``ch`` (None: none can); a listed space
        or digit ("\\s", "\\d") stands for every character those classes take."""
        if ch not in self.by_char:
            space, digit = ch.isspace(), ch.isdecimal()
            kept = [branch for branch, first in zip(self.branches, self.firsts, strict=True)
                    if first is None or ch in first or (space and " " in first) or (digit and "0" in first)]
            self.by_char[ch] = re.compile(self.head + "(?:" + "|".join(kept) + ")" + self.tail) if kept else None
        return self.by_char[ch]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if end is None else end
        if self.empty:  # a branch that may match nothing: finditer's rules for empty matches apply
            yield from self.scanner.finditer(text, start, end)
            return
        after = start  # matches do not overlap: the next one starts at or after the last one's end
        for lead in self.scanner.lead.finditer(text, start, end):
            at = lead.start()
            if at < after or at >= end:
                continue
            pattern = self._pattern(text[at])
            m = pattern.match(text, at, end) if pattern is not None else None
            if m is not None:
                yield m
                after = m.end()
