"""One channel for non-fatal problems: ``Diagnostic`` items with a code, gathered in ``Diagnostics``.

A problem with a single input (a legacy encoding, a bad sidecar field, a
poisoned cache entry, a malformed override row) never stops a run: the code
that finds it makes one ``Diagnostic`` and hands it to whoever collects them
(a ``Diagnostics``, or any ``Emit`` callable). The library never prints; the
CLI prints the collected items, one a line, as

    W101 seeds/a.txt: not UTF-8; decoded as cp1256
    W401 data/places_overrides.csv:3: override skipped: latitude 95.0 is out of range

Every code is in ``CODES`` below with its meaning (the README lists them);
making a ``Diagnostic`` with a code that is not there is a bug and fails at once.
Fatal problems are exceptions from ``mapper.errors`` instead.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

# The one table of codes. W1xx articles and sidecars, W2xx extraction, W3xx
# geocoding (cache, gazetteer, Nominatim), W4xx overrides, W5xx hand-edited tables,
# W6xx reviews (data/reviews.csv).
CODES: dict[str, str] = {
    "W101": "legacy encoding: a file that is not UTF-8 was decoded as cp1256 or latin-1",
    "W102": "not a regular file (a folder, FIFO, device or socket): skipped before it is opened",
    "W103": "read through a symbolic link (inside the seeds folder, or with --follow-symlinks)",
    "W104": "symbolic link out of the seeds folder, to a missing file or a loop: skipped",
    "W105": "over a size limit (an article over 5 MiB, a PDF over 20 MiB or a converted text over "
            "5 Mi characters is skipped, a sidecar over 1 MiB ignored)",
    "W106": "not text (NUL bytes, or a byte order mark the bytes do not follow): skipped",
    "W107": "empty article: skipped",
    "W108": "cannot be read (permissions, vanished): skipped (a sidecar: ignored)",
    "W109": "two files with one article id (a.txt and a.TXT, a.html and a.txt): the second skipped",
    "W110": "file name not UTF-8 or with control characters: the article id is escaped",
    "W111": "not an article (an unknown extension such as .rss or .jpg, a folder): not read",
    "W112": "PDF with no text layer (a scanned PDF?): skipped",
    "W113": "not readable as its format (a corrupt or encrypted PDF, a .docx that is no Word document): skipped",
    "W114": "HTML page with no main text (navigation, scripts or boilerplate only): skipped",
    "W120": "sidecar ignored (not JSON, nested too deeply, not an object): article kept without metadata",
    "W121": "sidecar 'published' not a YYYY-MM-DD date: article kept undated",
    "W122": "sidecar field not text (a number, a list): ignored",
    "W123": "sidecar field with a lone surrogate: replaced with U+FFFD",
    "W124": "sidecar title or source over 2,000 characters: cut",
    "W125": "sidecar url over 2,048 characters: dropped",
    "W201": "date phrase outside the years 1-9999: kept in date_text, event_date empty",
    "W202": "casualty figure over 10,000,000: kept in notes as fatalities_unused, not counted",
    "W203": "run of text over 2,000 characters without a sentence end: cut into sentences",
    "W204": "article not in English (by the language detector, or for a short text its script or commonest words): "
            "no incidents extracted, places still listed",
    "W301": "geocode cache corrupt: moved aside with its bytes intact, a new cache built",
    "W302": "bad geocode cache entry: treated as a miss, kept in the file",
    "W303": "geocode cache entry nested too deeply: dropped after the file was copied aside",
    "W304": "more bad geocode cache entries than are named",
    "W305": "geocode cache became unreadable during the run: moved aside",
    "W306": "online answers could not be saved as they came: kept for the end-of-run save",
    "W310": "a provider failed for one name (gazetteer, Nominatim, region): its offline answer kept",
    "W311": "Nominatim answer checked: a result dropped or the answer cut",
    "W312": "Nominatim stopped answering (circuit breaker): later names not asked",
    "W401": "overrides row skipped (missing column, bad number, unclosed quote, field too long)",
    "W402": "overrides file ignored (its header is not usable)",
    "W403": "overrides file not read (not a regular file, cannot be read)",
    "W404": "overrides name or alias given by two rows: the first row wins",
    "W501": "hand-edited table cell not what its column holds: row skipped",
    "W502": "table written by an older mapper, without the newer columns: read with them empty",
    "W601": "review skipped (wrong number of fields, unknown action, no incident id, a field or value an edit cannot have)",
    "W602": "the same review written twice: counted once",
    "W603": "review superseded by a later one of the same incident and field (or verdict): the later holds",
    "W604": "review of an incident not in the tables: kept in the file, not applied",
    "W605": "edit that does not fit its row (an event type without its sub-event type): not applied",
    "W606": "edited location not in data/places.csv for its article: the old point kept, drawn as approximate",
    "W607": "reviews file not read (not a regular file, not UTF-8, its header not the review columns)",
}


@dataclass(frozen=True)
class Diagnostic:
    """One non-fatal problem: its code, the file it is about ('' for none), and what happened.

    ``line`` (1-based) is printed after the path as ``path:line``; ``field``
    names the column or sidecar field it is about, for callers that sort or filter.
    """

    code: str
    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown diagnostic code {self.code!r}: add it to mapper.diagnostics.CODES")

    @property
    def location(self) -> str:
        """``seeds/a.txt``, ``data/places_overrides.csv:3``, or '' when it is about no one file."""
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}"

    def __str__(self) -> str:
        """The summary line, printable on a terminal: ``W101 seeds/a.txt: not UTF-8; decoded as cp1256``."""
        where = self.location
        return printable(f"{self.code} {where}: {self.message}" if where else f"{self.code} {self.message}")


Emit = Callable[[Diagnostic], None]


def ignore(diagnostic: Diagnostic) -> None:
    """An ``Emit`` for callers that do not want to hear."""


class Diagnostics:
    """The collector: items in the order they were found, each once.

    The same problem reached twice (a route that reads one file for two
    stages) is kept once: ``add`` of an equal item is a no-op.
    """

    def __init__(self, items: Iterable[Diagnostic] = ()) -> None:
        self._items: list[Diagnostic] = []
        self._seen: set[Diagnostic] = set()
        self.extend(items)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic in self._seen:
            return
        self._seen.add(diagnostic)
        self._items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Diagnostics({self._items!r})"

    def lines(self) -> list[str]:
        """Each item as its summary line."""
        return [str(item) for item in self._items]

    def messages(self) -> list[str]:
        """Each item's message alone (no code, no path): what tests and callers match on."""
        return [item.message for item in self._items]


# -- printing untrusted names --------------------------------------------------

# Characters that reorder what a terminal shows ("rtl\u202etxt.exe" reads as
# "rtlexe.txt"), besides the control characters every category check finds.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """``text`` safe to print on a terminal and to write as UTF-8, on one line.

    Control characters, line separators and bidirectional controls are shown
    as escapes, and so are the bytes of a file name that is not UTF-8 (which
    ``os.listdir`` gives as lone surrogates): ``"\\x1b]0;pwned\\x07.txt"`` is
    printed as ``\\x1b]0;pwned\\x07.txt``, ``b"caf\\xe9.txt"`` as ``caf\\xe9.txt``.
    A backslash is left alone, so applying it twice changes nothing.
    """
    if text.isprintable():
        return text
    return "".join(map(_escaped, text))


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    if char in _BIDI_CONTROLS or unicodedata.category(char) in _ESCAPED_CATEGORIES:
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char
