"""Articles: the pipeline's input, read from a seeds folder.

Every ``.txt``, ``.md``, ``.html``/``.htm``, ``.pdf`` and ``.docx`` file (any case:
``*.TXT`` too) is one article, read by its content first (``mapper.readers``: an
HTML page saved as ``.txt`` is read as HTML); its id is the file stem. Any other
entry but a sidecar is named (W111) and not read. An optional sidecar
``<stem>.meta.json`` gives ``published`` (YYYY-MM-DD), ``title``, ``source`` and
``url``; a field it does not give is taken from the document (an HTML page's
title, date, site name and URL). Reading never stops at one bad file: each
problem becomes a ``Diagnostic`` (``mapper.diagnostics``) naming the file,
handed to the caller's ``emit``, and the rest of the folder goes on.

The folder is untrusted input. A symbolic link is read only when it stays
inside the folder (or the caller says ``follow_symlinks``), and is named
either way; only regular files are opened (a FIFO would block forever);
files and sidecar fields are bounded in size.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from mapper.diagnostics import Diagnostic, Diagnostics, Emit, printable
from mapper.errors import InputError
from mapper.readers import MAX_PDF_BYTES, SUFFIXES, ReadText, UnusableFile, decode_article, decode_marked, read_document

__all__ = ["Article", "Diagnostic", "printable", "load_articles", "iter_articles", "iter_metadata", "read_article",
           "article_files", "article_id", "decode_article", "read_sidecar", "seed_file", "read_bounded"]

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

@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: dt.date | None = None
    title: str = ""
    source: str = ""
    url: str = ""
    path: str = ""


def _unusable(path: Path, error: InputError, prefix: str, default_code: str) -> Diagnostic:
    """The diagnostic of a file that cannot be used: "skipped: <why>" (or the reader's whole message)."""
    whole = getattr(error, "whole", False)
    return Diagnostic(getattr(error, "code", default_code), str(path), str(error) if whole else f"{prefix}{error}")


# -- article ids -----------------------------------------------------------------


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


def article_files(seeds: str | Path, emit: Emit | None = None) -> list[Path]:
    """The folder's articles (``readers.SUFFIXES``, any case) in name order (the order of every output).

    Every other entry but a sidecar is named to ``emit`` (W111: an unknown extension, a folder).
    Two files with one id ("a.txt" and "a.TXT", "a.txt" and "a.html") would be one article twice:
    the first by name with a lower-case extension is kept and the other named (W109).
    """
    folder = Path(seeds)
    if not folder.is_dir():
        raise InputError(f"seeds folder not found: {folder}")
    try:
        entries = sorted(folder.iterdir(), key=lambda path: path.name)
    except OSError as error:
        raise InputError(f"{folder}: seeds folder cannot be read ({error.strerror or error})") from None
    candidates = []
    for path in entries:
        if path.suffix.lower() in SUFFIXES:
            candidates.append(path)
        elif not _is_sidecar(path.name) and emit is not None:
            emit(Diagnostic("W111", str(path), _not_read(path)))
    chosen: dict[str, Path] = {}
    for path in sorted(candidates, key=lambda path: (path.suffix != path.suffix.lower(), path.name)):
        identifier = article_id(path)
        if identifier in chosen:
            if emit is not None:
                emit(Diagnostic("W109", str(path), f"skipped: same article id {identifier!r} as {chosen[identifier].name}"))
            continue
        chosen[identifier] = path
    return sorted(chosen.values(), key=lambda path: path.name)


def _is_sidecar(name: str) -> bool:
    return name[-len(SIDECAR_SUFFIX):].lower() == SIDECAR_SUFFIX


def _not_read(path: Path) -> str:
    """Why an entry of the folder is no article: "not read: a folder ..." / "... extension '.rss' ..."."""
    try:
        if stat.S_ISDIR(os.lstat(path).st_mode):
            return "not read: a folder (the seeds folder is read one level deep)"
    except OSError:
        pass
    suffix = printable(path.suffix) or "none"
    return (f"not read: extension {suffix!r} is no article format (articles are "
            f"{', '.join(sorted(SUFFIXES))}, any case)")


def read_article(path: Path, emit: Emit, follow_symlinks: bool = False) -> Article | None:
    """One article with its sidecar, or None (with a diagnostic naming the file).

    The text is what the file's reader gives (``mapper.readers``: by content, then extension);
    a sidecar's field wins over the document's own (an HTML page's title, date, site, URL).
    """
    try:
        target, note = seed_file(path, follow_symlinks)
        limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_ARTICLE_BYTES
        read = read_document(read_bounded(target, limit, "article"), path)
    except InputError as error:
        emit(_unusable(path, error, "skipped: ", "W106"))
        return None
    except OSError as error:
        emit(Diagnostic("W108", str(path), f"skipped: cannot be read ({error.strerror or error})"))
        return None
    for code, message in (("W103", note), ("W101", read.note), ("W110", _id_note(path))):
        if message:
            emit(Diagnostic(code, str(path), message))
    return _article(path, read.text, _with_document(read_sidecar(sidecar_path(path), emit, follow_symlinks), read,
                                                    path, emit))


def _with_document(meta: dict, read: ReadText, path: Path, emit: Emit) -> dict:
    """The sidecar's fields, and the document's where the sidecar gives none (bounded as a sidecar's)."""
    merged = dict(meta)
    if merged.get("published") is None and read.published is not None:
        merged["published"] = read.published
    for field in TEXT_FIELDS:
        if not merged.get(field) and getattr(read, field):
            merged[field] = _text_field(field, getattr(read, field), path, emit)
    return merged


def _article(path: Path, text: str, meta: dict) -> Article:
    return Article(id=article_id(path), text=text, published=meta.get("published"), title=meta.get("title", ""),
                   source=meta.get("source", ""), url=meta.get("url", ""), path=str(path))


def iter_articles(seeds: str | Path, emit: Emit, follow_symlinks: bool = False) -> Iterator[Article]:
    """Yield the folder's articles in name order, handing problems to ``emit``."""
    for path in article_files(seeds, emit):
        article = read_article(path, emit, follow_symlinks)
        if article is not None:
            yield article


def iter_metadata(seeds: str | Path, emit: Emit, follow_symlinks: bool = False) -> Iterator[Article]:
    """Articles' metadata with their texts dropped (``text`` is empty).

    The documents are read as ``iter_articles`` reads them, so the metadata an HTML page gives
    itself (its title, date, site) is the same for ``mapper map`` as for ``mapper build``, and
    the same files count: one that gives no article is named and has no metadata.
    """
    for article in iter_articles(seeds, emit, follow_symlinks):
        yield replace(article, text="")


def load_articles(seeds: str | Path, follow_symlinks: bool = False) -> tuple[list[Article], list[Diagnostic]]:
    """Every readable article of the folder, and the problems found (each once, in order)."""
    found = Diagnostics()
    articles = list(iter_articles(seeds, found.add, follow_symlinks))
    return articles, list(found)


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
    raise UnusableFile("W102", f"is {kind}, not a regular file")


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
        raise UnusableFile("W104", f"symbolic link to a missing file or a link loop ({target})")
    inside = target.is_relative_to(Path(os.path.realpath(path.parent)))
    if not inside and not follow_symlinks:
        raise UnusableFile("W104", f"symbolic link to {target}, a file outside the seeds folder (use --follow-symlinks to read it)")
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
            raise UnusableFile("W105", f"{info.st_size} bytes is over the {limit}-byte {what} limit")
        raw = handle.read(limit + 1)  # the file may grow while it is read
    if len(raw) > limit:
        raise UnusableFile("W105", f"over the {limit}-byte {what} limit")
    return raw


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
def _sidecars_by_stem(folder: str, modified_ns: int) -> dict[str, str]:  # noqa: ARG001 (a cache key)
    """The folder's sidecar names by stem, listed once per process and folder version.

    ``modified_ns`` is only the key: a file added or removed changes the
    folder's mtime, and so the listing is read again.
    """
    names: dict[str, str] = {}
    for name in sorted(os.listdir(folder)):
        if name[-len(SIDECAR_SUFFIX):].lower() == SIDECAR_SUFFIX:
            names.setdefault(name[: -len(SIDECAR_SUFFIX)], name)
    return names


def read_sidecar(path: Path | None, emit: Emit, follow_symlinks: bool = False) -> dict:
    """The sidecar's ``published`` (a date or None) and text fields ('' when absent); {} without one.

    Every problem is one diagnostic naming the sidecar (and the field); a bad
    field is ignored and the others kept, a bad sidecar ignored whole, and
    the article is always kept.
    """
    if path is None or not os.path.lexists(path):
        return {}
    try:
        target, note = seed_file(path, follow_symlinks)
        document = _parse_json(read_bounded(target, MAX_SIDECAR_BYTES, "sidecar"))
    except InputError as error:
        emit(_unusable(path, error, "sidecar ignored: ", "W120"))
        return {}
    except OSError as error:
        emit(Diagnostic("W108", str(path), f"sidecar ignored: cannot be read ({error.strerror or error})"))
        return {}
    if note:
        emit(Diagnostic("W103", str(path), note))
    if not isinstance(document, dict):
        emit(Diagnostic("W120", str(path), "sidecar ignored: expected a JSON object"))
        return {}
    meta: dict = {"published": _published(document.get("published"), path, emit)}
    for field in TEXT_FIELDS:
        meta[field] = _text_field(field, document.get(field), path, emit)
    return meta


def _parse_json(raw: bytes):
    try:
        text = decode_marked(raw)
        return json.loads(text if text is not None else raw.decode("utf-8-sig"))
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise UnusableFile("W120", f"not valid JSON: {error}") from None
    except RecursionError:
        # '[' nested 100,000 deep: Python's parser gives up; nothing in a sidecar needs it.
        raise UnusableFile("W120", "nested too deeply to read (JSON arrays or objects inside each other thousands deep)") from None


def _published(value, path: Path, emit: Emit) -> dt.date | None:
    if value is None:  # "published": null is no date, not the text "None"
        return None
    if not isinstance(value, str):
        emit(Diagnostic("W121", str(path), f"'published' ignored: expected a YYYY-MM-DD text, got {_json_kind(value)}; "
                                           "article kept without a date", field="published"))
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        emit(Diagnostic("W121", str(path), f"'published' is not a real YYYY-MM-DD date: {_shown(value)}; "
                                           "article kept without a date", field="published"))
        return None


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _text_field(field: str, value, path: Path, emit: Emit) -> str:
    """A title, source or url as shown on the map: text, bounded, valid Unicode.

    JSON can spell a lone surrogate ("\\ud800"); Python keeps it, and writing
    the outputs as UTF-8 would fail much later, so it becomes U+FFFD here.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        emit(Diagnostic("W122", str(path), f"'{field}' ignored: expected text, got {_json_kind(value)}", field=field))
        return ""
    if _LONE_SURROGATE.search(value):
        value = _LONE_SURROGATE.sub("\ufffd", value)
        emit(Diagnostic("W123", str(path), f"'{field}': a lone surrogate (invalid Unicode) replaced with U+FFFD",
                        field=field))
    limit = MAX_FIELD_CHARS[field]
    if len(value) <= limit:
        return value
    if field == "url":
        emit(Diagnostic("W125", str(path), f"'url' ignored: {len(value):,} characters is over the {limit:,}-character "
                                           "limit (a shortened link would point elsewhere)", field="url"))
        return ""
    emit(Diagnostic("W124", str(path), f"'{field}' is {len(value):,} characters; kept the first {limit - 1:,} "
                                       f"(limit {limit:,})", field=field))
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
