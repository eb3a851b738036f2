"""The benchmark runs end to end in --quick mode and writes a well-formed table.

No timing is asserted: only that every section ran and its table has the
expected shape. Sections 1-3 only here (the map section needs Chromium and is
covered by the browser tests); the corpus generator is checked for determinism
and for real, resolvable town names.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402


def test_corpus_is_deterministic_and_wire_like(tmp_path):
    assert corpus.article(7) == corpus.article(7)
    assert corpus.article(7) != corpus.article(8)
    corpus.write_corpus(tmp_path / "a", 5)
    corpus.write_corpus(tmp_path / "b", 5)
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    text, meta = corpus.article(0)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    assert {"published", "title", "source", "url"} <= set(meta)
    assert len(re.findall(r"[.!?](?:\s|$)", text)) >= 7
    assert json.loads((tmp_path / "a" / "a000000.meta.json").read_text()) == meta


def test_corpus_towns_are_real_places_of_their_country():
    from mapper.geocode.gazetteer import Gazetteer

    assert corpus.check_towns(Gazetteer.open()) == {}
    assert all(len(towns) >= 20 for towns in corpus.TOWNS.values())


def test_quick_run_writes_a_well_formed_table(tmp_path):
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--sections", "123", "--out", str(tmp_path / "out"),
         "--results", str(results)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    for heading in ("# mapper benchmark results", "## Machine", "## 1. Extraction throughput",
                    "## 2. Gazetteer", "## 3. `mapper build` end to end"):
        assert heading in text
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", text)
    # every table: a header, a separator of the same width, rows of the same width
    tables = re.findall(r"((?:^\|.*\|\n)+)", text, flags=re.M)
    assert len(tables) >= 4
    for block in tables:
        rows = [row for row in block.strip().split("\n")]
        widths = {row.count("|") for row in rows}
        assert len(widths) == 1, block
        assert re.fullmatch(r"\|(?:---\|)+", rows[1])
        assert len(rows) >= 3
    assert "| ≥ 20,000 sentences/s |" in text
    assert re.search(r"\| (?:\*\*met\*\*|\*\*missed\*\*)", text)
    data = json.loads((tmp_path / "out" / "RESULTS.json").read_text())
    assert data["extraction"]["sentences"] > 0 and data["extraction"]["incidents"] > 0
    assert data["build"][0]["incidents"] > 0
    assert data["maps"] is None


@pytest.mark.browser
def test_quick_map_section(tmp_path):
    from browser_page import chromium_path

    chromium_path()
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--sections", "4", "--map-sizes", "50",
         "--folium-timeout", "60", "--out", str(tmp_path / "out"), "--results", str(results)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    assert "## 4. Map size and load time" in text
    row = next(line for line in text.splitlines() if line.startswith("| 50 |"))
    assert row.count("|") == 8
    assert "shown" in row
