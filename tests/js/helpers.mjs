// Hand-made records for the core tests (the shape core/records.js toRecord gives).
import { toRecord } from '../../mapper/render/assets/js/core/records.js';

export const COLORS = {Battles: '#D55E00', Riots: '#56B4E9'};
export const colorOf = (type) => COLORS[type] || '#6b6b6b';

export function feature(props, lon = 36.0, lat = 35.0) {
  return {type: 'Feature', geometry: {type: 'Point', coordinates: [lon, lat]}, properties: props};
}

export function record(props) {
  return toRecord(feature({scope: 'local', ...props}), colorOf);
}
