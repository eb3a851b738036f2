/* Hex-bin density: the shown local incidents binned into pointy-top hexagons
 * in projected (screen) pixels at one zoom. Aggregate reports are never binned
 * (they are listed apart). No DOM, no Leaflet: the caller passes `project`. */

/** The hex radius in pixels (centre to corner). */
export const HEX_RADIUS = 30;

/** The weights a density view may use: 'count' (incidents) or 'fat' (people killed). */
export const WEIGHTS = ['count', 'fat'];

/** A weight name the page knows, else 'count'. */
export function weightName(value) {
  return WEIGHTS.indexOf(value) >= 0 ? value : 'count';
}

/** The [i, j] of the hexagon holding pixel (x, y) (odd rows shifted half a cell right): the
 * nearest centre, which lies in one of the two rows around y (a farther row is >= 1.5 r away). */
export function hexCell(x, y, radius) {
  const dx = radius * 2 * Math.sin(Math.PI / 3);
  const dy = radius * 1.5;
  const j0 = Math.floor(y / dy);
  let best = null;
  let bestD = Infinity;
  for (const j of [j0, j0 + 1]) {
    const i = Math.round(x / dx - (j & 1) / 2) + 0; // + 0: no -0
    const d = Math.hypot(x - (i + (j & 1) / 2) * dx, y - j * dy);
    if (d < bestD) {
      bestD = d;
      best = [i, j];
    }
  }
  return best;
}

/** The centre pixel [x, y] of hexagon [i, j]. */
export function hexCenter(i, j, radius) {
  const dx = radius * 2 * Math.sin(Math.PI / 3);
  return [(i + (j & 1) / 2) * dx, j * radius * 1.5];
}

/** The six corner pixels of the pointy-top hexagon centred at (x, y). */
export function hexCorners(x, y, radius) {
  const corners = [];
  for (let k = 0; k < 6; k++) {
    const a = Math.PI / 180 * (60 * k - 30);
    corners.push([x + radius * Math.cos(a), y + radius * Math.sin(a)]);
  }
  return corners;
}

/**
 * The cells of `records` (each {id, lat, lon, fat, approx, aggregate}): aggregates skipped;
 * `project(lat, lon)` -> [x, y] pixels. Returns [{i, j, center: [x, y], count, killed, approx, ids}]
 * sorted by row then column.
 */
export function hexbin(records, project, radius) {
  const r = radius > 0 ? radius : HEX_RADIUS;
  const cells = new Map();
  for (const rec of records) {
    if (rec.aggregate) continue;
    const [x, y] = project(rec.lat, rec.lon);
    if (!isFinite(x) || !isFinite(y)) continue;
    const [i, j] = hexCell(x, y, r);
    const key = i + ',' + j;
    let cell = cells.get(key);
    if (!cell) {
      cell = {i, j, center: hexCenter(i, j, r), count: 0, killed: 0, approx: 0, ids: []};
      cells.set(key, cell);
    }
    cell.count++;
    cell.killed += rec.fat > 0 ? rec.fat : 0;
    if (rec.approx) cell.approx++;
    cell.ids.push(rec.id);
  }
  return [...cells.values()].sort((a, b) => a.j - b.j || a.i - b.i);
}

/** A cell's weight: its incidents or its people killed. */
export function cellWeight(cell, weight) {
  return weightName(weight) === 'fat' ? cell.killed : cell.count;
}

/** The tooltip text of a cell: "N incidents, K killed" (and "includes N approximate"). */
export function cellText(cell) {
  const n = cell.count === 1 ? '1 incident' : cell.count + ' incidents';
  let text = n + ', ' + cell.killed + ' killed';
  if (cell.approx) text += ' (includes ' + cell.approx + ' approximate)';
  return text;
}
