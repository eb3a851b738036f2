"""Readers: a seed file's bytes -> its plain text and what the document says about itself.

One reader per format, each ``(raw bytes, path) -> ReadText``; ``read_document`` picks one by
the content first and the extension second ("by content, not by name"):

- ``%PDF-`` opening the file (or in a ``.pdf``'s first kilobyte): PDF (pypdf, the text layer; a PDF without one is named
  as a scanned PDF, W112);
- a zip (``PK\\x03\\x04``): a Word document (python-docx), after a zip-bomb check;
- text that is an HTML page (``<!doctype html``, ``<html``, or many tags: also under ``.txt``),
  or any ``.html``/``.htm``: its main text and metadata by trafilatura (boilerplate, navigation
  and scripts dropped; nothing in the page is ever run);
- ``.md``: text with the markdown syntax taken out (heading marks, emphasis, link targets);
- anything else: plain text (``decode_article``: UTF-8, a BOM, cp1256 or latin-1).

The text a reader gives is the article's text: every offset and quote refers to it, and the
pipeline keeps it in ``data/texts/<article>.txt``. Every reader is deterministic and bounded:
the raw file by ``articles.MAX_ARTICLE_BYTES`` (``MAX_PDF_BYTES`` for a PDF), the text by
``MAX_TEXT_CHARS``, a docx's unpacked size by ``MAX_DOCX_UNPACKED``. A reader raises
``UnusableFile`` with the diagnostic code that says why the file gives no article.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import logging
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mapper.errors import InputError
from mapper.text_layout import unwrap_lines

# Each format's extensions (any case); a file with none of them is named and not read (W111).
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt",),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm", ".xhtml"),
    "pdf": (".pdf",),
    "docx": (".docx",),
}
SUFFIXES = frozenset(suffix for suffixes in FORMATS.values() for suffix in suffixes)

# A PDF carries fonts and images besides its text: a 20-page report is often 5-20 MB.
MAX_PDF_BYTES = 20 * 1024 * 1024
# The text a conversion may give: as many characters as a plain .txt article may have bytes
# (a 20 MB PDF of text would otherwise be 20 MB of sentences).
MAX_TEXT_CHARS = 5 * 1024 * 1024
# A docx is a zip: its members' declared sizes together, and how many, before anything is unpacked.
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
MAX_DOCX_MEMBERS = 5_000
MAX_PDF_PAGES = 2_000


class UnusableFile(InputError):
    """A seed or sidecar that cannot be used, with the diagnostic code that says why (``W102``: a FIFO)."""

    def __init__(self, code: str, message: str, whole: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.whole = whole  # the message already says what became of the file ("...; skipped")


@dataclass(frozen=True)
class ReadText:
    """A document's text and what it says about itself ('' / None when it says nothing)."""

    text: str
    kind: str  # "text", "markdown", "html", "pdf", "docx"
    note: str = ""  # how the bytes were decoded, when it is worth a warning (W101)
    title: str = ""
    published: dt.date | None = None
    source: str = ""
    url: str = ""

    @property
    def converted(self) -> bool:
        return self.kind != "text"


def format_of(path: Path) -> str:
    """The format the file's extension names ("pdf"), or '' for none."""
    suffix = path.suffix.lower()
    return next((kind for kind, suffixes in FORMATS.items() if suffix in suffixes), "")


def read_document(raw: bytes, path: Path) -> ReadText:
    """The text of one seed file, by its content first and its extension second. Raises UnusableFile."""
    return _bounded(READERS[sniff(raw, path)](raw, path))


