/* The date histogram and the aggregate list of the panel (DOM text only). */
import { dayText, fmtInt } from '../core/format.js';
import { append, button, clear, el, svgEl } from './dom.js';

const WIDTH = 260;
const HEIGHT = 48;
const MAX_LISTED = 200;

/** Draw `hist` (core/histogram.js dayBins, or null); a click on a bar calls pick(start, end). */
export function drawHistogram(svg, axis, hist, range, pick) {
  clear(svg);
  clear(axis);
  if (!hist) {
    axis.textContent = 'No dated incidents.';
    return;
  }
  const w = WIDTH / hist.bins.length;
  svg.appendChild(svgEl('line', {x1: 0, x2: WIDTH, y1: HEIGHT + 0.5, y2: HEIGHT + 0.5, stroke: '#999'}));
  hist.bins.forEach((bin, index) => {
    const h = bin.count ? Math.max(2, (bin.count / hist.max) * HEIGHT) : 0;
    const rect = svgEl('rect', {
      x: (index * w + (w > 3 ? 0.5 : 0)).toFixed(2),
      width: Math.max(0.6, w - (w > 3 ? 1 : 0)).toFixed(2),
      y: (HEIGHT - h).toFixed(2),
      height: h.toFixed(2),
      class: bin.inRange ? 'mapper-bar' : 'mapper-bar mapper-bar-out'
    });
    const title = svgEl('title');
    title.textContent = (hist.binDays === 1 ? dayText(bin.start) : dayText(bin.start) + ' – ' + dayText(bin.end)) +
      ': ' + bin.count + ' incident' + (bin.count === 1 ? '' : 's') + ' (click to show only this)';
    rect.appendChild(title);
    rect.addEventListener('click', () => pick(bin.start, bin.end));
    svg.appendChild(rect);
  });
  append(axis,
    el('span', null, dayText(range.min)),
    el('span', null, hist.binDays === 1 ? 'incidents per day, max ' + hist.max : 'per ' + hist.binDays + ' days, max ' + hist.max),
    el('span', null, dayText(range.max)));
}

/** The aggregate reports shown (of `total`), the deadliest first; a click calls open(rec). */
export function drawAggregates(box, list, total, open) {
  clear(box);
  if (!total) return;
  box.appendChild(el('h2', null, 'Aggregate reports (' + list.length + ' of ' + total + ')'));
  box.appendChild(el('p', 'mapper-muted',
    'Totals over an area or a period. Listed apart: never added to the incidents or clusters on the map.'));
  const ul = el('ul', 'mapper-aggregate-list');
  const sorted = list.slice().sort((a, b) => b.fat - a.fat || (b.day || 0) - (a.day || 0));
  for (const rec of sorted.slice(0, MAX_LISTED)) {
    const item = button('mapper-aggregate-item', null, () => open(rec));
    const sw = el('span', 'mapper-swatch');
    sw.style.backgroundColor = rec.color;
    const toll = rec.p.fatalities ? fmtInt(rec.p.fatalities) + ' killed' : '';
    append(item, sw,
      el('strong', null, rec.p.location || 'unnamed area'),
      el('span', null, ' · ' + (rec.p.event_date || 'undated')),
      // what the report is (a toll, looting, displacement...), so rows at the same area differ
      el('span', 'mapper-aggregate-what', (rec.p.sub_event_type || rec.p.event_type || '') + (toll ? ' · ' + toll : '')));
    ul.appendChild(append(el('li'), item));
  }
  box.appendChild(ul);
  if (list.length > MAX_LISTED) {
    box.appendChild(el('p', 'mapper-muted', 'and ' + fmtInt(list.length - MAX_LISTED) +
      ' more with smaller tolls; narrow the filters to list them.'));
  }
}
