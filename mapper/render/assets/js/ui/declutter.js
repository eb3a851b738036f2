/* Country names decluttered by size and zoom (core/declutter.js decides,
 * this measures): at world zoom only the large countries keep their names. */
import { visibleCountryLabels } from '../core/declutter.js';
import { countryBoundsOf } from './basemap.js';

/** Show or hide each country name node of `map`; `taken`: screen boxes that must stay readable. */
export function declutterCountries(map, nodes, taken) {
  const items = nodes.map((node) => {
    node.style.visibility = 'visible';
    const bounds = countryBoundsOf(node);
    const a = bounds ? map.latLngToContainerPoint(bounds.getNorthWest()) : null;
    const b = bounds ? map.latLngToContainerPoint(bounds.getSouthEast()) : null;
    return {label: node.getBoundingClientRect(),
            width: a ? Math.abs(b.x - a.x) : 0, height: a ? Math.abs(b.y - a.y) : 0};
  });
  const shown = visibleCountryLabels(items, taken);
  nodes.forEach((node, index) => {
    node.style.visibility = shown[index] ? 'visible' : 'hidden';
  });
}
