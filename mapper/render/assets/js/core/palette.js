/* Colour checks for the event-type palette (docs/accessibility.md):
 * WCAG 2.x contrast ratios, and how the colours look to readers with a
 * colour-vision deficiency (Machado et al. 2009 simulation matrices, full
 * severity) measured as CIE76 ΔE in CIELAB. Pure; tests and docs use it. */

function channel(c) {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
}

/** "#D55E00" -> [213, 94, 0]. */
export function rgbOf(hex) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error('not a #rrggbb colour: ' + hex);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance(hex) {
  const [r, g, b] = rgbOf(hex).map(channel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1 to 21) of two colours. */
export function contrastRatio(a, b) {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/* Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB */
const CVD = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
};

export const DEFICIENCIES = Object.keys(CVD);

function linearRgb(hex) {
  return rgbOf(hex).map(channel);
}

function simulate(lin, kind) {
  if (!kind) return lin;
  const m = CVD[kind];
  return m.map((row) => Math.min(1, Math.max(0, row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2])));
}

function lab(lin) {
  const x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047;
  const y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  const z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference of two colours as seen with `kind` (a DEFICIENCIES name, or null: typical vision). */
export function deltaE(a, b, kind) {
  const la = lab(simulate(linearRgb(a), kind));
  const lb = lab(simulate(linearRgb(b), kind));
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

/** The closest pair of `colors` for `kind`: {a, b, deltaE}. */
export function closestPair(colors, kind) {
  let best = null;
  for (let i = 0; i < colors.length; i++) {
    for (let j = i + 1; j < colors.length; j++) {
      const d = deltaE(colors[i], colors[j], kind);
      if (!best || d < best.deltaE) best = {a: colors[i], b: colors[j], deltaE: d};
    }
  }
  return best;
}

/* the offline basemap's land and sea (mapper.css, ui/basemap.js): what a symbol's edge is seen against */
export const MAP_BACKGROUNDS = ['#f3efe6', '#cfdde6'];
/* the outline of a known place's symbol: ≥ 3:1 (WCAG 1.4.11) on land and sea whatever the fill */
export const OUTLINE = '#1f2933';

function hexOf(rgb) {
  return '#' + rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}

/** The colour, darkened in its own hue just enough for `min`:1 contrast against every background. */
export function readableOn(color, backgrounds = MAP_BACKGROUNDS, min = 3) {
  const rgb = rgbOf(color);
  for (let k = 1; k > 0; k -= 0.02) {
    const hex = hexOf(rgb.map((v) => v * k));
    if (backgrounds.every((bg) => contrastRatio(hex, bg) >= min)) return hex;
  }
  return '#000000';
}
