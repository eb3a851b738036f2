"""Paragraphs back from a PDF's text layer, whose lines are the page's visual lines.

A report's text comes out of a PDF one printed line at a time: "armed men attacked a
displacement site near Goma, killing four people," / "including two children, according to
local authorities." Read as written, every line would be a paragraph of its own and every
sentence cut in two. The typesetter's own rule puts them back together: a paragraph's lines
run the full width of the column, and its last line is shorter; a heading is a short line too.
So a line as wide as the column continues on the next, a short line ends its paragraph, and a
word broken with a hyphen at the end of a line is joined ("displace-" / "ment").
"""

from __future__ import annotations

import re

__all__ = ["unwrap_lines"]

# A line at least this share of the column's width is a full line of a paragraph, so the
# paragraph goes on below it. Justified and ragged-right text both fill 85–100% of it.
FULL_LINE = 0.75

# The column's width: the length most long lines reach (the 90th percentile of line
# lengths), so one overlong line (a URL, a table row) does not make every other line short.
WIDTH_PERCENTILE = 0.9

# Lines shorter than this are never a column's full width: a page of headings and list
# items keeps its lines.
MIN_COLUMN = 40

_BROKEN_WORD = re.compile(r"[^\W\d_]-$")


def unwrap_lines(text: str) -> str:
    """``text`` with the lines of each paragraph joined by spaces; paragraphs one to a line."""
    lines = [line.strip() for line in text.split("\n")]
    column = _column_width(lines)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            current = _flush(paragraphs, current)
            continue
        if current and not _list_item(line):
            current = _joined(current, line)
        else:
            _flush(paragraphs, current)
            current = line
        if not column or (len(line) < FULL_LINE * column and not _open_ended(line)):
            current = _flush(paragraphs, current)  # the paragraph's last line, or a heading
    _flush(paragraphs, current)
    return "\n".join(paragraphs)


def _column_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return 0
    width = lengths[min(len(lengths) - 1, int(WIDTH_PERCENTILE * len(lengths)))]
    return width if width >= MIN_COLUMN else 0


def _list_item(line: str) -> bool:
    """"• 4,000 people displaced": a bullet starts a line of its own."""
    return line[:1] in "•▪◦‣-–*" and line[1:2] == " "


def _open_ended(line: str) -> bool:
    """A short line that cannot end a paragraph: it stops on a comma, a hyphenated word or "and"
    ("On 13 June, armed men attacked the camp and" / "looted its stores.")."""
    return line.endswith((",", ";")) or bool(_BROKEN_WORD.search(line)) or line.rsplit(" ", 1)[-1] in ("and", "or", "the", "of")


def _joined(current: str, line: str) -> str:
    if _BROKEN_WORD.search(current) and line[:1].islower():
        return current[:-1] + line  # "displace-" + "ment"
    return current + " " + line


def _flush(paragraphs: list[str], current: str) -> str:
    if current:
        paragraphs.append(current)
    return ""
