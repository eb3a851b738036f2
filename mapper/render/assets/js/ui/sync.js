/* Keeps the cluster group holding exactly the shown records, by difference:
 * a time-slider step swaps the few incidents of the days entering and
 * leaving the window instead of re-clustering all of them (20,000 markers
 * re-added per frame cannot play at 20 frames/s). A change that touches
 * most markers clears and re-adds them (MarkerCluster's chunked addLayers
 * is faster than that many single removals). Public MarkerCluster API only. */

/* above this share of the markers changed, clear and re-add */
const REBUILD_SHARE = 0.5;

/**
 * `group`: the MarkerClusterGroup (or any layer group); `markerOf(rec)`: the
 * record's cached marker. show(records) returns {added, removed, rebuilt};
 * a MarkerClusterGroup's addLayers may finish later (chunked): its
 * chunkProgress says when.
 */
export function markerSync(group, markerOf) {
  let current = new Set();
  const bulk = typeof group.addLayers === 'function';
  const add = (layers) => {
    if (bulk) group.addLayers(layers);
    else for (const layer of layers) group.addLayer(layer);
  };
  const remove = (layers) => {
    if (bulk) group.removeLayers(layers);
    else for (const layer of layers) group.removeLayer(layer);
  };
  return {
    /** empty the group */
    clear() {
      current = new Set();
      group.clearLayers();
    },
    show(records) {
      const next = new Set(records);
      const removed = [];
      for (const rec of current) if (!next.has(rec)) removed.push(markerOf(rec));
      const added = [];
      for (const rec of records) if (!current.has(rec)) added.push(markerOf(rec));
      const rebuilt = removed.length + added.length > REBUILD_SHARE * Math.max(current.size, next.size, 1) &&
        removed.length + added.length > 200;
      current = next;
      if (rebuilt) {
        group.clearLayers();
        add(records.map(markerOf));
      } else {
        if (removed.length) remove(removed);
        add(added);
      }
      return {added: added.length, removed: removed.length, rebuilt};
    }
  };
}
