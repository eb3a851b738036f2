import sys
from pathlib import Path

# Test helpers (fake servers, fixtures) live beside the tests.
sys.path.insert(0, str(Path(__file__).parent))


import pytest  # noqa: E402
from lexicon_copy import copy_lexicon  # noqa: E402

# the browser and page fixtures of the map's browser tests (tests/browser_page.py)
pytest_plugins = ("browser_page",)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped vocabulary (tests/lexicon_copy.py), to break one file at a time."""
    return copy_lexicon(tmp_path)
