/* The time slider: a window (a day, a week or a month) that slides over the
 * data's dates, played or dragged, and a brush over the date histogram.
 * Both only ask for a state (actions.set); render(state) writes it back,
 * and starts or stops the playback timer the state asks for (state.playing). */
import { dayText } from '../core/format.js';
import { dayBins } from '../core/histogram.js';
import { WINDOWS, WINDOW_NAMES, brushRange, nextWindow, playPlan, sliderBounds, sliderValue, windowAt, windowOf } from '../core/timeline.js';
import { append, button, el, svgEl } from './dom.js';

const WINDOW_LABELS = {day: 'Day', week: 'Week', month: 'Month'};

/* a drag shorter than this is a click (the bar's own click picks its bin) */
const BRUSH_MIN_PX = 4;

/**
 * The slider, play button and window choice, appended to `body`.
 * `actions.set(patch, {refit})`; `getState()` reads the state when a frame is due.
 */
export function buildTimeline(body, range, actions, getState) {
  const box = el('div', 'mapper-time');
  if (range.min === null) return {box, render: () => {}};
  const play = button('mapper-play', 'Play');
  play.setAttribute('aria-label', 'Play the incidents over time');
  const width = el('select', 'mapper-window');
  width.setAttribute('aria-label', 'Time window');
  for (const name of WINDOW_NAMES) {
    const option = el('option', null, WINDOW_LABELS[name]);
    option.value = name;
    width.appendChild(option);
  }
  const label = el('span', 'mapper-time-label');
  label.setAttribute('aria-live', 'off');
  const slider = el('input', 'mapper-slider');
  slider.type = 'range';
  slider.step = '1';
  slider.setAttribute('aria-label', 'Time window: first day');
  append(box, append(el('div', 'mapper-time-row'), play, width, label), slider);
  body.appendChild(box);

  const daysNow = () => WINDOWS[windowOf(getState(), range)];
  play.addEventListener('click', () => {
    const state = getState();
    if (state.playing) actions.set({playing: false}, {refit: false});
    else actions.set({playing: true, scrubbing: false, ...nextWindow(state, range, daysNow(), true)}, {refit: false});
  });
  // dragging draws like playback (state.scrubbing); letting go (or a key's step) settles
  slider.addEventListener('input', () => {
    actions.set({playing: false, scrubbing: true, ...windowAt(+slider.value, range, daysNow())}, {refit: false});
  });
  slider.addEventListener('change', () => actions.set({scrubbing: false}, {refit: false}));
  width.addEventListener('change', () => {
    const days = WINDOWS[width.value];
    const state = getState();
    const start = sliderValue(state, range, days);
    actions.set({window: width.value, ...windowAt(start, range, days)}, {refit: false});
  });

  let timer = null;
  let due = 0; // when the frame drawn last was due
  let wasPlaying = false;
  function tick() {
    timer = null;
    // on the beat, however late this timer fired; more than a beat behind, no burst to catch up
    const interval = playPlan(range, daysNow()).interval;
    due = Math.max(due + interval, performance.now() - interval);
    const state = getState();
    if (!state.playing) return;
    const next = nextWindow(state, range, daysNow(), false);
    actions.set(next ? next : {playing: false}, {refit: false});
  }

  function render(state) {
    const name = windowOf(state, range);
    const days = WINDOWS[name];
    const bounds = sliderBounds(range, days);
    slider.min = String(bounds.min);
    slider.max = String(bounds.max);
    slider.value = String(sliderValue(state, range, days));
    width.value = name;
    play.textContent = state.playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', state.playing ? 'true' : 'false');
    const from = state.from === null ? 'first day' : dayText(state.from);
    const to = state.to === null ? 'last day' : dayText(state.to);
    label.textContent = state.from === null && state.to === null ? 'all dates'
      : state.from === state.to ? from : from + ' – ' + to;
    slider.setAttribute('aria-valuetext', label.textContent);
    // frames at a steady cadence: the next is due one interval after the last was (a slow
    // frame delays the next, frames never pile up)
    if (state.playing && !wasPlaying) due = performance.now(); // the first frame is drawn now
    wasPlaying = Boolean(state.playing);
    if (state.playing && timer === null) {
      timer = setTimeout(tick, Math.max(0, due + playPlan(range, days).interval - performance.now()));
    }
    if (!state.playing && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }
  return {box, render};
}

/**
 * Drag across the histogram `svg` to choose a date range: `getHist()` is the
 * last core/histogram.js dayBins drawn; `pick(from, to)` gets whole bins.
 * The bars are redrawn on every render; the listeners sit on the svg itself.
 */
export function attachBrush(svg, getHist, pick) {
  let start = null;
  let shade = null;
  const fraction = (e) => {
    const box = svg.getBoundingClientRect();
    return {x: e.clientX, f: Math.min(1, Math.max(0, (e.clientX - box.left) / Math.max(1, box.width)))};
  };
  const drawShade = (a, b) => {
    const hist = getHist();
    if (!hist) return;
    const r = brushRange(a, b, hist.bins[0].start, hist.binDays, hist.bins.length);
    const w = svg.getBoundingClientRect().width || 1;
    const user = (svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) || +svg.getAttribute('width') || w;
    const x0 = (r.from - hist.bins[0].start) / (hist.bins.length * hist.binDays) * user;
    const x1 = (r.to + 1 - hist.bins[0].start) / (hist.bins.length * hist.binDays) * user;
    if (!shade) {
      shade = svgEl('rect', {class: 'mapper-brush', y: 0, height: '100%'});
      svg.appendChild(shade);
    }
    shade.setAttribute('x', x0.toFixed(2));
    shade.setAttribute('width', Math.max(1, x1 - x0).toFixed(2));
  };
  const end = () => {
    if (shade && shade.parentNode) shade.parentNode.removeChild(shade);
    shade = null;
    start = null;
  };
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !getHist()) return;
    start = fraction(e);
  });
  svg.addEventListener('pointermove', (e) => {
    if (start === null) return;
    const now = fraction(e);
    if (Math.abs(now.x - start.x) < BRUSH_MIN_PX) return;
    // captured only once it is a drag: a plain click must still reach its bar
    if (!svg.hasPointerCapture(e.pointerId)) svg.setPointerCapture(e.pointerId);
    drawShade(start.f, now.f);
  });
  svg.addEventListener('pointerup', (e) => {
    if (start === null) return;
    const now = fraction(e);
    const from = start;
    end();
    const hist = getHist();
    if (Math.abs(now.x - from.x) < BRUSH_MIN_PX || !hist) return;
    const r = brushRange(from.f, now.f, hist.bins[0].start, hist.binDays, hist.bins.length);
    pick(r.from, r.to);
  });
  svg.addEventListener('pointercancel', end);
}

