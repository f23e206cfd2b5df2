import type { BackgroundColour } from '../../../../electron/contract';
import { clipBox, type Box, type RgbaImage, type Size } from './geometry';
import type { HueRange, PortraitThresholds } from './thresholds';

/**
 * The background colour rule of domain §5.2 (red for odd birth years, blue for even, orange
 * for foreigners), measured on the regions beside and above the head.
 */

export const BACKGROUND_COLOURS: readonly BackgroundColour[] = ['red', 'blue', 'orange'];

export interface Hsv {
  /** Degrees 0..360. */
  h: number;
  /** 0..1 */
  s: number;
  /** 0..1 */
  v: number;
}

export function rgbToHsv(r: number, g: number, b: number): Hsv {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const delta = max - min;
  let h = 0;
  if (delta > 0) {
    if (max === r) h = ((g - b) / delta) % 6;
    else if (max === g) h = (b - r) / delta + 2;
    else h = (r - g) / delta + 4;
    h *= 60;
    if (h < 0) h += 360;
  }
  return { h, s: max === 0 ? 0 : delta / max, v: max / 255 };
}

function inRange({ h, s }: Hsv, range: HueRange): boolean {
  if (s < range.minSaturation) return false;
  return range.from <= range.to
    ? h >= range.from && h <= range.to
    : h >= range.from || h <= range.to;
}

/** One pixel's rule colour, or null (grey, dark, skin, hair, a wall of another colour). */
export function classifyPixel(
  r: number,
  g: number,
  b: number,
  t: Readonly<PortraitThresholds['background']>,
): BackgroundColour | null {
  const hsv = rgbToHsv(r, g, b);
  if (hsv.v < t.minValue) return null;
  if (inRange(hsv, t.red)) return 'red';
  if (inRange(hsv, t.orange)) return 'orange';
  if (inRange(hsv, t.blue)) return 'blue';
  return null;
}

/**
 * Where the background shows in a head-and-shoulders frame, from the face box: a band above
 * the head (clear of the hair) and one beside each side of the head at forehead-to-nose
 * height. Parts outside the frame are dropped.
 */
export function backgroundRegions(face: Box, frame: Size): Box[] {
  const { x, y, width: w, height: h } = face;
  const wanted: Box[] = [
    { x: x - 0.1 * w, y: y - 0.95 * h, width: 1.2 * w, height: 0.4 * h },
    { x: x - 1.0 * w, y, width: 0.5 * w, height: 0.6 * h },
    { x: x + 1.5 * w, y, width: 0.5 * w, height: 0.6 * h },
  ];
  return wanted.flatMap((box) => clipBox(box, frame) ?? []);
}

export interface BackgroundMeasure {
  /** The rule colour of at least `minShare` of the sampled pixels, else null. */
  colour: BackgroundColour | null;
  shares: Record<BackgroundColour, number>;
  sampled: number;
}

export function measureBackground(
  image: RgbaImage,
  regions: readonly Box[],
  t: Readonly<PortraitThresholds['background']>,
): BackgroundMeasure {
  const counts: Record<BackgroundColour, number> = { red: 0, blue: 0, orange: 0 };
  let sampled = 0;
  const step = Math.max(1, Math.round(t.stride));
  for (const region of regions) {
    for (let y = region.y; y < region.y + region.height; y += step) {
      for (let x = region.x; x < region.x + region.width; x += step) {
        const i = (y * image.width + x) * 4;
        const colour = classifyPixel(
          image.data[i] ?? 0,
          image.data[i + 1] ?? 0,
          image.data[i + 2] ?? 0,
          t,
        );
        sampled += 1;
        if (colour) counts[colour] += 1;
      }
    }
  }
  const shares = {
    red: sampled ? counts.red / sampled : 0,
    blue: sampled ? counts.blue / sampled : 0,
    orange: sampled ? counts.orange / sampled : 0,
  };
  const best = BACKGROUND_COLOURS.reduce((a, b) => (shares[b] > shares[a] ? b : a));
  return { colour: sampled > 0 && shares[best] >= t.minShare ? best : null, shares, sampled };
}
