"""Reading the seeds folder: every problem named, the rest of the folder read."""

import datetime as dt
import json

import pytest

from mapper.articles import load_articles
from mapper.errors import InputError


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_reads_text_and_sidecar(tmp_path):
    write(tmp_path, "a.txt", "Shelling hit Kharkiv on Monday.\r\n")
    write(tmp_path, "a.meta.json", json.dumps({"published": "2024-05-13", "title": "T", "source": "S", "url": "https://x"}))
    [article], warnings = load_articles(tmp_path)
    assert article.id == "a" and article.text == "Shelling hit Kharkiv on Monday.\n"
    assert article.published == dt.date(2024, 5, 13) and (article.title, article.source, article.url) == ("T", "S", "https://x")
    assert warnings == []


def test_bom_and_legacy_encodings_are_decoded_with_a_named_warning(tmp_path):
    write(tmp_path, "bom.txt", "\ufeffAleppo".encode("utf-8"))
    write(tmp_path, "arabic.txt", "قصف في حلب".encode("cp1256"))
    articles, warnings = load_articles(tmp_path)
    texts = {a.id: a.text for a in articles}
    assert texts == {"arabic": "قصف في حلب", "bom": "Aleppo"}
    assert len(warnings) == 1 and "arabic.txt" in warnings[0].path and "cp1256" in warnings[0].message


def test_bad_files_are_named_and_skipped(tmp_path):
    write(tmp_path, "good.txt", "Clashes in Goma.")
    write(tmp_path, "blank.txt", "  \n")
    write(tmp_path, "binary.txt", b"\x89PNG\x00\x01")
    (tmp_path / "folder.txt").mkdir()
    articles, warnings = load_articles(tmp_path)
    assert [a.id for a in articles] == ["good"]
    reasons = {w.path.rsplit("/", 1)[-1]: w.message for w in warnings}
    assert "empty" in reasons["blank.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "directory" in reasons["folder.txt"]


def test_bad_sidecars_are_named_and_the_article_kept_without_a_date(tmp_path):
    write(tmp_path, "a.txt", "Clashes in Goma.")
    write(tmp_path, "a.meta.json", "{not json")
    write(tmp_path, "b.txt", "Clashes in Goma.")
    write(tmp_path, "b.meta.json", json.dumps({"published": "2024-02-31"}))
    articles, warnings = load_articles(tmp_path)
    assert [(a.id, a.published) for a in articles] == [("a", None), ("b", None)]
    assert any("a.meta.json" in w.path and "JSON" in w.message for w in warnings)
    assert any("b.meta.json" in w.path and "2024-02-31" in w.message for w in warnings)


def test_missing_folder_is_an_error_naming_it(tmp_path):
    with pytest.raises(InputError, match="nowhere"):
        load_articles(tmp_path / "nowhere")


def test_latin1_text_is_not_mistaken_for_arabic(tmp_path):
    write(tmp_path, "fr.txt", "Des affrontements à Bogotá et à Médina ont fait trois morts.".encode("latin-1"))
    [article], warnings = load_articles(tmp_path)
    assert article.text == "Des affrontements à Bogotá et à Médina ont fait trois morts."
    assert "latin-1" in warnings[0].message
