"""Issue 10's "done when", as a user does it: add one line to one vocabulary file and see it
take effect in `mapper build`, with no Python edited.

A copy of the package gets three lines, one per file (a trigger phrase, a named armed group,
a feature noun); the same three articles are built with the shipped package and with the
copy, in child processes, as `python -m mapper build`. Each article shows what its line
changes.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ARTICLES = {
    # "strafed" is no trigger: "killing" alone codes an attack on civilians
    "trigger": "Government jets strafed Kafr Nabl on Monday, killing 4 civilians.",
    # an unknown capitalised group is no actor
    "group": "The Kuvuka Front attacked Goma on Sunday, killing 3 soldiers.",
    # "Ngubeni" is in no gazetteer: without a feature noun it is no place
    "feature": "Gunmen killed 4 people at Ngubeni kraal on Monday.",
}

LINES = {
    "triggers.csv": 'strafed,Explosions/Remote violence,Air/drone strike,80,strong,violence,,"jets strafed a town"',
    "armed_groups.csv": "Kuvuka Front,,non_state,CD,,an armed group named only in this test",
    "feature_nouns.csv": "kraal,kraal,settlement,,",
}


def _build(package_root: Path, project: Path) -> dict[str, dict[str, str]]:
    seeds = project / "seeds"
    seeds.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (seeds / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        (seeds / f"{name}.meta.json").write_text(json.dumps({"published": "2025-03-10"}), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(package_root)}
    done = subprocess.run([sys.executable, "-m", "mapper", "build", "--workers", "1"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open(project / "data" / "incidents.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["article"] for r in rows) == sorted(ARTICLES), rows  # one incident per article
    return {r["article"]: r for r in rows}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    base = tmp_path_factory.mktemp("newcomer")
    copy = base / "package"
    shutil.copytree(ROOT / "mapper", copy / "mapper", ignore=shutil.ignore_patterns("__pycache__"))
    for file, line in LINES.items():
        path = copy / "mapper" / "extract" / "lexicon" / file
        text = path.read_text(encoding="utf-8")
        path.write_text(text + ("" if text.endswith("\n") else "\n") + line + "\n", encoding="utf-8")
    return _build(ROOT, base / "shipped"), _build(copy, base / "edited")


def test_a_trigger_line_codes_the_event_by_it(builds):
    shipped, edited = builds
    assert (shipped["trigger"]["event_type"], shipped["trigger"]["sub_event_type"]) == (
        "Violence against civilians", "Attack")
    assert (edited["trigger"]["event_type"], edited["trigger"]["sub_event_type"]) == (
        "Explosions/Remote violence", "Air/drone strike")


def test_an_armed_group_line_makes_the_group_the_actor(builds):
    shipped, edited = builds
    assert shipped["group"]["actor1"] == ""
    assert edited["group"]["actor1"] == "Kuvuka Front"
    assert edited["group"]["location"] == "Goma"  # and the group's name is no place


def test_a_feature_noun_line_makes_an_unknown_name_a_place(builds):
    shipped, edited = builds
    assert shipped["feature"]["location"] == ""
    assert edited["feature"]["location"] == "Ngubeni"
    assert edited["feature"]["fatalities"] == "4"
