"""Small, careful file writing: every output is replaced atomically.

A reader (or a crash) sees either the old file or the new one, never half of
one: we write a temporary file in the same folder, fsync it, then rename.
A write that fails (disk full, a read-only folder) is one ``OutputError``
naming the path and the reason, and the file there is left as it was.

Our CSVs are spreadsheet-safe (OWASP "CSV injection"): a text cell that a
spreadsheet would run as a formula gets a leading ``'``, which
``read_csv_records`` removes again, so mapper's own round trip is exact.
"""

from __future__ import annotations

import contextlib
import csv
import math
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from mapper.errors import OutputError
from mapper.schema import NUMERIC_COLUMNS


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``.

    Whatever the block writes there (bytes, an SQLite database) is fsynced
    and renamed into place; on any error the temporary file is removed and
    ``path`` is untouched. An OSError (ENOSPC, EACCES, EROFS...) becomes an
    ``OutputError`` naming ``path``.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.close(fd)
    except OSError as error:
        raise cannot_write(path, error) from error
    try:
        # mkstemp makes 0600 files; outputs are meant to be shared and served.
        os.chmod(tmp, _mode_for(path))
        yield Path(tmp)
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(error, OSError) and not isinstance(error, OutputError):
            raise cannot_write(path, error) from error
        raise
    _fsync_dir(path.parent)


def cannot_write(path: Path, error: OSError) -> OutputError:
    """'cannot write data/incidents.csv: No space left on device (nothing there was changed)'."""
    reason = error.strerror or str(error)
    return OutputError(f"cannot write {path}: {reason} (nothing there was changed)")


def write_atomic(path: str | os.PathLike, data: str | bytes) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(path) as tmp:
        tmp.write_bytes(payload)


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets 0666 less the umask, like open()."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    # The rename itself is only durable once the directory entry is flushed.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# OWASP "CSV injection": a spreadsheet runs a cell starting with one of
# = + - @ TAB CR as a formula (=HYPERLINK("http://x","y") from an article's
# file name). Such a text cell is written with a leading ' -- and so is one
# that already starts with quotes before such a character ("'=x" -> "''=x"),
# so that removing one quote on reading gives back exactly what was written.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_FIRST_CHARS = frozenset("=+-@\t\r'")


def spreadsheet_safe(text: str) -> str:
    """'=SUM(1)' -> "'=SUM(1)"; '-Foo' -> "'-Foo"; 'Aleppo' and "'Amuda" unchanged."""
    if text and text[0] in _FIRST_CHARS and _FORMULA.match(text):
        return "'" + text
    return text


def from_spreadsheet_safe(text: str) -> str:
    """The inverse of ``spreadsheet_safe``: "'=SUM(1)" -> '=SUM(1)'; "'Amuda" unchanged."""
    if text.startswith("'") and _FORMULA.match(text, 1):
        return text[1:]
    return text


def _is_number(value: Any) -> bool:  # any cell value (numpy's too): float() is the judge
    if isinstance(value, (int, float)):
        return True
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _csv_cell(value: object, numeric: bool) -> object:
    if value is None:
        return ""
    if numeric and _is_number(value):
        return value  # -33.9 is a latitude, not a formula: numbers are never altered
    return spreadsheet_safe(value if isinstance(value, str) else str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV with a fixed header and Unix newlines, so outputs diff cleanly; spreadsheet-safe text cells."""
    lines: list[str] = []
    sink = _Lines(lines)
    writer = csv.writer(sink, lineterminator="\n")
    # Python 3.11's csv quotes a cell with "\n" but not one with a bare "\r" (a file
    # name, a provider's name), which readers take for a line end: such a row is quoted whole.
    quoting_all = csv.writer(sink, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(header)
    numeric = [name in NUMERIC_COLUMNS for name in header]
    first_chars = _FIRST_CHARS
    for row in rows:
        # Fast path (millions of cells): text not starting like a formula, or an int where numbers go.
        writer.writerow([value if (value.__class__ is str and value[:1] not in first_chars)
                         or (value.__class__ is int and is_numeric) else _csv_cell(value, is_numeric)
                         for value, is_numeric in zip(row, numeric, strict=True)])  # a row is its header's width
        if "\r" in lines[-1]:
            lines.pop()
            quoting_all.writerow([_csv_cell(value, is_numeric) for value, is_numeric in zip(row, numeric, strict=True)])
    return "".join(lines)


class _Lines:
    """A csv writer target that keeps each written row as one string."""

    def __init__(self, lines: list[str]):
        self.write = lines.append


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    write_atomic(path, csv_text(header, rows))


# Our own CSVs hold verbatim quotes, up to a whole article (5 MiB): more than
# the csv module's default 128 KiB field limit.
OWN_CSV_FIELD_LIMIT = 64 * 1024 * 1024


@contextlib.contextmanager
def csv_field_limit(limit: int) -> Iterator[None]:
    """The csv module's field size limit is process-wide: raise it only while reading."""
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def csv_record_lines(path: str | os.PathLike) -> list[int]:
    """The first line in the file of each record after the header (a quoted cell may span lines).

    For messages only ("data/incidents.csv line 7, column fatalities: ..."),
    so it is read again only when a row has something to report.
    """
    starts: list[int] = []
    with open(path, encoding="utf-8", newline="") as handle, csv_field_limit(OWN_CSV_FIELD_LIMIT):
        reader = csv.reader(handle)
        next(reader, None)
        line = reader.line_num + 1
        for cells in reader:
            if cells:  # blank lines are no record (pandas skips them too)
                starts.append(line)
            line = reader.line_num + 1
    return starts
