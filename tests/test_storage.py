"""Atomic writes: old or new, never half; outputs readable by others."""

import os
import stat

from mapper.storage import csv_text, write_atomic


def test_new_file_gets_ordinary_permissions_not_mkstemps_0600(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "map.html", "<html></html>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "map.html").stat().st_mode) == 0o644


def test_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "places.csv"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_csv_text_has_unix_newlines_and_empty_for_none():
    assert csv_text(["a", "b"], [[1, None], ["x,y", "z"]]) == 'a,b\n1,\n"x,y",z\n'