def sniff(raw: bytes, path: Path) -> str:
    """The format of a file's bytes ("pdf", "docx", "html", "markdown", "text"). Raises UnusableFile
    for a ``.pdf`` or ``.docx`` that is neither."""
    named = format_of(path)
    # a PDF may have bytes before its header (readers look in the first kilobyte); a text that
    # mentions "%PDF-" is not one, so elsewhere than in a .pdf the header must open the file
    if raw.lstrip().startswith(b"%PDF-") or (named == "pdf" and b"%PDF-" in raw[:1024]):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "docx"
    if named in ("pdf", "docx"):
        kind = "PDF" if named == "pdf" else "Word document (a zip)"
        raise UnusableFile("W113", f"not a {kind}: the file does not start like one")
    if named == "html":
        return "html"
    text, _ = decode_article(raw)
    if looks_like_html(text):
        return "html"
    return "markdown" if named == "markdown" else "text"


def read_text(raw: bytes, path: Path) -> ReadText:  # noqa: ARG001 (every reader takes the path)
    text, note = decode_article(raw)
    return ReadText(text, "text", note)


def read_markdown(raw: bytes, path: Path) -> ReadText:  # noqa: ARG001 (every reader takes the path)
    text, note = decode_article(raw)
    return ReadText(strip_markdown(text), "markdown", note)


def _bounded(read: ReadText) -> ReadText:
    if read.converted and len(read.text) > MAX_TEXT_CHARS:
        raise UnusableFile("W105", f"its text is {len(read.text):,} characters, over the {MAX_TEXT_CHARS:,}-character "
                                   "limit")
    if not read.text.strip():
        raise UnusableFile("W107", "the file is empty")
    return read


# -- plain text ----------------------------------------------------------------

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


def decode_article(raw: bytes, page: bool = False) -> tuple[str, str]:
    """The article's text and a note ('' or the legacy encoding used). Raises InputError.

    A ``page`` (HTML) that is not UTF-8 is read in the charset it names, if it names one."""
    text = decode_marked(raw)
    note = ""
    if text is None:
        if b"\x00" in raw:
            raise UnusableFile("W106", "binary file (contains NUL bytes), not a text article")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, note = _decode_legacy(raw, _declared_charset(raw) if page else "")
    elif "\x00" in text:
        raise UnusableFile("W106", "binary file (contains NUL characters), not a text article")
    # Offsets in incidents.csv index this exact string: normalise newlines only.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnusableFile("W107", "the file is empty")
    return text, note


def decode_marked(raw: bytes) -> str | None:
    """Text that starts with a UTF-16 or UTF-32 byte order mark, else None. Raises InputError."""
    for mark, encoding, label in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw.decode(encoding)  # reads the mark for the byte order and drops it
            except UnicodeDecodeError as error:
                raise UnusableFile("W106", f"starts with a {label} byte order mark but is not valid {label} "
                                 f"({error.reason} at byte {error.start})") from None
    return None


def _decode_legacy(raw: bytes, declared: str = "") -> tuple[str, str]:
    """Pick the legacy encoding whose text looks like one script per word.

    Every byte decodes in both cp1256 and latin-1, so "does it decode" says
    nothing; but latin-1 text read as cp1256 puts Arabic letters inside Latin
    words ("Bogotل"), and Arabic text read as latin-1 has no Arabic at all.
    An HTML page that names its charset (``<meta charset="windows-1252">``) is read in it.
    """
    if declared:
        try:
            return raw.decode(declared), f"not UTF-8; decoded as {declared} (the page's charset)"
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = {encoding: raw.decode(encoding, errors="replace") for encoding in LEGACY_ENCODINGS}
    encoding = min(LEGACY_ENCODINGS, key=lambda name: (_mixed_script_words(decoded[name]), LEGACY_ENCODINGS.index(name)))
    return decoded[encoding], f"not UTF-8; decoded as {encoding}"


_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)


def _declared_charset(raw: bytes) -> str:
    found = _CHARSET.search(raw[:4096])
    if not found:
        return ""
    name = found.group(1).decode("ascii").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return ""
    return name


def _mixed_script_words(text: str) -> int:
    mixed = 0
    for word in text.split():
        has_arabic = any("\u0600" <= char <= "\u06ff" for char in word)
        has_latin = any(char.isascii() and char.isalpha() for char in word)
        mixed += has_arabic and has_latin
    return mixed


# -- markdown ------------------------------------------------------------------

