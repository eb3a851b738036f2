"""Articles: the pipeline's input, read from a seeds folder.

Every ``*.txt`` file (any case: ``*.TXT`` too) is one article; its id is the
file stem. An optional sidecar ``<stem>.meta.json`` gives ``published``
(YYYY-MM-DD), ``title``, ``source`` and ``url``. Reading never stops at one
bad file: each problem becomes a ``Warning`` naming the file, and the rest of
the folder goes on.

The folder is untrusted input. A symbolic link is read only when it stays
inside the folder (or the caller says ``follow_symlinks``), and is named
either way; only regular files are opened (a FIFO would block forever);
files and sidecar fields are bounded in size.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from mapper.errors import InputError

ARTICLE_SUFFIX = ".txt"
SIDECAR_SUFFIX = ".meta.json"

# Larger files are almost always a mis-dropped dump, not an article; reading
# them whole would make memory grow with the folder.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# A sidecar is four short fields. A red-team 40 MB title became 756 MB of
# outputs, so a bigger sidecar is named and ignored.
MAX_SIDECAR_BYTES = 1024 * 1024

# Longer titles and sources are cut (with "…"); a longer URL is dropped, since
# a shortened link would point somewhere else.
MAX_FIELD_CHARS = {"title": 2000, "source": 2000, "url": 2048}
TEXT_FIELDS = ("title", "source", "url")

# Tried in order after UTF-8; latin-1 decodes anything, so it comes last.
LEGACY_ENCODINGS = ("cp1256", "latin-1")

# A byte order mark makes NUL bytes text: "\xff\xfeA\x00" is UTF-16 "A".
# UTF-32's marks come first: b"\xff\xfe\x00\x00" also starts like UTF-16's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: dt.date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    path: str = ""


@dataclass(frozen=True)
class Warning:
    path: str
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}: {self.message}")


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


def article_id(path: Path) -> str:
    """The file stem, printable: ``caf\\xe9`` for a file named with the latin-1 byte 0xE9."""
    return printable(path.stem)


def _id_note(path: Path) -> str:
    """Why an article's id is not its file stem as written, or ''."""
    identifier = article_id(path)
    if identifier == path.stem:
        return ""
    if any(0xD800 <= ord(char) <= 0xDFFF for char in path.stem):
        return f"the file name is not valid UTF-8; its article id is {identifier!r}"
    return f"the file name has control characters; its article id is {identifier!r}"


# -- the folder ----------------------------------------------------------------


def article_files(seeds: str | Path, warnings: list[Warning] | None = None) -> list[Path]:
    """The folder's ``*.txt`` files (any case) in name order (the order of every output).

    Two files with one id ("a.txt" and "a.TXT") would be one article twice:
    the lower-case ``.txt`` is kept and the other named in ``warnings``.
    """
    folder = Path(seeds)
    if not folder.is_dir():
        raise InputError(f"seeds folder not found: {folder}")
    try:
        candidates = [path for path in folder.iterdir() if path.suffix.lower() == ARTICLE_SUFFIX]
    except OSError as error:
        raise InputError(f"{folder}: seeds folder cannot be read ({error.strerror or error})") from None
    chosen: dict[str, Path] = {}
    for path in sorted(candidates, key=lambda path: (path.suffix != ARTICLE_SUFFIX, path.name)):
        identifier = article_id(path)
        if identifier in chosen:
            if warnings is not None:
                warnings.append(Warning(str(path), f"skipped: same article id {identifier!r} as {chosen[identifier].name}"))
            continue
        chosen[identifier] = path
    return sorted(chosen.values(), key=lambda path: path.name)


def read_article(path: Path, warnings: list[Warning], follow_symlinks: bool = False) -> Article | None:
    """One article with its sidecar, or None (with a warning naming the file)."""
    try:
        target, note = seed_file(path, follow_symlinks)
        text, encoding_note = decode_article(read_bounded(target, MAX_ARTICLE_BYTES, "article"))
    except InputError as error:
        warnings.append(Warning(str(path), f"skipped: {error}"))
        return None
    except OSError as error:
        warnings.append(Warning(str(path), f"skipped: cannot be read ({error.strerror or error})"))
        return None
    for message in (note, encoding_note, _id_note(path)):
        if message:
            warnings.append(Warning(str(path), message))
    return _article(path, text, read_sidecar(sidecar_path(path), warnings, follow_symlinks))


def _article(path: Path, text: str, meta: dict) -> Article:
    return Article(id=article_id(path), text=text, published=meta.get("published"), title=meta.get("title", ""),
                   source=meta.get("source", ""), url=meta.get("url", ""), path=str(path))


def iter_articles(seeds: str | Path, warnings: list[Warning], follow_symlinks: bool = False) -> Iterator[Article]:
    """Yield the folder's articles in name order, appending problems to ``warnings``."""
    for path in article_files(seeds, warnings):
        article = read_article(path, warnings, follow_symlinks)
        if article is not None:
            yield article


