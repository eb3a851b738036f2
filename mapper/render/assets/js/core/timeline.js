/* The time slider's arithmetic: window widths, the window at a slider
 * position, the next playback frame, a histogram brush as a day range. Days
 * are day numbers (core/format.js isoDay). No DOM, no timers. */

/* a month is 30 days: the window slides by whole days, so a calendar month
 * (28 to 31 days) would change width as it plays */
export const WINDOWS = Object.freeze({day: 1, week: 7, month: 30});
export const WINDOW_NAMES = Object.freeze(['day', 'week', 'month']);

/** A window name from the page (a hash value), or null when it is none of WINDOWS. */
export function windowName(value) {
  return WINDOW_NAMES.indexOf(value) >= 0 ? value : null;
}

/** The width used when the reader chose none: a short corpus plays day by day. */
export function autoWindow(range) {
  if (range.min === null) return 'day';
  const span = range.max - range.min + 1;
  return span <= 31 ? 'day' : span <= 366 ? 'week' : 'month';
}

/** The window name in effect for a state ({window}: a name or null). */
export function windowOf(state, range) {
  return windowName(state.window) || autoWindow(range);
}

/** Slider positions: the first day of each window that starts inside the range. */
export function sliderBounds(range, days) {
  if (range.min === null) return null;
  return {min: range.min, max: Math.max(range.min, range.max - days + 1)};
}

/** The window starting at `start` (clamped to the slider), as {from, to} day numbers. */
export function windowAt(start, range, days) {
  const b = sliderBounds(range, days);
  if (!b) return {from: null, to: null};
  const from = Math.min(b.max, Math.max(b.min, Math.round(start)));
  return {from, to: from + days - 1};
}

/** Where the slider's thumb sits for a state: its `from`, or the first day when unbounded. */
export function sliderValue(state, range, days) {
  const b = sliderBounds(range, days);
  if (!b) return null;
  return state.from === null ? b.min : Math.min(b.max, Math.max(b.min, state.from));
}

/**
 * How playback moves: `step` days per frame and `interval` ms between frames.
 * A long range takes bigger steps so one play lasts at most ~300 frames; a
 * short one slows down so the seed's seven days stay readable (~6 s).
 */
export function playPlan(range, days) {
  const b = sliderBounds(range, days);
  if (!b) return {step: 1, interval: 500, frames: 0};
  const positions = b.max - b.min + 1;
  const step = Math.max(1, Math.ceil(days / 7), Math.ceil(positions / 300));
  const frames = Math.ceil(positions / step);
  const interval = Math.min(700, Math.max(50, Math.round(6000 / Math.max(1, frames))));
  return {step, interval, frames};
}

/**
 * The next playback frame after the state's window, or null at the end.
 * Playing from an unbounded state (or one not a window wide) starts at the
 * first window; from the last window, it starts over only when `restart`.
 */
export function nextWindow(state, range, days, restart) {
  const b = sliderBounds(range, days);
  if (!b) return null;
  const plan = playPlan(range, days);
  const isWindow = state.from !== null && state.to !== null && state.to - state.from + 1 === days;
  if (!isWindow) return windowAt(b.min, range, days);
  if (state.from >= b.max) return restart ? windowAt(b.min, range, days) : null;
  return windowAt(Math.min(b.max, state.from + plan.step), range, days);
}

/**
 * A brush over the histogram as a day range: `a` and `b` are the two ends as
 * fractions (0..1) of its width, in either order; whole bins are taken
 * (`binDays` days from `minDay`, `count` bins).
 */
export function brushRange(a, b, minDay, binDays, count) {
  const bin = (x) => Math.min(count - 1, Math.max(0, Math.floor(x * count)));
  const first = bin(Math.min(a, b));
  const last = bin(Math.max(a, b));
  return {from: minDay + first * binDays, to: minDay + (last + 1) * binDays - 1};
}

/**
 * The dated records by day, so a date-bounded state looks at its own days
 * only (a playback frame reads a week, not all 20,000 records). Made once.
 */
export function dayIndex(records) {
  const order = [];
  for (let i = 0; i < records.length; i++) if (records[i].day !== null) order.push(i);
  order.sort((a, b) => records[a].day - records[b].day || a - b);
  const days = order.map((i) => records[i].day);
  return {order, days};
}

function lowerBound(days, day) {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The records that can pass the state's dates, in their original order: all
 * of them when it has no bound, else the dated ones between its bounds (an
 * undated record fails any bound).
 */
export function dateCandidates(records, state, index) {
  if (!index || (state.from === null && state.to === null)) return records;
  const start = state.from === null ? 0 : lowerBound(index.days, state.from);
  const end = state.to === null ? index.days.length : lowerBound(index.days, state.to + 1);
  const picked = index.order.slice(start, end).sort((a, b) => a - b);
  return picked.map((i) => records[i]);
}
