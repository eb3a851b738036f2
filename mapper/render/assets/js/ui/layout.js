/* Where the detail card (popup) may go so the panel never hides it, and the
 * panel's shape per viewport: a side panel on a desktop, a bottom sheet on a
 * phone (mapper.css, max-width 600px). */

export const PHONE_MAX_WIDTH = 600;

function isPhone(map) {
  return map.getSize().x <= PHONE_MAX_WIDTH;
}

function isOpen(box) {
  return !box.classList.contains('mapper-collapsed');
}

/**
 * Leaflet popup options for a card opened now: autoPan keeps it clear of the
 * panel (its width on the right on a desktop, open or folded; its height at the bottom on a
 * phone, where an open sheet is folded first so the card has the screen).
 */
export function popupOptions(map, box) {
  const size = map.getSize();
  const margin = 16;
  let right = margin;
  let bottom = margin;
  if (isPhone(map)) {
    if (isOpen(box)) {
      const toggle = box.querySelector('.mapper-toggle');
      if (toggle) toggle.click();
    }
    bottom += box.getBoundingClientRect().height;
  } else {
    /* open or folded to its header, the panel holds the top right corner */
    const mapBox = map.getContainer().getBoundingClientRect();
    right += Math.max(0, mapBox.right - box.getBoundingClientRect().left);
  }
  /* below the zoom buttons (top left), so the card's title is never under them */
  const corner = map.getContainer().querySelector('.leaflet-top.leaflet-left');
  const cornerBottom = corner ? corner.getBoundingClientRect().bottom - map.getContainer().getBoundingClientRect().top : 0;
  const top = Math.max(margin + 8, cornerBottom + 8);
  const width = Math.max(160, Math.min(360, size.x - right - margin - 50)); // 44 px: the popup's own padding
  return {
    maxWidth: width,
    minWidth: Math.min(240, width),
    /* a card taller than the room left scrolls inside instead of running under the panel */
    maxHeight: Math.max(160, size.y - top - bottom - 40),
    autoPan: true,
    autoPanPaddingTopLeft: [margin, top],
    autoPanPaddingBottomRight: [right, bottom]
  };
}

/** The date histogram scales to the panel's width (the sheet on a phone is narrower than 260 px). */
export function fitHistogram(svg) {
  if (!svg.getAttribute('viewBox')) {
    svg.setAttribute('viewBox', '0 0 ' + svg.getAttribute('width') + ' ' + svg.getAttribute('height'));
    svg.setAttribute('preserveAspectRatio', 'none');
  }
  /* width/height stay (the drawing code reads its own constants); the CSS class scales the box */
  svg.classList.add('mapper-hist-fluid');
}
