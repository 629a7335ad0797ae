// ColorBrewer "Blues" (sequential, single hue): readable with colour-vision deficiencies
// and in greyscale print. The value is written in each cell as well.
const blues = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];

export function heatColour(ratio: number): { background: string; color: string } {
  const r = Math.max(0, Math.min(1, ratio));
  const i = Math.min(blues.length - 1, Math.floor(r * (blues.length - 1) + 0.5));
  return { background: blues[i], color: readableText(blues[i]) };
}

export const heatLegend = [0, 0.25, 0.5, 0.75, 1];

/** Okabe–Ito colours for series, in a fixed order. */
export const series = {
  blue: '#0072b2',
  orange: '#e69f00',
  green: '#009e73',
  vermillion: '#d55e00',
  sky: '#56b4e9',
  purple: '#cc79a7',
  yellow: '#f0e442',
  grey: '#999999',
};

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const c = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/** White or near-black text, whichever contrasts more with the background (WCAG contrast ratio). */
export function readableText(background: string): string {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onInk = (l + 0.05) / (luminance('#1b1f24') + 0.05);
  return onWhite >= onInk ? '#fff' : '#1b1f24';
}