# Line by line, so nothing joins two lines; each rule only removes marks around the words.
_MARKDOWN_RULES: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$", re.M), ""),  # a rule: ---, ***
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # "## Heading ##"
    (re.compile(r"^ {0,3}(?:> ?)+", re.M), ""),  # a quotation's marks
    (re.compile(r"^([ \t]*)[-*+][ \t]+", re.M), r"\1"),  # a list item's bullet
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # an image: its alt text
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # a link: its words, not its target
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # a reference link
    (re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),  # a reference's target
    (re.compile(r"(\*\*|__)(?=\S)([^\n]*?\S)\1"), r"\2"),  # **strong**, __strong__
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]*?\S)\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]*?\S)_(?!\w)"), r"\1"),  # _emphasis_ (not snake_case)
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # `code`
    (re.compile(r"^ {0,3}(?:```|~~~).*$", re.M), ""),  # a code fence
)


def strip_markdown(text: str) -> str:
    """Markdown's marks out, its words kept: "## **Doro** [attack](http://x)" -> "Doro attack"."""
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text


# -- HTML ----------------------------------------------------------------------

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG = re.compile(r"</(?:p|div|span|a|li|td|tr|table|h[1-6]|body|head|title|script|style|section|article|nav)>",
                       re.I)
MIN_HTML_TAGS = 10  # closing tags that make a text file a saved page ("<b>" in a quote does not)
# trafilatura falls back to whatever text a page has: a page of menus gives "Home World". A main
# text has a line of at least this many words (a sentence), which no menu or button has.
MIN_MAIN_WORDS = 6


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page: it opens like one, or has many closing tags."""
    head = text[:100_000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= MIN_HTML_TAGS


def read_html(raw: bytes, path: Path) -> ReadText:  # noqa: ARG001 (every reader takes the path)
    """The page's main text and metadata (trafilatura): no navigation, footer, script or tag."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):  # their notes on a page's flaws are not ours
        logging.getLogger(name).setLevel(logging.ERROR)
    page, note = decode_article(raw, page=True)
    document = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=True,
                                           include_images=False, include_links=False, deduplicate=False,
                                           config=_trafilatura_config())
    text = _html_text(_meta(document, "text", strip=False))
    if not any(len(line.split()) >= MIN_MAIN_WORDS for line in text.splitlines()):
        raise UnusableFile("W114", "an HTML page with no main text (navigation, scripts or boilerplate only)")
    return ReadText(text, "html", note, title=_meta(document, "title"), published=_date(_meta(document, "date")),
                    source=_meta(document, "sitename"), url=_meta(document, "url"))


def _html_text(text: str) -> str:
    """trafilatura's text with newlines normalised and the page's NULs (an error in HTML) dropped."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _meta(document, name: str, strip: bool = True) -> str:
    """A field of trafilatura's Document ('' when it has none)."""
    value = getattr(document, name, None)
    if not isinstance(value, str):
        return ""
    return value.strip() if strip else value


def _date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


_CONFIG = None


def _trafilatura_config():
    """trafilatura's defaults, but no signal-based timeout (it only works on a main thread) and a
    small minimum size, so a short wire item is still its main text."""
    global _CONFIG
    if _CONFIG is None:
        from trafilatura.settings import use_config

        config = use_config()
        config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
        config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
        config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")  # the page's own dates, not guesses
        _CONFIG = config
    return _CONFIG


# -- PDF -----------------------------------------------------------------------


def read_pdf(raw: bytes, path: Path) -> ReadText:  # noqa: ARG001 (every reader takes the path)
    """The PDF's text layer, page by page (pypdf). A PDF without one is a scan: W112."""
    if len(raw) > MAX_PDF_BYTES:
        raise UnusableFile("W105", f"{len(raw)} bytes is over the {MAX_PDF_BYTES}-byte PDF limit")
    # pypdf logs and warns about every repairable flaw of a file: those are not ours to print.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _pdf_text(raw)
        except UnusableFile:
            raise
        except Exception as error:  # noqa: BLE001 (a hostile PDF can break pypdf in any of its ways)
            raise UnusableFile("W113", f"not a readable PDF ({type(error).__name__}: {_short(error)})") from None


