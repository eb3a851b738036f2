"""The seeds folder as a hostile source or an unlucky analyst fills it (issue #9).

Every case is a red-team input that crashed, hung or leaked on the code before
this file: each one is now named in a one-line warning (file, and field where
there is one, and the reason), and the rest of the folder is still mapped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.articles import MAX_FIELD_CHARS, MAX_SIDECAR_BYTES, load_articles, printable
from mapper.cli import cli

# One incident at a place the offline gazetteer knows, so every build maps something.
GOOD = "Gunmen killed three people in Goma on Monday, residents said.\n"
# Text that must never reach an output when its file is not to be read.
PRIVATE = "PRIVATEDIARY Shelling killed four people in Kharkiv on Tuesday, officials said.\n"


def make_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text(GOOD, encoding="utf-8")
    return seeds


def build(tmp_path: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data"),
                                      "--maps", str(tmp_path / "maps"), "--workers", "1", *extra])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def outputs_text(tmp_path: Path) -> str:
    """Every output file, decoded strictly as UTF-8 (a lone surrogate or stray byte fails here)."""
    texts = []
    for folder in ("data", "maps"):
        for path in sorted((tmp_path / folder).glob("*")):
            if path.is_file() and not path.name.startswith("."):
                texts.append(path.read_bytes().decode("utf-8"))
    return "\n".join(texts)


def warning_lines(output: str, name: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("  - ") and name in line]


def article_ids(tmp_path: Path) -> set[str]:
    import csv

    with open(tmp_path / "data" / "incidents.csv", encoding="utf-8", newline="") as handle:
        return {row["article"] for row in csv.DictReader(handle)}


def finishes(function, fifos: list[Path], seconds: float = 120):
    """Run ``function`` in a thread; if it blocks on a FIFO, unblock it and fail instead of hanging."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # noqa: BLE001 - reported in the test thread
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        for fifo in fifos:  # a writer that opens and closes gives the blocked reader end-of-file
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        thread.join(30)
        pytest.fail(f"reading the seeds folder blocked on a FIFO for {seconds} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# -- 1. symbolic links -----------------------------------------------------------


def test_link_to_a_private_file_outside_seeds_is_skipped_and_named(tmp_path):
    seeds = make_seeds(tmp_path)
    private = tmp_path / "private" / "diary.txt"
    private.parent.mkdir()
    private.write_text(PRIVATE, encoding="utf-8")
    (seeds / "leak.txt").symlink_to(private)
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "leak.txt")
    assert "symbolic link" in line and "outside" in line and "--follow-symlinks" in line
    assert "PRIVATEDIARY" not in outputs_text(tmp_path)
    assert article_ids(tmp_path) == {"good"}


def test_link_to_etc_passwd_is_skipped_and_named(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "passwd.txt")
    assert "symbolic link" in line and "outside" in line
    assert "root:" not in outputs_text(tmp_path)


def test_link_that_stays_inside_seeds_is_read_and_named(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "archive").mkdir()
    (seeds / "archive" / "kharkiv.text").write_text(PRIVATE, encoding="utf-8")
    (seeds / "linked.txt").symlink_to(Path("archive") / "kharkiv.text")
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "linked.txt")
    assert "read through a symbolic link to" in line and "kharkiv.text" in line
    assert article_ids(tmp_path) == {"good", "linked"}


def test_follow_symlinks_reads_a_link_outside_seeds_and_names_it(tmp_path):
    seeds = make_seeds(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(PRIVATE, encoding="utf-8")
    (seeds / "outside.txt").symlink_to(outside)
    code, output = build(tmp_path, "--follow-symlinks")
    assert code == 0
    [line] = warning_lines(output, "outside.txt")
    assert "read through a symbolic link to" in line and "elsewhere.txt" in line
    assert "PRIVATEDIARY" in outputs_text(tmp_path)


def test_sidecar_link_outside_seeds_is_skipped_and_named(tmp_path):
    seeds = make_seeds(tmp_path)
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps({"title": "SECRETTITLE"}), encoding="utf-8")
    (seeds / "good.meta.json").symlink_to(outside)
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "good.meta.json")
    assert "symbolic link" in line and "outside" in line
    assert "SECRETTITLE" not in outputs_text(tmp_path)