/* the state values the histogram's counts do not depend on */
const NOT_COUNTED = new Set(['from', 'to', 'playing', 'scrubbing', 'window', 'incident', 'view']);

/**
 * dayBins (core/histogram.js) for a state, its counts kept while only the
 * dates change (they count every filter but the dates): a playback frame
 * only moves the highlighted bars.
 */
export function binsMemo(records, range) {
  let key = null;
  let counted = null;
  /* every other state value counts (any filter added later too): compared by identity, a
   * state's Sets are replaced, never changed */
  const changed = (state) => !key || Object.keys(state).length !== Object.keys(key).length ||
    Object.keys(state).some((k) => !NOT_COUNTED.has(k) && state[k] !== key[k]);
  return (state) => {
    if (changed(state)) {
      key = state;
      counted = dayBins(records, {...state, from: null, to: null}, range.min, range.max);
    }
    if (!counted) return null;
    const bins = counted.bins.map((bin) => ({...bin, inRange: (state.from === null || bin.end >= state.from) &&
                                                            (state.to === null || bin.start <= state.to)}));
    return {...counted, bins};
  };
}

/**
 * Move the highlighted bars of the histogram drawn in `svg` (ui/lists.js
 * drawHistogram: one rect.mapper-bar per bin, in order) to `hist`'s range,
 * without redrawing it. False when the drawn bars are not `hist`'s (draw it).
 */
export function paintRange(svg, hist, drawn) {
  if (!hist || !drawn || hist.binDays !== drawn.binDays || hist.bins.length !== drawn.bins.length ||
      hist.bins.some((bin, i) => bin.count !== drawn.bins[i].count)) return false;
  const bars = svg.querySelectorAll('rect.mapper-bar');
  if (bars.length !== hist.bins.length) return false;
  hist.bins.forEach((bin, i) => bars[i].classList.toggle('mapper-bar-out', !bin.inRange));
  return true;
}
