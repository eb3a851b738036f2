/* Hovering or focusing a cluster that holds approximate places shows the
 * union of their uncertainty: one dashed ring per distinct place and radius
 * (the summary layers.js computed for its icon), gone when the pointer or
 * the focus leaves. Public MarkerCluster events only (clustermouseover/out). */
import { clusterOfElement, clusterSummary } from './layers.js';

const RING_STYLE = {interactive: false, color: '#7c2d12', weight: 1.5, opacity: 0.9, dashArray: '6 4',
                    fillColor: '#7c2d12', fillOpacity: 0.06};

/** Wire the hover rings of `group` on `map`; returns {count()} (rings drawn now, for the page API). */
export function attachClusterRings(map, group) {
  const layer = L.layerGroup().addTo(map);
  const show = (cluster) => {
    layer.clearLayers();
    const info = cluster ? clusterSummary(cluster) : null;
    if (!info) return;
    for (const ring of info.rings) layer.addLayer(L.circle([ring.lat, ring.lon], {...RING_STYLE, radius: ring.km * 1000}));
  };
  const hide = () => layer.clearLayers();
  group.on('clustermouseover', (e) => show(e.layer));
  group.on('clustermouseout', hide);
  map.on('zoomstart', hide);
  const container = map.getContainer();
  container.addEventListener('focusin', (e) => {
    const cluster = clusterOfElement(e.target);
    if (cluster) show(cluster);
  });
  container.addEventListener('focusout', (e) => {
    if (clusterOfElement(e.target)) hide();
  });
  return {count: () => layer.getLayers().length, show, hide};
}
