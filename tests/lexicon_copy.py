"""A copy of the shipped vocabulary, for tests that break or extend one file at a time.

The ``folder`` fixture (tests/conftest.py) gives each test its own copy; ``append_line``
adds an entry and says on which line it landed, ``load_error`` loads the copy and returns
the ``LexiconError`` it must raise.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mapper.errors import LexiconError
from mapper.extract import vocabulary
from mapper.extract.vocabulary import PACKAGE_FOLDER, load


def copy_lexicon(tmp_path: Path) -> Path:
    target = tmp_path / "lexicon"
    shutil.copytree(PACKAGE_FOLDER, target)
    return target


def append_line(folder: Path, name: str, line: str) -> int:
    """Append ``line`` to a file of the copy; returns its line number."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text + line + "\n", encoding="utf-8")
    return len((text + line).splitlines())


def load_error(folder: Path) -> str:
    """The message of the LexiconError that loading the copy raises (the load cache is left empty)."""
    vocabulary._load.cache_clear()
    try:
        with pytest.raises(LexiconError) as caught:
            load(folder)
    finally:
        vocabulary._load.cache_clear()
    return str(caught.value)
