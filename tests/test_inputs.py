"""Seeds in other formats than plain text (issue 13, "Inputs"): read by content, not by name.

Every file here is made on the fly. A file that gives no article is named with its reason in
the build's summary, and the rest of the folder is still built; every quote is verifiable in
data/texts/<article>.txt.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from documents import text_pdf
from mapper.articles import load_articles
from mapper.cli import cli
from mapper.readers import MAX_DOCX_UNPACKED, looks_like_html, strip_markdown

GOMA = "Gunmen killed three people in Goma on Monday, residents said."
KHARKIV = "Shelling killed four civilians in Kharkiv on Tuesday, officials said."
BUNIA = "Militiamen killed seven villagers near Bunia on Wednesday, a local official said."

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Goma attack | Kivu Daily</title>
<meta property="og:title" content="Three killed in Goma attack">
<meta property="article:published_time" content="2024-05-15T08:00:00Z">
<meta property="og:url" content="https://kivu-daily.example/goma-attack">
<meta property="og:site_name" content="Kivu Daily">
<script>var note = "Rebels killed 99 people in Kisangani on Friday.";</script>
<style>p { color: black }</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">NAVLINK Soldiers killed 50 people in Uvira</a></li></ul></nav>
<article><h1>Three killed in Goma attack</h1>
<p>{body}</p>
<p>The attack was the third in the province this month, and residents who fled said they feared more
violence in the coming days as the security situation worsened.</p>
</article>
<footer><p>FOOTERTEXT Copyright Kivu Daily. Rebels killed 40 people in Beni, our archive says.</p></footer>
</body></html>
"""

