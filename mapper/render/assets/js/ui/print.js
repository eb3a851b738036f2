/* Print (or save as PDF) the current view: the map as it is, with a sheet
 * that says what it shows — title, filter summary, counts, the type legend,
 * the sources and dates — laid out by mapper.css's print rules. */
import { dayText, fmtInt, safeHttpUrl } from '../core/format.js';
import { filterSummary, sourcesOf } from '../core/summary.js';
import { append, clear, el } from './dom.js';

const MAX_SOURCES = 40;

/** Fill `sheet` (a node the print stylesheet shows) from what is shown now. */
export function fillPrintSheet(sheet, facts) {
  const {title, credit, state, types, colorOf, shown, range} = facts;
  clear(sheet);
  sheet.appendChild(el('h1', null, title));
  if (credit) sheet.appendChild(el('p', null, credit));
  sheet.appendChild(el('p', null, 'Filters: ' + filterSummary(state, types)));
  sheet.appendChild(el('p', null, fmtInt(shown.local.length) + ' local incidents on the map (' + fmtInt(shown.fatalities) +
    ' killed), ' + fmtInt(shown.aggregates.length) + ' aggregate reports listed apart.'));
  const legend = el('ul', 'mapper-print-legend');
  for (const type of types) {
    const sw = el('span', 'mapper-swatch');
    sw.style.backgroundColor = colorOf(type);
    legend.appendChild(append(el('li'), sw, type || 'Unclassified'));
  }
  legend.appendChild(el('li', null, 'Hollow dashed symbol or hatched cluster: approximate place'));
  sheet.appendChild(legend);
  const sources = sourcesOf(shown.local.concat(shown.aggregates));
  sheet.appendChild(el('h2', null, 'Sources (' + fmtInt(sources.length) + ')'));
  const list = el('ul', 'mapper-print-sources');
  for (const s of sources.slice(0, MAX_SOURCES)) {
    const href = safeHttpUrl(s.url);
    list.appendChild(append(el('li'), s.title, s.outlet ? ' — ' + s.outlet : null, href ? ' <' + href + '>' : null));
  }
  if (sources.length > MAX_SOURCES) list.appendChild(el('li', null, 'and ' + fmtInt(sources.length - MAX_SOURCES) + ' more'));
  sheet.appendChild(list);
  const dates = range.min === null ? 'no dated incidents' : 'incidents dated ' + dayText(range.min) + ' to ' + dayText(range.max);
  /* the page itself has no build date (the same data builds the same bytes); the print says when it was printed */
  sheet.appendChild(el('p', 'mapper-card-muted', 'Data: ' + dates + '. Printed ' + new Date().toISOString().slice(0, 10) +
    '. Positions are where reports place events, at the stated precision; totals as reported, unverified.'));
}

/** A print sheet in the page, and a function that fills it and opens the print dialog. */
export function printer(getFacts) {
  const sheet = el('section', 'mapper-print-sheet');
  sheet.setAttribute('aria-hidden', 'true'); // for print only: the panel says the same on screen
  document.body.appendChild(sheet);
  window.addEventListener('beforeprint', () => fillPrintSheet(sheet, getFacts()));
  return {
    sheet,
    print: () => {
      fillPrintSheet(sheet, getFacts());
      window.print();
    }
  };
}
