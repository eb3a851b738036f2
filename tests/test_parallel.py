"""Worker processes and the Dask engine give byte-identical outputs to one process."""

import shutil
from pathlib import Path

import pytest

from mapper import pipeline

ROOT = Path(__file__).resolve().parent.parent

# Short reports from several conflicts, so the corpus has more than one shape.
EXTRA = {
    "sudan": "RSF fighters attacked the town of El Fasher on Tuesday, killing at least 12 civilians, medics said.",
    "ukraine": "A Russian drone strike on Kharkiv on Sunday killed two people and wounded 14, the governor said.",
    "myanmar": "Junta air strikes hit a village near Mandalay on Friday; residents said nine people were killed.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    seeds = tmp_path_factory.mktemp("corpus") / "seeds"
    seeds.mkdir()
    seed = next((ROOT / "seeds").glob("*.txt"))
    for index in range(8):
        shutil.copy(seed, seeds / f"{index:03d}_seed.txt")
        shutil.copy(seed.with_name(seed.stem + ".meta.json"), seeds / f"{index:03d}_seed.meta.json")
        for name, text in EXTRA.items():
            (seeds / f"{index:03d}_{name}.txt").write_text(text, encoding="utf-8")
    return seeds


def outputs(seeds, tmp_path, **options):
    paths = pipeline.Paths(seeds, tmp_path / "data", tmp_path / "maps")
    pipeline.build(paths, **options)
    return {name: (tmp_path / name).read_bytes()
            for name in ("data/incidents.csv", "data/places.csv", "data/unresolved.csv", "data/geocache.json",
                         "maps/incidents.geojson", "maps/incident_map.html")}


def test_worker_processes_match_one_process_byte_for_byte(corpus, tmp_path):
    single = outputs(corpus, tmp_path / "one", workers=1)
    parallel = outputs(corpus, tmp_path / "two", workers=2)
    assert single.keys() == parallel.keys()
    for name in single:
        assert single[name] == parallel[name], name
    assert single["data/incidents.csv"].count(b"\n") > 8  # the corpus really produced incidents


def test_dask_local_mode_matches_the_default_path(corpus, tmp_path):
    # Dask is a test dependency: if it is missing this fails (ImportError), never skips.
    default = outputs(corpus, tmp_path / "local", workers=1)
    on_dask = outputs(corpus, tmp_path / "dask", workers=2, engine="dask")
    for name in default:
        assert default[name] == on_dask[name], name
