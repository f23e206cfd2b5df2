import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS,
  INITIAL_STEADY,
  SteadyCapture,
  exposure,
  motion,
  sharpness,
  stepSteady,
  toGray,
  type CaptureVerdict,
  type GrayFrame,
} from './frame-quality';

const W = 640;
const H = 480;

/** A deterministic hash of integer coordinates to [0, 1). */
function hash(a: number, b: number, c = 0): number {
  let h = Math.imul(a, 374761393) + Math.imul(b, 668265263) + Math.imul(c, 2147483647);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * A light sheet on a dark desk with lines of 5×7 pseudo-glyphs, as luma. `dx` moves the whole
 * scene, the way a hand-held document moves in front of a fixed camera.
 */
function page(dx = 0): Float64Array {
  const luma = new Float64Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const u = x - dx - 40;
      const v = y - 40;
      let value = 60;
      if (u >= 0 && u < 560 && v >= 0 && v < 400) {
        const [cell, row, cx, cy] = [Math.floor(u / 6), Math.floor(v / 12), u % 6, v % 12];
        const isGlyph = cx < 5 && cy < 7 && hash(cell, row) > 0.15;
        value = isGlyph && hash(cell * 6 + cx, row * 12 + cy, 1) < 0.45 ? 30 : 230;
      }
      luma[y * W + x] = value;
    }
  }
  return luma;
}

function uniform(value: number): Float64Array {
  return new Float64Array(W * H).fill(value);
}

/**
 * Separable box blur over (2r+1)² pixels: an out-of-focus lens, roughly. This page is denser than
 * fake-camera's, so it takes 9×9 (r = 4) to fall below minSharpness.
 */
function blur(luma: Float64Array, r: number): Float64Array {
  const pass = (src: Float64Array, isHorizontal: boolean): Float64Array => {
    const out = new Float64Array(src.length);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let sum = 0;
        for (let k = -r; k <= r; k++) {
          const xx = isHorizontal ? Math.min(W - 1, Math.max(0, x + k)) : x;
          const yy = isHorizontal ? y : Math.min(H - 1, Math.max(0, y + k));
          sum += src[yy * W + xx] ?? 0;
        }
        out[y * W + x] = sum / (2 * r + 1);
      }
    }
    return out;
  };
  return pass(pass(luma, true), false);
}

/** Luma as camera RGBA, with optional sensor noise (fresh per seed). */
function frame(luma: Float64Array, noise = 0, seed = 1): GrayFrame {
  const rgba = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const n = noise
      ? (hash(i, seed, 2) + hash(i, seed, 3) + hash(i, seed, 4) - 1.5) * 2 * noise
      : 0;
    const v = (luma[i] ?? 0) + n;
    rgba.set([v, v, v, 255], i * 4);
  }
  return toGray(rgba, W, H);
}

function feed(frames: GrayFrame[]): CaptureVerdict[] {
  const capture = new SteadyCapture();
  return frames.map((f) => capture.push(f));
}

