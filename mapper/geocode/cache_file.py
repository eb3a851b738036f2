"""The geocode cache's file format: plain JSON, sorted keys, read defensively.

``render_cache`` writes ``{"format": "mapper-geocache", "version": 1,
"entries": {...}}`` so the file diffs and reviews well when committed;
``read_cache`` parses such a file and says which entries cannot be served
(kept in the file) and which nest too deeply to be written back (dropped).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from mapper.geocode.cache_checks import (
    LONE_SURROGATE,
    MAX_ENTRY_DEPTH,
    entry_problem,
    nesting_depth,
    surrogate_problem,
)

FORMAT_VERSION = 1


def render_cache(entries: dict[str, dict]) -> str:
    document = {"format": "mapper-geocache", "version": FORMAT_VERSION, "entries": entries}
    text = json.dumps(document, sort_keys=True, indent=1, ensure_ascii=False) + "\n"
    # A lone surrogate (read from a "\ud800" escape) cannot be encoded as UTF-8:
    # write it back as the same escape, so the file is valid and unchanged.
    return LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@dataclass
class CacheContents:
    """What a cache file holds: every entry kept, and why some are not used.

    ``bad``: key -> why the entry is not served (it stays in the file);
    ``too_deep``: key -> why it was left out altogether (too deep to write back).
    """

    entries: dict[str, Any]
    bad: dict[str, str]
    too_deep: dict[str, str]


def read_cache(text: str) -> CacheContents:
    """Parse and check a cache file's text.

    Raises ValueError (or KeyError, TypeError) when the file is not a cache
    at all. An integer of thousands of digits (past Python's limit for
    ``int``) is read as an infinite float, so that it makes one entry bad
    instead of the whole file unreadable.
    """
    try:
        try:
            document = json.loads(text)
        except ValueError:
            document = json.loads(text, parse_int=_bounded_int)
        entries = document["entries"]
        too_deep: dict[str, str] = {}
    except RecursionError:
        entries, too_deep = _parse_entries_one_by_one(text)
    if not isinstance(entries, dict):
        raise ValueError("'entries' is not an object")
    # The file is UTF-8 text: a lone surrogate can only come from a "\ud800" escape.
    escapes = _SURROGATE_ESCAPE.search(text) is not None
    bad = {}
    for key, entry in entries.items():
        problem = entry_problem(entry) or (escapes and surrogate_problem(entry)) or None
        if problem and nesting_depth(entry, MAX_ENTRY_DEPTH) > MAX_ENTRY_DEPTH:
            too_deep[key] = f"nested more than {MAX_ENTRY_DEPTH} levels deep"
        elif problem:
            bad[key] = problem
    return CacheContents({k: v for k, v in entries.items() if k not in too_deep}, bad, too_deep)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def _bounded_int(digits: str) -> int | float:
    return int(digits) if len(digits) <= 100 else float(digits)


# A JSON string (escapes included) or one structural character.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\],:]')


def _parse_entries_one_by_one(text: str) -> tuple[dict[str, Any], dict[str, str]]:
    """The entries, and those too deep to read, of a file some part of which nests too deeply for ``json.loads``.

    Walks the tokens without recursion, cuts the top-level ``entries``
    object into one text per entry and parses only those shallow enough.
    Example: ``{"entries": {"a": {...}, "b": [[[[...100,000...]]]]}}`` gives
    entry "a" and drops "b".
    """
    entries: dict[str, Any] = {}
    too_deep: dict[str, str] = {}
    depth, entries_depth, expect_entries = 0, None, False
    key, value_start, deepest, previous = None, 0, 0, ""
    for token in _JSON_TOKEN.finditer(text):
        mark = token.group()
        if mark[0] == '"':
            if entries_depth is not None and depth == entries_depth and key is None:
                key = json.loads(mark)  # an entry's key; its value starts after the colon
            elif depth == 1 and entries_depth is None and json.loads(mark) == "entries":
                expect_entries = True
        elif mark == ":":
            if entries_depth is not None and depth == entries_depth and key is not None:
                value_start, deepest = token.end(), depth
        elif mark in "{[":
            depth += 1
            deepest = max(deepest, depth)
            if expect_entries and previous == ":" and depth == 2 and mark == "{":
                entries_depth = 2
            expect_entries = False
        else:  # one of } ] ,
            if entries_depth is not None and depth == entries_depth and key is not None:
                value = text[value_start:token.start()]
                if deepest - entries_depth > MAX_ENTRY_DEPTH:
                    too_deep[key] = f"nested more than {MAX_ENTRY_DEPTH} levels deep"
                else:
                    entries[key] = json.loads(value, parse_int=_bounded_int)
                key = None
            expect_entries = False
            if mark != ",":
                if depth == entries_depth:
                    return entries, too_deep  # the end of "entries": the rest is not needed
                depth -= 1
        previous = mark if mark[0] != '"' else previous
    raise ValueError("no 'entries' object found")
