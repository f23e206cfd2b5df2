import { describe, expect, it } from 'vitest';
import { backgroundRegions, classifyPixel, measureBackground, rgbToHsv } from './background';
import { defaultFace, frame, RED } from '../../testing/portrait';
import { PORTRAIT_THRESHOLDS } from './thresholds';

const T = PORTRAIT_THRESHOLDS.background;

describe('background colour', () => {
  it('converts RGB to hue, saturation and value', () => {
    expect(rgbToHsv(255, 0, 0)).toEqual({ h: 0, s: 1, v: 1 });
    expect(rgbToHsv(0, 0, 255).h).toBe(240);
    expect(rgbToHsv(255, 128, 0).h).toBeCloseTo(30.1, 1);
    expect(rgbToHsv(255, 0, 64).h).toBeCloseTo(344.9, 1);
    expect(rgbToHsv(90, 90, 90)).toEqual({ h: 0, s: 0, v: 90 / 255 });
  });

  it('sorts backdrop colours and refuses skin, hair, grey and dim pixels', () => {
    expect(classifyPixel(211, 38, 43, T)).toBe('red');
    expect(classifyPixel(230, 20, 70, T)).toBe('red'); // crimson, hue 347°
    expect(classifyPixel(29, 95, 196, T)).toBe('blue');
    expect(classifyPixel(0, 112, 192, T)).toBe('blue');
    expect(classifyPixel(245, 130, 20, T)).toBe('orange');
    expect(classifyPixel(200, 160, 130, T)).toBeNull(); // light skin
    expect(classifyPixel(140, 95, 70, T)).toBeNull(); // brown skin, saturation 0.5
    expect(classifyPixel(60, 40, 30, T)).toBeNull(); // dark hair
    expect(classifyPixel(128, 128, 128, T)).toBeNull();
    expect(classifyPixel(40, 5, 5, T)).toBeNull(); // red, but too dark to tell
    expect(classifyPixel(40, 200, 60, T)).toBeNull(); // green is no rule colour
  });

  it('places the regions beside and above the head, inside the frame', () => {
    const face = defaultFace();
    const regions = backgroundRegions(face, { width: 640, height: 480 });
    expect(regions).toHaveLength(3);
    const [top, left, right] = regions;
    expect(top!.y + top!.height).toBeLessThanOrEqual(face.y - 0.5 * face.height);
    expect(left!.x + left!.width).toBeLessThanOrEqual(face.x - 0.49 * face.width);
    expect(right!.x).toBeGreaterThanOrEqual(face.x + 1.49 * face.width);
    for (const r of regions) {
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.width).toBeLessThanOrEqual(640);
      expect(Number.isInteger(r.x) && Number.isInteger(r.height)).toBe(true);
    }
    // A face against the top-left corner leaves only the right side.
    const corner = { x: 0, y: 0, width: 100, height: 120 };
    expect(backgroundRegions(corner, { width: 640, height: 480 })).toHaveLength(1);
  });

  it('measures the share of each colour and needs a clear majority', () => {
    const img = frame({ background: RED });
    const regions = backgroundRegions(defaultFace(), img);
    const m = measureBackground(img, regions, T);
    expect(m.colour).toBe('red');
    expect(m.shares.red).toBe(1);
    expect(m.sampled).toBeGreaterThan(500);
    // Paint the lower half of every region grey: half red is not a background.
    for (const r of regions) {
      for (let y = r.y + Math.floor(r.height * 0.45); y < r.y + r.height; y++) {
        for (let x = r.x; x < r.x + r.width; x++)
          img.data.set([128, 128, 128], (y * img.width + x) * 4);
      }
    }
    const half = measureBackground(img, regions, T);
    expect(half.shares.red).toBeGreaterThan(0.3);
    expect(half.shares.red).toBeLessThan(T.minShare);
    expect(half.colour).toBeNull();
    expect(measureBackground(img, [], T)).toEqual({
      colour: null,
      shares: { red: 0, blue: 0, orange: 0 },
      sampled: 0,
    });
  });
});