def test_dangling_link_is_named(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "gone.txt").symlink_to(seeds / "nowhere.txt")
    articles, warnings = load_articles(seeds)
    assert [a.id for a in articles] == ["good"]
    [warning] = [w for w in warnings if "gone.txt" in w.path]
    assert "missing" in warning.message


@pytest.mark.parametrize("command", ["build", "extract", "geocode", "map"])
def test_every_command_that_reads_seeds_takes_follow_symlinks(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "--follow-symlinks" in result.output


def test_map_command_applies_the_same_link_rule_to_sidecars(tmp_path):
    seeds = make_seeds(tmp_path)
    assert build(tmp_path)[0] == 0
    outside = tmp_path / "secret.json"
    outside.write_text(json.dumps({"title": "SECRETTITLE"}), encoding="utf-8")
    (seeds / "good.meta.json").symlink_to(outside)
    result = CliRunner().invoke(cli, ["map", "--seeds", str(seeds), "--data", str(tmp_path / "data"),
                                      "--maps", str(tmp_path / "maps")])
    assert result.exit_code == 0, result.output
    assert warning_lines(result.output, "good.meta.json")
    assert "SECRETTITLE" not in outputs_text(tmp_path)


# -- 2. FIFOs, devices, sockets --------------------------------------------------


def test_fifo_as_article_is_skipped_by_type_without_hanging(tmp_path):
    seeds = make_seeds(tmp_path)
    fifo = seeds / "pipe.txt"
    os.mkfifo(fifo)
    code, output = finishes(lambda: build(tmp_path), [fifo])
    assert code == 0
    [line] = warning_lines(output, "pipe.txt")
    assert "FIFO" in line
    assert article_ids(tmp_path) == {"good"}


def test_fifo_as_sidecar_is_skipped_by_type_and_the_article_kept(tmp_path):
    seeds = make_seeds(tmp_path)
    fifo = seeds / "good.meta.json"
    os.mkfifo(fifo)
    code, output = finishes(lambda: build(tmp_path), [fifo])
    assert code == 0
    [line] = warning_lines(output, "good.meta.json")
    assert "FIFO" in line
    assert article_ids(tmp_path) == {"good"}


def test_socket_as_article_is_skipped_by_type(tmp_path):
    seeds = make_seeds(tmp_path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(seeds / "sock.txt"))
        articles, warnings = finishes(lambda: load_articles(seeds), [])
    finally:
        server.close()
    assert [a.id for a in articles] == ["good"]
    [warning] = [w for w in warnings if "sock.txt" in w.path]
    assert "socket" in warning.message.replace(warning.path, "")


def test_followed_link_to_a_device_is_skipped_by_type(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "null.txt").symlink_to("/dev/null")
    articles, warnings = load_articles(seeds, follow_symlinks=True)
    assert [a.id for a in articles] == ["good"]
    [warning] = [w for w in warnings if "null.txt" in w.path]
    assert "character device" in warning.message


def test_sidecar_that_is_a_directory_is_named_as_such(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "good.meta.json").mkdir()
    [article], warnings = load_articles(seeds)
    assert article.id == "good"
    [warning] = warnings
    assert "directory" in warning.message and "JSON" not in warning.message


# -- 3. extensions ---------------------------------------------------------------


def test_upper_and_mixed_case_extensions_are_read_in_name_order(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "upper.TXT").write_text(GOOD, encoding="utf-8")
    (seeds / "mixed.Txt").write_text(GOOD, encoding="utf-8")
    (seeds / "notes.md").write_text(GOOD, encoding="utf-8")  # markdown is an article too (issue 13)
    (seeds / "notes.csv").write_text(GOOD, encoding="utf-8")
    articles, warnings = load_articles(seeds)
    assert [a.id for a in articles] == ["good", "mixed", "notes", "upper"]
    [warning] = warnings
    assert warning.code == "W111" and warning.path.endswith("notes.csv") and "'.csv'" in warning.message


def test_upper_case_sidecar_is_found(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "good.META.JSON").write_text(json.dumps({"published": "2024-05-13", "title": "Goma"}), encoding="utf-8")
    [article], warnings = load_articles(seeds)
    assert (article.published, article.title) == (dt.date(2024, 5, 13), "Goma")


def test_two_files_with_the_same_article_id_are_named_and_one_is_read(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "good.TXT").write_text(PRIVATE, encoding="utf-8")
    articles, warnings = load_articles(seeds)
    assert [(a.id, a.text) for a in articles] == [("good", GOOD)]
    [warning] = warnings
    assert "good.TXT" in warning.path and "good.txt" in warning.message and "same article id" in warning.message


# -- 4. file names ---------------------------------------------------------------


def test_file_name_that_is_not_utf8_gets_a_safe_id_and_is_named(tmp_path):
    seeds = make_seeds(tmp_path)
    raw = os.fsencode(seeds) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(GOOD.encode("utf-8"))
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "caf\\xe9.txt")
    assert "UTF-8" in line
    assert article_ids(tmp_path) == {"good", "caf\\xe9"}
    outputs_text(tmp_path)  # every output is valid UTF-8


