/* Pure text helpers: days, numbers, URLs, the packed "k=v;k=v" columns. No DOM. */

export const DAY_MS = 86400000;

/** Days since 1970-01-01 (UTC) of a "YYYY-MM-DD…" string, or null. */
export function isoDay(value) {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  return isNaN(t) ? null : Math.round(t / DAY_MS);
}

/** "YYYY-MM-DD" of a day number. */
export function dayText(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 12345 -> "12,345". */
export function fmtInt(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Symbol radius in pixels: grows with the square root of the fatalities. */
export function radiusOf(fatalities) {
  return Math.min(30, Math.max(5, 3 * Math.sqrt(fatalities)));
}

/** The URL when it is an absolute http(s) address, else null (no javascript:, data:…). */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch (e) {
    return null;
  }
}

/** "children=9;women=4" -> "children 9, women 4". */
export function breakdownText(text) {
  if (!text) return '';
  return String(text).split(';').map((item) => {
    const parts = item.split('=');
    return parts.length === 2 ? parts[0].trim() + ' ' + parts[1].trim() : item.trim();
  }).filter(Boolean).join(', ');
}

/** "origin=El Fasher;x=y" -> "origin: El Fasher · x: y". */
export function notesText(text) {
  if (!text) return '';
  return String(text).split(';').map((item) => {
    const i = item.indexOf('=');
    return i > 0 ? item.slice(0, i).trim() + ': ' + item.slice(i + 1).trim() : item.trim();
  }).filter(Boolean).join(' · ');
}
