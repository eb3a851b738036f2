/* Day binning for the date histogram. No DOM. */
import { passesExceptDate } from './filters.js';

/**
 * Bars over [minDay, maxDay]: one day each, or several days when the range is
 * longer than maxBins days. Counts the dated local records that pass every
 * filter but the dates; `inRange` marks the bars that overlap the state's
 * from/to. Returns null when there are no dated incidents (minDay null).
 */
export function dayBins(records, state, minDay, maxDay, maxBins = 120) {
  if (minDay === null || maxDay === null) return null;
  const span = maxDay - minDay + 1;
  const binDays = Math.max(1, Math.ceil(span / maxBins));
  const count = Math.ceil(span / binDays);
  const counts = new Array(count).fill(0);
  for (const r of records) {
    if (r.aggregate || r.day === null || r.day < minDay || r.day > maxDay || !passesExceptDate(r, state)) continue;
    counts[Math.floor((r.day - minDay) / binDays)]++;
  }
  const bins = counts.map((n, index) => {
    const start = minDay + index * binDays;
    const end = start + binDays - 1;
    const inRange = (state.from === null || end >= state.from) && (state.to === null || start <= state.to);
    return {start, end, count: n, inRange};
  });
  return {binDays, bins, max: Math.max(1, ...counts)};
}
