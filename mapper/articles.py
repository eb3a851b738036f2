"""Articles: the pipeline's input, read from a seeds folder.

Every ``*.txt`` file is one article; its id is the file stem. An optional
sidecar ``<stem>.meta.json`` gives ``published`` (YYYY-MM-DD), ``title``,
``source`` and ``url``. Reading never stops at one bad file: each problem
becomes a ``Warning`` naming the file, and the rest of the folder goes on.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from mapper.errors import InputError

# Larger files are almost always a mis-dropped dump, not an article; reading
# them whole would make memory grow with the folder.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

# Tried in order after UTF-8; latin-1 decodes anything, so it comes last.
LEGACY_ENCODINGS = ("cp1256", "latin-1")


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
        return f"{self.path}: {self.message}"


def article_files(seeds: str | Path) -> list[Path]:
    """The folder's ``*.txt`` files in name order (the order of every output)."""
    folder = Path(seeds)
    if not folder.is_dir():
        raise InputError(f"seeds folder not found: {folder}")
    return sorted(folder.glob("*.txt"))


def read_article(path: Path, warnings: list[Warning]) -> Article | None:
    """One article with its sidecar, or None (with a warning naming the file)."""
    try:
        text, note = read_text(path)
    except (InputError, OSError) as error:
        warnings.append(Warning(str(path), str(error)))
        return None
    if note:
        warnings.append(Warning(str(path), note))
    meta = read_sidecar(path.with_name(path.stem + ".meta.json"), warnings)
    return Article(
        id=path.stem,
        text=text,
        published=meta.get("published"),
        title=str(meta.get("title", "")),
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        path=str(path),
    )


def iter_articles(seeds: str | Path, warnings: list[Warning]) -> Iterator[Article]:
    """Yield the folder's articles in name order, appending problems to ``warnings``."""
    for path in article_files(seeds):
        article = read_article(path, warnings)
        if article is not None:
            yield article


def iter_metadata(seeds: str | Path, warnings: list[Warning]) -> Iterator[Article]:
    """Articles' sidecar metadata without reading their texts (``text`` is empty)."""
    for path in article_files(seeds):
        if path.is_file():
            meta = read_sidecar(path.with_name(path.stem + ".meta.json"), warnings)
            yield Article(path.stem, "", meta.get("published"), str(meta.get("title", "")),
                          str(meta.get("source", "")), str(meta.get("url", "")), str(path))


def load_articles(seeds: str | Path) -> tuple[list[Article], list[Warning]]:
    warnings: list[Warning] = []
    articles = list(iter_articles(seeds, warnings))
    return articles, warnings


def read_text(path: Path) -> tuple[str, str]:
    """Decode one article; returns (text, warning-or-empty). Raises InputError."""
    if path.is_dir():
        raise InputError("skipped: is a directory, not an article file")
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"skipped: {size} bytes is over the {MAX_ARTICLE_BYTES}-byte article limit")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError("skipped: binary file (contains NUL bytes), not a text article")
    note = ""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, note = _decode_legacy(raw)
    # Offsets in incidents.csv index this exact string: normalise newlines only.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("skipped: the file is empty")
    return text, note


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


def read_sidecar(path: Path, warnings: list[Warning]) -> dict:
    if not path.exists():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        warnings.append(Warning(str(path), f"sidecar ignored, not valid JSON: {error}"))
        return {}
    if not isinstance(meta, dict):
        warnings.append(Warning(str(path), "sidecar ignored: expected a JSON object"))
        return {}
    published = meta.get("published")
    if published is not None:
        try:
            meta["published"] = dt.date.fromisoformat(str(published))
        except ValueError:
            warnings.append(Warning(str(path), f"'published' is not a real YYYY-MM-DD date: {published!r}; article kept without a date"))
            meta["published"] = None
    return meta