ARABIC_PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>هجوم</title></head><body>
<article><p>قتل مسلحون ثلاثة أشخاص في مدينة غوما يوم الاثنين، بحسب ما قاله سكان محليون للصحفيين. وقال مسؤولون إن
الهجوم هو الثالث في المنطقة هذا الشهر، وإن السكان فروا من منازلهم خوفا من هجمات جديدة.</p></article></body></html>
"""


# -- making the files --------------------------------------------------------


def html_page(body: str = GOMA) -> str:
    return PAGE.replace("{body}", body)


def pdf_with_text(*lines: str) -> bytes:
    return text_pdf(list(lines), compress=False)


def scanned_pdf() -> bytes:
    """A PDF of two pages and no text layer, as a scanner makes (images only; here blank pages)."""
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def word_document(*paragraphs: str, title: str = "") -> bytes:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


# -- running -----------------------------------------------------------------


def build(tmp_path: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data"),
                                      "--maps", str(tmp_path / "maps"), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def seeds(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def rows(tmp_path: Path) -> list[dict]:
    found = []
    for name in ("incidents.csv", "aggregates.csv"):
        with open(tmp_path / "data" / name, encoding="utf-8", newline="") as handle:
            found += list(csv.DictReader(handle))
    return found


def by_article(tmp_path: Path) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows(tmp_path):
        grouped.setdefault(row["article"], []).append(row)
    return grouped


def warning_for(output: str, name: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("  - ") and f"/{name}:" in line]
    assert len(lines) == 1, (name, output)
    return lines[0]


def kept_text(tmp_path: Path, article: str) -> str:
    return (tmp_path / "data" / "texts" / f"{article}.txt").read_bytes().decode("utf-8")


# -- the formats ---------------------------------------------------------------


def test_an_html_page_gives_its_main_text_and_its_own_metadata(tmp_path):
    seeds(tmp_path, {"page.html": html_page()})
    [article], warnings = load_articles(tmp_path / "seeds")
    assert warnings == []
    assert GOMA in article.text
    for junk in ("<", "NAVLINK", "FOOTERTEXT", "Kisangani", "color: black"):
        assert junk not in article.text, junk
    assert article.title == "Three killed in Goma attack"
    assert article.published == dt.date(2024, 5, 15)
    assert article.url == "https://kivu-daily.example/goma-attack"
    assert article.source == "Kivu Daily"


def test_a_sidecar_field_wins_over_the_page_and_the_page_fills_the_rest(tmp_path):
    seeds(tmp_path, {"page.html": html_page(),
                     "page.meta.json": json.dumps({"title": "Sidecar title", "published": "2024-05-20"})})
    [article], _ = load_articles(tmp_path / "seeds")
    assert (article.title, article.published) == ("Sidecar title", dt.date(2024, 5, 20))
    assert (article.source, article.url) == ("Kivu Daily", "https://kivu-daily.example/goma-attack")


def test_an_html_incident_is_quoted_without_tags_or_navigation_and_dated_by_the_page(tmp_path):
    seeds(tmp_path, {"page.html": html_page()})
    build(tmp_path, "--workers", "1")
    [incident] = [row for row in rows(tmp_path) if "Goma" in row["quote"]]
    assert incident["quote"].startswith("Gunmen killed three people in Goma")
    assert "<" not in incident["quote"] and "NAVLINK" not in incident["quote"]
    assert incident["fatalities"] == "3"
    assert incident["event_date"] == "2024-05-13"  # "on Monday" before the page's 2024-05-15 (a Wednesday)
    assert not any(place in row["quote"] for row in rows(tmp_path) for place in ("Uvira", "Beni", "Kisangani"))


def test_every_format_gives_its_incident_and_every_quote_is_in_the_kept_text(tmp_path):
    seeds(tmp_path, {
        "plain.txt": GOMA + "\n",
        "report.pdf": pdf_with_text(KHARKIV, "The toll was expected to rise."),
        "memo.docx": word_document("Situation report", BUNIA, title="Ituri memo"),
        "notes.md": f"# Situation in **Goma**\n\n- {KHARKIV.replace('Kharkiv', '[Kharkiv](https://example.org/k)')}\n",
        "saved_page.txt": html_page(BUNIA),
        "UPPER.HTML": html_page(KHARKIV),
    })
    output = build(tmp_path, "--workers", "2")
    assert "warnings" not in output, output
    found = by_article(tmp_path)
    assert sorted(found) == ["UPPER", "memo", "notes", "plain", "report", "saved_page"]
    expected = {"plain": "Goma", "report": "Kharkiv", "memo": "Bunia", "notes": "Kharkiv", "saved_page": "Bunia",
                "UPPER": "Kharkiv"}
    for article, place in expected.items():
        assert any(place in row["quote"] for row in found[article]), (article, found[article])
    for article, incidents in found.items():
        text = kept_text(tmp_path, article)
        for row in incidents:
            assert text[int(row["quote_start"]):int(row["quote_end"])] == row["quote"], (article, row["quote"])
    assert "<" not in kept_text(tmp_path, "saved_page") and "NAVLINK" not in kept_text(tmp_path, "UPPER")
    notes = kept_text(tmp_path, "notes")
    assert "**" not in notes and "https://example.org" not in notes and "#" not in notes and "Goma" in notes
    assert "Ituri memo" == load_articles(tmp_path / "seeds")[0][1].title


def test_a_second_build_is_byte_identical_and_a_removed_article_loses_its_text(tmp_path):
    seeds(tmp_path, {"plain.txt": GOMA + "\n", "page.html": html_page(KHARKIV)})
    build(tmp_path, "--workers", "1")
    first = {path.relative_to(tmp_path): path.read_bytes() for folder in ("data", "maps")
             for path in sorted((tmp_path / folder).rglob("*")) if path.is_file() and ".lock" not in path.name}
    assert Path("data/texts/page.txt") in first and Path("data/texts/plain.txt") in first
    build(tmp_path, "--workers", "1")
    second = {path.relative_to(tmp_path): path.read_bytes() for folder in ("data", "maps")
              for path in sorted((tmp_path / folder).rglob("*")) if path.is_file() and ".lock" not in path.name}
    assert second == first
    (tmp_path / "seeds" / "page.html").unlink()
    build(tmp_path, "--workers", "1")
    assert sorted(p.name for p in (tmp_path / "data" / "texts").iterdir()) == ["plain.txt"]


# -- bad input: each named with its file, the rest built, nothing saved lost ----------------------------


def test_bad_files_are_each_named_and_the_rest_of_the_folder_is_built(tmp_path):
    seeds(tmp_path, {"good.txt": GOMA + "\n"})
    build(tmp_path, "--workers", "1")
    seeds(tmp_path, {
        "scan.pdf": scanned_pdf(),
        "corrupt.pdf": b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\n\x00\x9f\x13garbage" * 20,
        "empty_page.html": "<!DOCTYPE html><html><head><script>var a = 'Rebels killed 9 in Beni';</script></head>"
                           "<body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "not_word.docx": zip_of({"hello.txt": b"Hello", "images/a.png": b"\x89PNG\r\n"}),
        "binary.html": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 10,
        "feed.rss": "<rss><channel><item><title>Gunmen killed 5 in Beni</title></item></channel></rss>",
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF",
        "arabic.html": ARABIC_PAGE,
        "blank.md": "   \n\n",
    })
    output = build(tmp_path, "--workers", "1")
    assert "no text layer (a scanned PDF?); skipped" in warning_for(output, "scan.pdf")
    assert "W112" in warning_for(output, "scan.pdf")
    assert "W113" in warning_for(output, "corrupt.pdf") and "PDF" in warning_for(output, "corrupt.pdf")
    assert "W114" in warning_for(output, "empty_page.html") and "no main text" in warning_for(output, "empty_page.html")
    assert "W113" in warning_for(output, "not_word.docx") and "not a Word document" in warning_for(output, "not_word.docx")
    assert "W106" in warning_for(output, "binary.html") and "binary" in warning_for(output, "binary.html")
    for name, extension in (("feed.rss", ".rss"), ("photo.jpg", ".jpg")):
        assert "W111" in warning_for(output, name) and repr(extension) in warning_for(output, name)
    assert "W204" in warning_for(output, "arabic.html") and "Arabic" in warning_for(output, "arabic.html")
    assert "W107" in warning_for(output, "blank.md") and "empty" in warning_for(output, "blank.md")
    assert sorted(by_article(tmp_path)) == ["good"]  # the Arabic page is read (its places listed), not mined
    assert (tmp_path / "data" / "texts" / "arabic.txt").exists()
    assert not any(row["article"] == "arabic" for row in rows(tmp_path))
    assert sorted(p.name for p in (tmp_path / "data" / "texts").iterdir()) == ["arabic.txt", "good.txt"]
    assert (tmp_path / "maps" / "incident_map.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_sidecar_is_never_named_as_an_unread_file(tmp_path):
    seeds(tmp_path, {"good.txt": GOMA + "\n", "good.meta.json": json.dumps({"published": "2024-05-15"}),
                     "orphan.META.JSON": "{}"})
    output = build(tmp_path, "--workers", "1")
    assert "W111" not in output


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = zip_of({"word/document.xml": b"<w:document/>", "word/media/fill.bin": b"\x00" * (MAX_DOCX_UNPACKED + 1)})
    assert len(bomb) < 1_000_000  # a small file that would unpack to over 50 MB
    seeds(tmp_path, {"good.txt": GOMA + "\n", "bomb.docx": bomb})
    output = build(tmp_path, "--workers", "1")
    assert "W105" in warning_for(output, "bomb.docx") and "zip bomb" in warning_for(output, "bomb.docx")
    assert sorted(by_article(tmp_path)) == ["good"]


def test_a_pdf_under_another_name_is_read_by_its_content(tmp_path):
    seeds(tmp_path, {"report.txt": pdf_with_text(KHARKIV)})
    [article], warnings = load_articles(tmp_path / "seeds")
    assert KHARKIV in article.text and warnings == []


@pytest.mark.parametrize("text, is_page", [
    ("<!doctype html><html><body><p>x</p></body></html>", True),
    ("  <HTML><p>x</p></HTML>", True),
    ("<div>" + "<p>Gunmen killed three.</p>" * 12 + "</div>", True),
    ("A banner read <b>no war</b> and the crowd </p> dispersed.", False),
    (GOMA, False),
])
def test_html_saved_as_text_is_told_by_its_tags(text, is_page):
    assert looks_like_html(text) is is_page


def test_markdown_marks_are_taken_out_and_its_words_kept():
    assert strip_markdown("## **Doro** attack ##") == "Doro attack"
    assert strip_markdown("> *Gunmen* killed [three people](http://x.example/a) in `Goma`.") == \
        "Gunmen killed three people in Goma."
    assert strip_markdown("- snake_case_name stays, _this_ goes") == "snake_case_name stays, this goes"


def test_a_converted_text_over_the_bound_is_named_and_skipped(tmp_path, monkeypatch):
    import mapper.readers

    monkeypatch.setattr(mapper.readers, "MAX_TEXT_CHARS", 100)
    seeds(tmp_path, {"long.html": html_page(), "plain.txt": GOMA + " " + KHARKIV + "\n"})
    articles, warnings = load_articles(tmp_path / "seeds")
    assert [a.id for a in articles] == ["plain"]  # a plain text is bounded by its bytes, as before
    [warning] = warnings
    assert warning.code == "W105" and warning.path.endswith("long.html") and "100-character" in warning.message


def test_a_folder_in_seeds_is_named_as_not_read(tmp_path):
    seeds(tmp_path, {"good.txt": GOMA + "\n"})
    (tmp_path / "seeds" / "archive").mkdir()
    articles, warnings = load_articles(tmp_path / "seeds")
    assert [a.id for a in articles] == ["good"]
    [warning] = warnings
    assert warning.code == "W111" and warning.path.endswith("archive") and "a folder" in warning.message


def test_two_formats_of_one_article_are_one_article_and_the_other_is_named(tmp_path):
    seeds(tmp_path, {"goma.html": html_page(), "goma.txt": KHARKIV + "\n"})
    [article], [warning] = load_articles(tmp_path / "seeds")
    assert article.path.endswith("goma.html") and GOMA in article.text
    assert warning.code == "W109" and warning.path.endswith("goma.txt") and "goma.html" in warning.message


def test_a_pdf_reports_lines_are_read_as_sentences_and_its_creation_day_dates_it(tmp_path):
    # a situation report prints a sentence over two lines; the day it was made (no sidecar) dates "on Tuesday"
    seeds(tmp_path, {"flash-update.pdf": text_pdf([
        "Flash Update No. 3: Kharkiv oblast",
        "On Tuesday, shelling hit a residential block in Kharkiv, killing four civilians, including",
        "two children, and damaging a school, according to the regional administration.",
    ], made="20240605")})  # a Wednesday
    build(tmp_path, "--workers", "1")
    [incident] = rows(tmp_path)
    assert incident["quote"] == ("On Tuesday, shelling hit a residential block in Kharkiv, killing four civilians, "
                                 "including two children, and damaging a school, according to the regional "
                                 "administration.")
    assert (incident["location"], incident["fatalities"], incident["event_date"]) == ("Kharkiv", "4", "2024-06-04")