def _pdf_text(raw: bytes) -> ReadText:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(raw), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise UnusableFile("W113", "an encrypted PDF (a password is needed to read it)")
    pages: list[str] = []
    size = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PDF_PAGES:
            raise UnusableFile("W105", f"over {MAX_PDF_PAGES:,} pages, the PDF limit")
        text = (page.extract_text() or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
        size += len(text)
        if size > MAX_TEXT_CHARS:
            raise UnusableFile("W105", f"its text is over the {MAX_TEXT_CHARS:,}-character limit")
        pages.append(unwrap_lines(text))
    text = "\n\n".join(page for page in pages if page.strip())
    if not text.strip():
        raise UnusableFile("W112", f"no text layer (a scanned PDF?); skipped ({len(pages)} page"
                                   f"{'' if len(pages) == 1 else 's'}, no text on any)", whole=True)
    title = reader.metadata.title if reader.metadata is not None else None
    return ReadText(text, "pdf", title=title.strip() if isinstance(title, str) else "", published=_pdf_date(reader))


def _pdf_date(reader) -> dt.date | None:
    """The day the PDF was made (its /CreationDate): a situation report or flash update is made
    the day it is published, so it dates "on Tuesday" when no sidecar says otherwise."""
    try:
        made = reader.metadata.creation_date if reader.metadata is not None else None
    except Exception:  # noqa: BLE001 (a malformed date string: no date, the text is still read)
        return None
    return made.date() if isinstance(made, dt.datetime) else None


# -- Word documents ------------------------------------------------------------


def read_docx(raw: bytes, path: Path) -> ReadText:  # noqa: ARG001 (every reader takes the path)
    """A Word document's paragraphs and tables in order (python-docx), after a zip-bomb check."""
    _check_docx_zip(raw)
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
        blocks = [_block_text(block) for block in document.iter_inner_content()]
        title = document.core_properties.title or ""
    except UnusableFile:
        raise
    except Exception as error:  # noqa: BLE001 (a broken zip or XML can fail in python-docx's many ways)
        raise UnusableFile("W113", f"not a readable Word document ({type(error).__name__}: {_short(error)})") from None
    text = "\n".join(block for block in blocks if block.strip())
    return ReadText(text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", ""), "docx", title=title.strip())


def _check_docx_zip(raw: bytes) -> None:
    """A zip whose declared sizes are bounded and which holds a Word document's body."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise UnusableFile("W113", f"not a readable Word document (a broken zip: {_short(error)})") from None
    if len(members) > MAX_DOCX_MEMBERS:
        raise UnusableFile("W105", f"a zip of {len(members):,} files, over the {MAX_DOCX_MEMBERS:,}-file limit")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_DOCX_UNPACKED:
        raise UnusableFile("W105", f"unpacks to {unpacked:,} bytes, over the {MAX_DOCX_UNPACKED:,}-byte limit "
                                   "(a zip bomb?)")
    if "word/document.xml" not in {member.filename for member in members}:
        raise UnusableFile("W113", "a zip that is not a Word document (no word/document.xml)")


def _block_text(block) -> str:
    """A paragraph's text; a table's rows, one a line, cells joined by tabs."""
    rows = getattr(block, "rows", None)
    if rows is None:
        return block.text
    return "\n".join("\t".join(cell.text.replace("\n", " ") for cell in row.cells) for row in rows)


def _short(error: BaseException, limit: int = 120) -> str:
    message = str(error) or type(error).__name__
    return message if len(message) <= limit else message[:limit] + "…"


Reader = Callable[[bytes, Path], ReadText]

# The readers by format: ``sniff`` names one, ``read_document`` calls it.
READERS: dict[str, Reader] = {"text": read_text, "markdown": read_markdown, "html": read_html, "pdf": read_pdf,
                              "docx": read_docx}
