"""Section 4's time-slider measure: how fast the map plays at 20,000 incidents.

``bench/run.py`` calls ``bench_slider`` inside section 4 and adds its table to
RESULTS.md; ``python bench/slider.py [N] [RUNS]`` measures it on its own.

A synthetic map (``tests/samples.py`` ``synthetic(n)``, ~300 days of incidents)
is opened in headless Chromium (network aborted), the window set to a week,
and measured two ways, each a median over fresh pages:

* **playback**: the Play button's own timer (``mapperPage.play()``) for a few
  seconds; frames per second = renders done / elapsed (the page's render
  counter, ``mapperPage.renderStats()``: the frames after the first over the
  time from the first to the last), and the mean time a render took. The
  player asks for at most 20 frames/s (one step every 50 ms), so 20 is the
  ceiling.
* **slider drag**: ``input`` events on the slider, one per painted frame, as
  a drag sends them (drawn unclustered, like playback);
* **clustered steps**: one step after another as fast as the page goes (a
  render re-clustering the map, then the next animation frame so the step is
  painted): what a released slider or an arrow key costs.

Reported as numbers only; nothing is asserted.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(1, str(HERE.parent / "tests"))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

PLAY = r"""async (seconds) => {
  const page = window.mapperPage;
  page.setFilters({window: 'week'});
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  page.play();  // its first frame is drawn at once
  const first = page.renderStats();
  await new Promise((resolve) => {
    const poll = () => (performance.now() - t0 < seconds * 1000 && page.timeWindow().playing ? setTimeout(poll, 20) : resolve());
    poll();
  });
  const after = page.renderStats();
  page.pause();
  // the frames after the first, over the time from the first frame to the last
  const frames = after.count - first.count;
  return {frames, fps: frames / Math.max(1, after.at - first.at) * 1000,
          render_ms: (after.ms - first.ms) / Math.max(1, frames),
          shown_last: page.shownCount()};
}"""

DRAG = r"""async (n) => {
  const page = window.mapperPage;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  page.setFilters({window: 'week', from: null, to: null});
  await new Promise((r) => setTimeout(r, 300));
  const slider = document.querySelector('input.mapper-slider');
  const first = +slider.min;
  const before = page.renderStats();
  const t0 = performance.now();
  let done = 0;
  for (let i = 1; i <= n && first + i <= +slider.max; i++) {
    slider.value = String(first + i);
    slider.dispatchEvent(new Event('input', {bubbles: true}));  // what a drag sends
    await frame();
    done++;
  }
  const elapsed = performance.now() - t0;
  const after = page.renderStats();
  slider.dispatchEvent(new Event('change', {bubbles: true}));  // let go
  return {steps: done, steps_per_s: done / elapsed * 1000, render_ms: (after.ms - before.ms) / Math.max(1, done)};
}"""

STEPS = r"""async (n) => {
  const page = window.mapperPage;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const ready = async () => { while (!page.ready()) await frame(); };
  page.setFilters({window: 'week', from: null, to: null});
  page.stepTime(); await ready(); await frame();
  const t0 = performance.now();
  let done = 0;
  for (let i = 0; i < n; i++) {
    if (!page.stepTime()) break;
    await ready();
    await frame();
    done++;
  }
  return {steps: done, steps_per_s: done / (performance.now() - t0) * 1000};
}"""


def _page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    page.goto(path.as_uri(), wait_until="load", timeout=120000)
    page.wait_for_function("() => window.mapperPage !== undefined && window.mapperPage.ready()", timeout=120000,
                           polling=50)
    page.wait_for_timeout(300)
    return page


def bench_slider(n: int, runs: int, out: Path, seconds: float = 5.0) -> dict:
    from playwright.sync_api import sync_playwright

    from mapper.render import build_map, write_map
    from samples import synthetic  # tests/samples.py

    folder = out / "maps"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"slider-{n}.html"
    write_map(build_map(synthetic(n), title=f"{n} incidents", credit="Example Wire"), path)
    plays, steps, drags = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("MAPPER_CHROMIUM", "/usr/bin/chromium"),
                                    args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                page = _page(browser, path)
                try:
                    plays.append(page.evaluate(PLAY, seconds))
                finally:
                    page.close()
                page = _page(browser, path)
                try:
                    drags.append(page.evaluate(DRAG, 100))
                finally:
                    page.close()
                page = _page(browser, path)
                try:
                    steps.append(page.evaluate(STEPS, 30))
                finally:
                    page.close()
        finally:
            browser.close()
    return {"incidents": n, "runs": runs, "seconds": seconds,
            "play_fps": statistics.median(x["fps"] for x in plays),
            "play_render_ms": statistics.median(x["render_ms"] for x in plays),
            "play_frames": [x["frames"] for x in plays],
            "shown_per_frame": plays[0]["shown_last"],
            "drag_steps_per_s": statistics.median(x["steps_per_s"] for x in drags),
            "drag_render_ms": statistics.median(x["render_ms"] for x in drags),
            "slider_steps_per_s": statistics.median(x["steps_per_s"] for x in steps)}


def slider_section(result: dict | None, table, verdict) -> list[str]:
    """RESULTS.md lines for the measure (none when it was not run); `table` and `verdict` are run.py's."""
    if not result:
        return []
    n = result["incidents"]
    return [
        f"**Time slider at {n:,} incidents** (`bench/slider.py`: a week window over ~300 days, "
        f"≈{result['shown_per_frame']:,} incidents per frame; median of {result['runs']} fresh pages). "
        "Playback = the Play button's timer for "
        f"{result['seconds']:.0f} s, frames = renders done (the player asks for at most 20 a second); "
        "slider drag = `input` events on the slider, one per painted frame (drawn unclustered, as playback); "
        "clustered steps = one step after another, each rendered, re-clustered and painted (what a released "
        "slider or a key press costs), as fast as the page goes.",
        "",
        table(["measure", "target", "measured", "verdict"], [
            [f"playback at {n:,} incidents, frames/s", "≥ 20", f"{result['play_fps']:.1f}",
             # judged as shown (one decimal): the player's own ceiling is 20, a timer's last few µs late is not a miss
             verdict(round(result["play_fps"], 1), 20, True)],
            ["playback, render time per frame", "—", f"{result['play_render_ms']:.1f} ms", "—"],
            ["slider drag, steps/s", "—", f"{result['drag_steps_per_s']:.1f}", "—"],
            ["slider drag, render time per step", "—", f"{result['drag_render_ms']:.1f} ms", "—"],
            ["clustered steps, steps/s", "—", f"{result['slider_steps_per_s']:.1f}", "—"],
        ]),
        "",
    ]


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    started = time.perf_counter()
    measured = bench_slider(size, count, HERE / "out")
    import run  # bench/run.py: its table format

    print("\n".join(slider_section(measured, run.table, run.verdict)))
    print(f"({time.perf_counter() - started:.0f} s; load average {os.getloadavg()[0]:.1f})")
