/* The density view: the shown local incidents as hex-bin cells (core/hexbin.js)
 * on their own layer, coloured by count or by people killed, redrawn at every
 * zoom or pan end and filter change. Aggregate reports are never binned.
 * Tooltips are text nodes only; approximate places are included and said so. */
import { fmtInt } from '../core/format.js';
import { HEX_RADIUS, cellText, cellWeight, hexCorners, hexbin, weightName } from '../core/hexbin.js';
import { append, el } from './dom.js';

/* a sequential ramp, light to dark (colour-blind safe: lightness carries it) */
const RAMP = ['#fde725', '#b5de2b', '#6ece58', '#35b779', '#1f9e89', '#26828e', '#31688e', '#3e4989', '#482878', '#440154'];

function rampColor(value, max) {
  if (!(max > 0) || !(value > 0)) return RAMP[0];
  const t = Math.sqrt(value / max);
  return RAMP[Math.min(RAMP.length - 1, Math.floor(t * RAMP.length))];
}

function radioRow(body, title, name, choices, onPick) {
  const row = el('div', 'mapper-density-row');
  row.setAttribute('role', 'radiogroup');
  row.setAttribute('aria-label', title);
  row.appendChild(el('span', 'mapper-density-title', title + ': '));
  const inputs = new Map();
  for (const [value, text] of choices) {
    const label = el('label', 'mapper-density-choice');
    const input = el('input');
    input.type = 'radio';
    input.name = name;
    input.value = value;
    input.className = name;
    input.addEventListener('change', () => { if (input.checked) onPick(value); });
    inputs.set(value, input);
    append(label, input, text);
    row.appendChild(label);
  }
  body.appendChild(row);
  return {row, inputs};
}

/** The "View: Points | Density" and "Weight: Count | Killed" controls; `actions.set(patch)`. */
export function buildDensityControls(body, actions) {
  const view = radioRow(body, 'View', 'mapper-view', [['points', 'Points'], ['density', 'Density']],
                        (v) => actions.set({density: v === 'density'}));
  const weight = radioRow(body, 'Weight', 'mapper-weight', [['count', 'Count'], ['fat', 'Killed']],
                          (v) => actions.set({weight: v}));
  weight.row.classList.add('mapper-density-weight');
  return {view, weight};
}

/** The controls as the state says (the weight only while the density view is on). */
export function renderDensityControls(controls, state) {
  for (const [value, input] of controls.view.inputs) input.checked = (value === 'density') === Boolean(state.density);
  for (const [value, input] of controls.weight.inputs) input.checked = value === weightName(state.weight);
  controls.weight.row.hidden = !state.density;
}

/** The density layer: show(records, weight) draws the cells, hide() removes them; cells() what is drawn. */
export function densityLayer(map) {
  const layer = L.featureGroup();
  let drawn = [];
  let last = null; // {records, weight}: redrawn on zoom or pan end while shown

  function draw() {
    layer.clearLayers();
    drawn = [];
    if (!last) return;
    const zoom = map.getZoom();
    const cells = hexbin(last.records, (lat, lon) => {
      const p = map.project([lat, lon], zoom);
      return [p.x, p.y];
    }, HEX_RADIUS);
    let max = 0;
    for (const cell of cells) max = Math.max(max, cellWeight(cell, last.weight));
    for (const cell of cells) {
      const corners = hexCorners(cell.center[0], cell.center[1], HEX_RADIUS)
        .map(([x, y]) => map.unproject([x, y], zoom));
      const color = rampColor(cellWeight(cell, last.weight), max);
      const poly = L.polygon(corners, {color: '#1f2933', weight: cell.approx ? 1.5 : 0.6,
                                       dashArray: cell.approx ? '4 3' : null,
                                       fillColor: color, fillOpacity: 0.7});
      poly.bindTooltip(el('span', 'mapper-density-tip', cellText(cell)), {sticky: true});
      layer.addLayer(poly);
    }
    drawn = cells;
  }
  map.on('moveend', () => { if (last) draw(); }); // a zoom ends with a moveend too

  return {
    show(records, weight) {
      last = {records, weight: weightName(weight)};
      if (!map.hasLayer(layer)) map.addLayer(layer);
      draw();
    },
    hide() {
      last = null;
      layer.clearLayers();
      drawn = [];
      if (map.hasLayer(layer)) map.removeLayer(layer);
    },
    /** {on, weight, cells, count, killed, approx, texts} of what is drawn */
    cells() {
      const sum = (k) => drawn.reduce((n, c) => n + c[k], 0);
      return {on: Boolean(last), weight: last ? last.weight : null, cells: drawn.length, count: sum('count'),
              killed: sum('killed'), approx: sum('approx'), texts: drawn.map(cellText),
              label: last ? fmtInt(drawn.length) + ' cells' : ''};
    }
  };
}