@pytest.mark.parametrize("name", ["\x1b]0;pwned\x07.txt", "\x1b[31mred.txt", "back\x9bspace.txt", "rtl\u202etxt.exe.txt"])
def test_control_characters_in_file_names_are_escaped_when_printed(tmp_path, name):
    seeds = make_seeds(tmp_path)
    (seeds / name).write_text("", encoding="utf-8")  # empty: its warning prints the name
    code, output = build(tmp_path)
    assert code == 0
    assert not any(char in output for char in "\x1b\x07\x9b\u202e")
    [line] = warning_lines(output, printable(name))
    assert "empty" in line


def test_control_characters_in_a_good_file_name_do_not_reach_the_article_id(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "\x1b[31mred.txt").write_text(GOOD, encoding="utf-8")
    code, output = build(tmp_path)
    assert code == 0 and "\x1b" not in output
    assert article_ids(tmp_path) == {"good", "\\x1b[31mred"}
    assert "\x1b" not in outputs_text(tmp_path)


# -- 5. sidecars -----------------------------------------------------------------


def write_sidecar(seeds: Path, document: str | bytes) -> None:
    path = seeds / "good.meta.json"
    path.write_bytes(document if isinstance(document, bytes) else document.encode("utf-8"))


def test_sidecar_over_the_size_limit_is_named_and_ignored(tmp_path):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, json.dumps({"title": "HUGE" * (MAX_SIDECAR_BYTES // 4 + 1)}))
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "good.meta.json")
    assert "limit" in line
    assert "HUGEHUGE" not in outputs_text(tmp_path)
    assert article_ids(tmp_path) == {"good"}


def test_sidecar_nested_100000_deep_is_named_and_ignored(tmp_path):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, '{"title": "T", "extra": ' + "[" * 100_000 + "]" * 100_000 + "}")
    code, output = build(tmp_path)
    assert code == 0
    [line] = warning_lines(output, "good.meta.json")
    assert "nested" in line
    assert article_ids(tmp_path) == {"good"}


def test_lone_surrogate_in_a_sidecar_field_is_replaced_and_named(tmp_path):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, '{"title": "bad \\ud800 title", "source": "ok \\ud83d\\ude00"}')
    [article], warnings = load_articles(seeds)
    assert article.title == "bad \ufffd title" and article.source == "ok \U0001f600"
    [warning] = warnings
    assert "'title'" in warning.message and "surrogate" in warning.message
    code, output = build(tmp_path)
    assert code == 0 and warning_lines(output, "good.meta.json")
    outputs_text(tmp_path)  # every output is valid UTF-8