def iter_metadata(seeds: str | Path, warnings: list[Warning], follow_symlinks: bool = False) -> Iterator[Article]:
    """Articles' sidecar metadata without reading their texts (``text`` is empty).

    The same files as ``iter_articles`` count: a link out of the folder or a
    FIFO is named and has no metadata.
    """
    for path in article_files(seeds, warnings):
        try:
            _, note = seed_file(path, follow_symlinks)
        except InputError as error:
            warnings.append(Warning(str(path), f"skipped: {error}"))
            continue
        except OSError as error:
            warnings.append(Warning(str(path), f"skipped: cannot be read ({error.strerror or error})"))
            continue
        if note:
            warnings.append(Warning(str(path), note))
        yield _article(path, "", read_sidecar(sidecar_path(path), warnings, follow_symlinks))


def load_articles(seeds: str | Path, follow_symlinks: bool = False) -> tuple[list[Article], list[Warning]]:
    warnings: list[Warning] = []
    articles = list(iter_articles(seeds, warnings, follow_symlinks))
    return articles, warnings


# -- opening one file ----------------------------------------------------------

_FILE_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
    raise InputError(f"is {kind}, not a regular file")


def seed_file(path: Path, follow_symlinks: bool = False) -> tuple[Path, str]:
    """The regular file to open for ``path`` in the seeds folder, and a note ('' or how a link was read).

    Decided from ``os.lstat`` before anything is opened: a FIFO would block
    the open forever, and a link to ``/etc/passwd`` or a private file would
    publish its sentences on the map. A link is read when its target stays
    inside the folder ``path`` is in, or with ``follow_symlinks``. Raises
    InputError with the reason, or OSError (the file vanished).
    """
    info = os.lstat(path)
    if not stat.S_ISLNK(info.st_mode):
        _require_regular(info.st_mode)
        return path, ""
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise InputError(f"symbolic link to a missing file or a link loop ({target})")
    inside = target.is_relative_to(Path(os.path.realpath(path.parent)))
    if not inside and not follow_symlinks:
        raise InputError(f"symbolic link to {target}, a file outside the seeds folder (use --follow-symlinks to read it)")
    _require_regular(os.stat(target).st_mode)
    return target, f"read through a symbolic link to {target}"


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``; InputError when it is bigger.

    The type is checked again on the open file, in case ``path`` was swapped
    for a FIFO or a link after ``seed_file`` looked: O_NONBLOCK keeps that
    open from waiting for a writer, O_NOFOLLOW refuses a new link.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        _require_regular(info.st_mode)
        if info.st_size > limit:
            raise InputError(f"{info.st_size} bytes is over the {limit}-byte {what} limit")
        raw = handle.read(limit + 1)  # the file may grow while it is read
    if len(raw) > limit:
        raise InputError(f"over the {limit}-byte {what} limit")
    return raw


# -- decoding ------------------------------------------------------------------


def decode_article(raw: bytes) -> tuple[str, str]:
    """The article's text and a note ('' or the legacy encoding used). Raises InputError."""
    text = _decode_marked(raw)
    note = ""
    if text is None:
        if b"\x00" in raw:
            raise InputError("binary file (contains NUL bytes), not a text article")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, note = _decode_legacy(raw)
    elif "\x00" in text:
        raise InputError("binary file (contains NUL characters), not a text article")
    # Offsets in incidents.csv index this exact string: normalise newlines only.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("the file is empty")
    return text, note


def _decode_marked(raw: bytes) -> str | None:
    """Text that starts with a UTF-16 or UTF-32 byte order mark, else None. Raises InputError."""
    for mark, encoding, label in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw.decode(encoding)  # reads the mark for the byte order and drops it
            except UnicodeDecodeError as error:
                raise InputError(f"starts with a {label} byte order mark but is not valid {label} "
                                 f"({error.reason} at byte {error.start})") from None
    return None


def _decode_legacy(raw: bytes) -> tuple[str, str]:
    """Pick the legacy encoding whose text looks like one script per word.

    Every byte decodes in both cp1256 and latin-1, so "does it decode" says
    nothing; but latin-1 text read as cp1256 puts Arabic letters inside Latin
    words ("Bogotل"), and Arabic text read as latin-1 has no Arabic at all.
    """
    decoded = {encoding: raw.decode(encoding, errors="replace") for encoding in LEGACY_ENCODINGS}
    encoding = min(LEGACY_ENCODINGS, key=lambda name: (_mixed_script_words(decoded[name]), LEGACY_ENCODINGS.index(name)))
    return decoded[encoding], f"not UTF-8; decoded as {encoding}"


