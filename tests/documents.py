"""Documents an analyst saves, made on the fly for tests: a web page as a browser saves it and a
PDF report with a text layer, each written by hand here (no converter of ours makes them)."""

from __future__ import annotations

import html
import zlib


def saved_page(title: str, published: str, url: str, site: str, paragraphs: list[str]) -> str:
    """A news page as "Save page as…" keeps it: metadata in <head>, the story in <article>,
    and the furniture around it (menu, script, related links, footer) that must not become quotes."""
    story = "\n".join(f"<p>{html.escape(text)}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {html.escape(site)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta property="og:url" content="{html.escape(url)}">
<meta property="article:published_time" content="{published}T09:30:00Z">
<script>window.analytics = {{track: function () {{}}}};</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe now</a></li></ul></nav>
<main><article>
<h1>{html.escape(title)}</h1>
<p class="byline">By Staff Reporter, {published}</p>
{story}
</article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Floods in the capital</a></li>
<li><a href="/b">Markets close higher</a></li></ul></aside></main>
<footer><p>Copyright {html.escape(site)}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def _pdf_string(text: str) -> bytes:
    """A PDF literal string in WinAnsi (latin-1 here): backslash and parentheses escaped."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1", "replace") + b")"


def text_pdf(lines: list[str], compress: bool = True, made: str = "", title: str = "") -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, one line each), as a report
    exported from a word processor is: text a reader can select, in reading order. ``made``
    (YYYYMMDD) and ``title`` go in its document information (/CreationDate, /Title)."""
    ops = [b"BT", b"/F1 11 Tf", b"14 TL", b"50 790 Td"]
    for line in lines:
        ops += [_pdf_string(line) + b" Tj", b"T*"]
    ops.append(b"ET")
    content = b"\n".join(ops)
    stream_dict = b"<< /Length %d >>" % len(content)
    if compress:
        content = zlib.compress(content)
        stream_dict = b"<< /Length %d /Filter /FlateDecode >>" % len(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_dict + b"\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    info = b""
    if made or title:
        info = b"<< " + (b"/CreationDate (D:%s120000Z) " % made.encode() if made else b"") + \
            (b"/Title " + _pdf_string(title) if title else b"") + b" >>"
        objects.append(info)
    return _pdf_file(objects, info=len(objects) if info else 0)


def _pdf_file(objects: list[bytes], info: int = 0) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    info_ref = b" /Info %d 0 R" % info if info else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, info_ref, xref)
    return bytes(out)