describe('toGray', () => {
  it('box-averages into a frame 160 wide with BT.601 weights', () => {
    const rgba = new Uint8ClampedArray(4 * 2 * 4);
    // Row 0: red, green; row 1: blue, white. Averaged into one pixel, and each on its own.
    rgba.set([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    expect(toGray(rgba, 2, 2, 1)).toEqual({ width: 1, height: 1, data: Uint8Array.of(128) });
    expect([...toGray(rgba, 2, 2).data]).toEqual([76, 150, 29, 255]);
    const big = toGray(new Uint8ClampedArray(W * H * 4), W, H);
    expect([big.width, big.height]).toEqual([160, 120]);
  });
});

describe('sharpness and exposure', () => {
  const sharp = frame(page());

  it('scores a sharp page far above the same page out of focus', () => {
    const score = sharpness(sharp);
    const soft = sharpness(frame(blur(page(), 4)));
    expect(score).toBeGreaterThan(3 * DEFAULT_THRESHOLDS.minSharpness);
    expect(soft).toBeLessThan(DEFAULT_THRESHOLDS.minSharpness);
    expect(exposure(sharp).contrast).toBeGreaterThan(DEFAULT_THRESHOLDS.minContrast);
  });

  it('sees nothing in a blank wall', () => {
    const wall = frame(uniform(140), 3);
    expect(sharpness(wall)).toBeLessThan(50);
    expect(exposure(wall).contrast).toBeLessThan(DEFAULT_THRESHOLDS.minContrast);
    const [verdict] = feed([wall]);
    expect(verdict).toMatchObject({ state: 'blurry', hasContent: false });
  });

  it('tells a blurry document from an empty view', () => {
    const [verdict] = feed([frame(blur(page(), 4))]);
    expect(verdict).toMatchObject({ state: 'blurry', hasContent: true });
  });

  it('measures mean and clipping', () => {
    expect(exposure(frame(uniform(4)))).toMatchObject({ mean: 4, clipped: 1, clippedDark: 1 });
    expect(exposure(frame(uniform(250)))).toMatchObject({ clipped: 1, clippedBright: 1 });
    expect(exposure(sharp).clipped).toBe(0);
  });

  it('calls a dark and a bright frame what they are', () => {
    const dark = page().map((v) => v * 0.15);
    const bright = page().map((v) => Math.min(255, v + 200));
    expect(feed([frame(dark)])[0]?.state).toBe('too-dark');
    expect(feed([frame(bright)])[0]?.state).toBe('too-bright');
  });
});

describe('motion', () => {
  it('is the mean absolute difference, zero for the same frame', () => {
    const a: GrayFrame = { width: 2, height: 1, data: Uint8Array.of(10, 20) };
    const b: GrayFrame = { width: 2, height: 1, data: Uint8Array.of(16, 10) };
    expect(motion(a, b)).toBe(8);
    expect(motion(a, a)).toBe(0);
    expect(() => motion(a, { width: 1, height: 2, data: Uint8Array.of(1, 2) })).toThrow();
  });
});

describe('SteadyCapture', () => {
  const needed = DEFAULT_THRESHOLDS.readyFrames;

  it('is ready after N steady, sharp frames', () => {
    const still = frame(page());
    const states = feed(Array.from({ length: needed + 2 }, () => still)).map((v) => v.state);
    expect(states).toEqual([
      ...Array<string>(needed - 1).fill('steady'),
      'ready',
      'ready',
      'ready',
    ]);
  });

  it('is ready despite sensor noise', () => {
    const frames = Array.from({ length: needed }, (_, i) => frame(page(), 4, i + 1));
    const verdicts = feed(frames);
    expect(verdicts.at(-1)?.state).toBe('ready');
    expect(Math.max(...verdicts.map((v) => v.motion ?? 0))).toBeLessThan(2);
  });

  it('never becomes ready while the document moves', () => {
    const frames = Array.from({ length: 3 * needed }, (_, i) => frame(page(i * 4)));
    const verdicts = feed(frames);
    expect(verdicts.slice(1).every((v) => v.state === 'moving')).toBe(true);
    expect(verdicts.some((v) => v.state === 'ready')).toBe(false);
  });

  it('starts counting again after a bad frame, and after reset()', () => {
    const still = frame(page());
    const capture = new SteadyCapture({ readyFrames: 3 });
    capture.push(still);
    capture.push(still);
    expect(capture.push(frame(uniform(5))).state).toBe('too-dark');
    // The jump back from the dark frame is itself motion; the count starts on the frame after.
    expect(capture.push(still)).toMatchObject({ state: 'moving', steadyFrames: 0 });
    expect(capture.push(still).steadyFrames).toBe(1);
    capture.push(still);
    expect(capture.push(still).state).toBe('ready');
    capture.reset();
    expect(capture.push(still)).toMatchObject({ state: 'steady', motion: null, steadyFrames: 1 });
  });

  it('is a pure step underneath', () => {
    const still = frame(page());
    const first = stepSteady(INITIAL_STEADY, still);
    const second = stepSteady(first.state, still);
    expect(first.verdict.motion).toBeNull();
    expect(second.verdict).toMatchObject({ motion: 0, steadyFrames: 2, framesNeeded: needed });
    expect(INITIAL_STEADY).toEqual({ previous: null, steadyFrames: 0 });
  });
});