def test_null_sidecar_fields_are_absent_not_none(tmp_path):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, json.dumps({"published": None, "title": None, "source": None, "url": None}))
    [article], warnings = load_articles(seeds)
    assert (article.published, article.title, article.source, article.url) == (None, "", "", "")
    assert warnings == []
    assert build(tmp_path)[0] == 0
    assert '"None"' not in (tmp_path / "maps" / "incidents.geojson").read_text(encoding="utf-8")


@pytest.mark.parametrize("field, value", [("title", 12), ("source", ["Reuters"]), ("url", {"href": "https://x"}),
                                          ("title", True), ("published", 20240513)])
def test_non_text_sidecar_fields_are_named_and_ignored(tmp_path, field, value):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, json.dumps({field: value}))
    [article], warnings = load_articles(seeds)
    assert getattr(article, field) in ("", None)
    [warning] = warnings
    assert f"'{field}'" in warning.message and "good.meta.json" in warning.path


@pytest.mark.parametrize("field", ["title", "source"])
def test_overlong_title_and_source_are_truncated_with_a_warning(tmp_path, field):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, json.dumps({field: "x" * 500_000}))
    [article], warnings = load_articles(seeds)
    assert 0 < len(getattr(article, field)) <= MAX_FIELD_CHARS[field]
    [warning] = warnings
    assert f"'{field}'" in warning.message and "500000" in warning.message.replace(",", "")


def test_overlong_url_is_dropped_with_a_warning(tmp_path):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, json.dumps({"url": "https://example.org/" + "a" * 10_000}))
    [article], warnings = load_articles(seeds)
    assert article.url == ""  # a cut URL is a wrong link
    [warning] = warnings
    assert "'url'" in warning.message


def test_a_long_title_does_not_multiply_into_the_outputs(tmp_path):
    seeds = make_seeds(tmp_path)
    write_sidecar(seeds, json.dumps({"title": "T" * 900_000}))
    code, output = build(tmp_path)
    assert code == 0 and warning_lines(output, "good.meta.json")
    assert "T" * (MAX_FIELD_CHARS["title"] + 1) not in outputs_text(tmp_path)


@pytest.mark.parametrize("published, sentence", [
    ("0001-01-01", "The previous day, shelling killed two people in Goma."),
    ("9999-12-31", "Two days later, shelling killed two people in Goma."),
])
def test_extreme_published_dates_are_read_and_do_not_stop_a_build(tmp_path, published, sentence):
    # The sidecar keeps these real dates; the phrase resolved against them leaves
    # the range Python's dates can hold (the extraction side is in test_security_extract.py).
    seeds = make_seeds(tmp_path)
    (seeds / "good.txt").write_text(GOOD + sentence + "\n", encoding="utf-8")
    write_sidecar(seeds, json.dumps({"published": published}))
    [article], warnings = load_articles(seeds)
    assert article.published == dt.date.fromisoformat(published) and warnings == []
    code, output = build(tmp_path)
    assert code == 0, output
    assert article_ids(tmp_path) == {"good"}


# -- 6. encodings ----------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path, encoding):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "wide.txt").write_bytes(("\ufeff" + GOOD + "قصف في حلب\r\n").encode(encoding))
    [article], warnings = load_articles(seeds)
    assert article.text == GOOD + "قصف في حلب\n"
    assert warnings == []


def test_only_a_bom_makes_nul_bytes_text(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "marked.txt").write_bytes(("\ufeff" + GOOD).encode("utf-16-le"))
    (seeds / "unmarked.txt").write_bytes(GOOD.encode("utf-16-le"))  # no BOM: cannot tell it from binary
    articles, warnings = load_articles(seeds)
    assert [(a.id, a.text) for a in articles] == [("marked", GOOD)]
    [warning] = warnings
    assert "unmarked.txt" in warning.path and "binary" in warning.message


def test_utf16_bom_with_broken_text_is_named(tmp_path):
    seeds = make_seeds(tmp_path)
    (seeds / "broken.txt").write_bytes(b"\xff\xfeA\x00\x00\xd8")  # a lone high surrogate
    articles, warnings = load_articles(seeds)
    assert [a.id for a in articles] == ["good"]
    assert "UTF-16" in warnings[0].message
