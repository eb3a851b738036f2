/* Which country names to show: by size and zoom, then without pile-ups.
 * Pure: rectangles in screen pixels in, a list of booleans out. */

function overlapsAny(box, taken, margin) {
  for (const o of taken) {
    if (box.left < o.right + margin && box.right > o.left - margin &&
        box.top < o.bottom + margin && box.bottom > o.top - margin) return true;
  }
  return false;
}

/**
 * items: [{label: {left, right, top, bottom}, width, height}] — the name's box and
 * the country's outline box on screen now. A name is shown when its country
 * is at least as wide as the name (so small countries get theirs only when
 * zoomed in) and it overlaps neither a larger country's name nor `taken`
 * (incident captions and labels, which win). Larger countries are placed first.
 * Returns one boolean per item, in the order given.
 */
export function visibleCountryLabels(items, taken, margin = 4) {
  const order = items.map((item, index) => index).sort((a, b) =>
    items[b].width * items[b].height - items[a].width * items[a].height || a - b);
  const shown = new Array(items.length).fill(false);
  const placed = taken.slice();
  for (const index of order) {
    const item = items[index];
    const labelWidth = item.label.right - item.label.left;
    if (item.width < labelWidth * 0.9 || item.height < 10) continue;
    if (overlapsAny(item.label, placed, margin)) continue;
    placed.push(item.label);
    shown[index] = true;
  }
  return shown;
}