def _mixed_script_words(text: str) -> int:
    mixed = 0
    for word in text.split():
        has_arabic = any("\u0600" <= char <= "\u06ff" for char in word)
        has_latin = any(char.isascii() and char.isalpha() for char in word)
        mixed += has_arabic and has_latin
    return mixed


# -- sidecars ------------------------------------------------------------------


def sidecar_path(article: Path) -> Path | None:
    """``<stem>.meta.json`` beside the article (the suffix in any case: ``a.META.JSON``), or None."""
    exact = article.with_name(article.stem + SIDECAR_SUFFIX)
    if os.path.lexists(exact):
        return exact
    folder = article.parent
    try:
        listed = _sidecars_by_stem(str(folder), os.stat(folder).st_mtime_ns)
    except OSError:
        return None
    name = listed.get(article.stem)
    return folder / name if name else None


@functools.lru_cache(maxsize=8)
def _sidecars_by_stem(folder: str, modified_ns: int) -> dict[str, str]:
    """The folder's sidecar names by stem, listed once per process and folder version.

    ``modified_ns`` is only the key: a file added or removed changes the
    folder's mtime, and so the listing is read again.
    """
    names: dict[str, str] = {}
    for name in sorted(os.listdir(folder)):
        if name[-len(SIDECAR_SUFFIX):].lower() == SIDECAR_SUFFIX:
            names.setdefault(name[: -len(SIDECAR_SUFFIX)], name)
    return names


def read_sidecar(path: Path | None, warnings: list[Warning], follow_symlinks: bool = False) -> dict:
    """The sidecar's ``published`` (a date or None) and text fields ('' when absent); {} without one.

    Every problem is one warning naming the sidecar (and the field); a bad
    field is ignored and the others kept, a bad sidecar ignored whole, and
    the article is always kept.
    """
    if path is None or not os.path.lexists(path):
        return {}
    try:
        target, note = seed_file(path, follow_symlinks)
        document = _parse_json(read_bounded(target, MAX_SIDECAR_BYTES, "sidecar"))
    except InputError as error:
        warnings.append(Warning(str(path), f"sidecar ignored: {error}"))
        return {}
    except OSError as error:
        warnings.append(Warning(str(path), f"sidecar ignored: cannot be read ({error.strerror or error})"))
        return {}
    if note:
        warnings.append(Warning(str(path), note))
    if not isinstance(document, dict):
        warnings.append(Warning(str(path), "sidecar ignored: expected a JSON object"))
        return {}
    meta = {"published": _published(document.get("published"), path, warnings)}
    for field in TEXT_FIELDS:
        meta[field] = _text_field(field, document.get(field), path, warnings)
    return meta


def _parse_json(raw: bytes):
    try:
        text = _decode_marked(raw)
        return json.loads(text if text is not None else raw.decode("utf-8-sig"))
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise InputError(f"not valid JSON: {error}") from None
    except RecursionError:
        # '[' nested 100,000 deep: Python's parser gives up; nothing in a sidecar needs it.
        raise InputError("nested too deeply to read (JSON arrays or objects inside each other thousands deep)") from None


def _published(value, path: Path, warnings: list[Warning]) -> dt.date | None:
    if value is None:  # "published": null is no date, not the text "None"
        return None
    if not isinstance(value, str):
        warnings.append(Warning(str(path), f"'published' ignored: expected a YYYY-MM-DD text, got {_json_kind(value)}; "
                                           "article kept without a date"))
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        warnings.append(Warning(str(path), f"'published' is not a real YYYY-MM-DD date: {_shown(value)}; "
                                           "article kept without a date"))
        return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_field(field: str, value, path: Path, warnings: list[Warning]) -> str:
    """A title, source or url as shown on the map: text, bounded, valid Unicode.

    JSON can spell a lone surrogate ("\\ud800"); Python keeps it, and writing
    the outputs as UTF-8 would fail much later, so it becomes U+FFFD here.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        warnings.append(Warning(str(path), f"'{field}' ignored: expected text, got {_json_kind(value)}"))
        return ""
    if _LONE_SURROGATE.search(value):
        value = _LONE_SURROGATE.sub("\ufffd", value)
        warnings.append(Warning(str(path), f"'{field}': a lone surrogate (invalid Unicode) replaced with U+FFFD"))
    limit = MAX_FIELD_CHARS[field]
    if len(value) <= limit:
        return value
    if field == "url":
        warnings.append(Warning(str(path), f"'url' ignored: {len(value):,} characters is over the {limit:,}-character "
                                           "limit (a shortened link would point elsewhere)"))
        return ""
    warnings.append(Warning(str(path), f"'{field}' is {len(value):,} characters; kept the first {limit - 1:,} "
                                       f"(limit {limit:,})"))
    return value[: limit - 1] + "…"


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for a warning, cut so one line stays one line."""
    return repr(value if len(value) <= limit else value[:limit] + "…")
