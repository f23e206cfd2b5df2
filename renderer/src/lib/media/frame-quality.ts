/**
 * Is the webcam frame good enough to photograph a document? Pure functions over a small grayscale
 * frame, so the rules are tested with synthetic images and cost a few milliseconds per frame on
 * a kiosk PC. The wizard samples the video (about 10 fps), feeds `SteadyCapture`, and takes the
 * full-resolution photo once the verdict is 'ready'.
 */

/** Luma 0–255, row-major, `width * height` bytes. */
export interface GrayFrame {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Exposure {
  /** Mean luma 0–255. */
  mean: number;
  /** Standard deviation of luma: how much there is to see at all (a blank wall is near 0). */
  contrast: number;
  /** Fraction of pixels below DARK_CLIP or above BRIGHT_CLIP (clipped). */
  clipped: number;
  clippedDark: number;
  clippedBright: number;
}

export type CaptureState = 'too-dark' | 'too-bright' | 'blurry' | 'moving' | 'steady' | 'ready';

export interface CaptureVerdict {
  state: CaptureState;
  sharpness: number;
  exposure: Exposure;
  /** Mean absolute difference from the previous frame; null for the first frame or a new size. */
  motion: number | null;
  /**
   * False when the frame shows next to nothing (a wall, a hand over the lens): the wizard says
   * "hold the document in front of the camera" rather than "hold still, it is blurry".
   */
  hasContent: boolean;
  /** Consecutive good frames so far, and how many make 'ready'. */
  steadyFrames: number;
  framesNeeded: number;
}

export interface CaptureThresholds {
  darkMean: number;
  brightMean: number;
  maxClipped: number;
  minContrast: number;
  minSharpness: number;
  maxMotion: number;
  readyFrames: number;
}

/** Pixels this close to 0 or 255 carry no detail (the sensor or the encoder clipped them). */
export const DARK_CLIP = 10;
export const BRIGHT_CLIP = 245;

/**
 * The thresholds are for frames from `toGray` at its default 160 px width. They were chosen on
 * the synthetic desk-and-sheet frame of renderer/e2e/fake-camera.ts (640×480), not yet on the
 * kiosk's own webcam: log `verdict.sharpness` and `verdict.motion` there before tightening them.
 * - darkMean / brightMean / maxClipped: the sheet on a desk averages about 150; below 45 the
 *   auto-exposure has given up (lens covered, lights off: the dark frame is 9), above 225 or with
 *   more than 60 % of the pixels clipped on one side the text is lost in black or white.
 * - minContrast: a blank wall with sensor noise has a luma spread under 1, the sheet on a desk
 *   about 65 (still over 60 when blurred); 12 leaves room for a dim, low-contrast card.
 * - minSharpness: the sharp sheet scores about 6,600 (the same through Chromium's fake camera);
 *   box-blurred over 3×3 source pixels 4,100, 5×5 2,000, 7×7 940, 9×9 570; the wall 7. 1,500
 *   refuses 7×7 and worse (text unreadable) but not a sharp card that fills less of the frame.
 *   The score grows with the amount of text as much as with focus (the denser page of the unit
 *   test still scores 1,780 at 7×7), and a 160 px frame cannot see mild softness: the price of
 *   a check cheap enough for every frame.
 * - maxMotion: noise alone (σ 3) gives about 0.9; the sheet moving 1 px of 640 per frame 4.7,
 *   2 px 9.0, 4 px 13. 6 lets a hand-held card tremble (10 px/s) and stops a drift of 20 px/s.
 * - readyFrames: 6 frames ≈ 0.6 s at 10 fps, long enough to be still, short enough not to annoy.
 */
export const DEFAULT_THRESHOLDS: Readonly<CaptureThresholds> = {
  darkMean: 45,
  brightMean: 225,
  maxClipped: 0.6,
  minContrast: 12,
  minSharpness: 1500,
  maxMotion: 6,
  readyFrames: 6,
};

/**
 * Box-averages RGBA pixels (ImageData.data) into a luma frame `targetWidth` wide (never wider than
 * the source), BT.601 weights. Averaging, not sampling, so sensor noise does not pass as detail.
 */
export function toGray(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  targetWidth = 160,
): GrayFrame {
  const outW = Math.max(1, Math.min(Math.round(targetWidth), width));
  const outH = Math.max(1, Math.round((height * outW) / width));
  const sums = new Float64Array(outW * outH);
  const counts = new Uint32Array(outW * outH);
  const column = new Uint32Array(width);
  for (let x = 0; x < width; x++) column[x] = Math.min(outW - 1, Math.floor((x * outW) / width));
  for (let y = 0; y < height; y++) {
    const rowOut = Math.min(outH - 1, Math.floor((y * outH) / height)) * outW;
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      const o = rowOut + (column[x] ?? 0);
      const luma = 0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0);
      sums[o] = (sums[o] ?? 0) + luma;
      counts[o] = (counts[o] ?? 0) + 1;
    }
  }
  const data = new Uint8Array(outW * outH);
  for (let o = 0; o < data.length; o++) data[o] = Math.round((sums[o] ?? 0) / (counts[o] || 1));
  return { width: outW, height: outH, data };
}

/** Variance of the 4-neighbour Laplacian over the interior pixels (the usual focus measure). */
export function sharpness(frame: GrayFrame): number {
  const { width: w, height: h, data } = frame;
  if (w < 3 || h < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const lap =
        4 * (data[i] ?? 0) -
        (data[i - 1] ?? 0) -
        (data[i + 1] ?? 0) -
        (data[i - w] ?? 0) -
        (data[i + w] ?? 0);
      sum += lap;
      sumSq += lap * lap;
    }
  }
  const n = (w - 2) * (h - 2);
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

export function exposure(frame: GrayFrame): Exposure {
  const { data } = frame;
  const n = data.length || 1;
  let sum = 0;
  let sumSq = 0;
  let dark = 0;
  let bright = 0;
  for (const v of data) {
    sum += v;
    sumSq += v * v;
    if (v < DARK_CLIP) dark++;
    else if (v > BRIGHT_CLIP) bright++;
  }
  const mean = sum / n;
  return {
    mean,
    contrast: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    clipped: (dark + bright) / n,
    clippedDark: dark / n,
    clippedBright: bright / n,
  };
}

/** Mean absolute luma difference of two frames of the same size. */
export function motion(a: GrayFrame, b: GrayFrame): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`Frames differ in size: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  }
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0));
  return sum / (a.data.length || 1);
}

export interface SteadyState {
  previous: GrayFrame | null;
  steadyFrames: number;
}

export const INITIAL_STEADY: SteadyState = { previous: null, steadyFrames: 0 };

/**
 * One step of the capture check: the verdict for `frame` and the state for the next one. A frame
 * counts towards 'ready' when it is well exposed, has content, is sharp and moved less than
 * maxMotion since the previous frame (the first frame has nothing to compare with and counts).
 * Any bad frame starts the count again.
 */
export function stepSteady(
  state: SteadyState,
  frame: GrayFrame,
  thresholds: Readonly<CaptureThresholds> = DEFAULT_THRESHOLDS,
): { state: SteadyState; verdict: CaptureVerdict } {
  const t = thresholds;
  const exp = exposure(frame);
  const sharp = sharpness(frame);
  const prev = state.previous;
  const isSameSize = prev !== null && prev.width === frame.width && prev.height === frame.height;
  const moved = isSameSize ? motion(prev, frame) : null;
  const hasContent = exp.contrast >= t.minContrast;

  let bad: CaptureState | null = null;
  if (exp.mean < t.darkMean || exp.clippedDark > t.maxClipped) bad = 'too-dark';
  else if (exp.mean > t.brightMean || exp.clippedBright > t.maxClipped) bad = 'too-bright';
  else if (moved !== null && moved > t.maxMotion) bad = 'moving';
  else if (!hasContent || sharp < t.minSharpness) bad = 'blurry';

  const steadyFrames = bad === null ? state.steadyFrames + 1 : 0;
  const verdict: CaptureVerdict = {
    state: bad ?? (steadyFrames >= t.readyFrames ? 'ready' : 'steady'),
    sharpness: sharp,
    exposure: exp,
    motion: moved,
    hasContent,
    steadyFrames,
    framesNeeded: t.readyFrames,
  };
  return { state: { previous: frame, steadyFrames }, verdict };
}

/** `stepSteady` with its state kept, for a capture screen that pushes one frame at a time. */
export class SteadyCapture {
  #state: SteadyState = INITIAL_STEADY;
  readonly #thresholds: Readonly<CaptureThresholds>;

  constructor(thresholds: Partial<CaptureThresholds> = {}) {
    this.#thresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  }

  push(frame: GrayFrame): CaptureVerdict {
    const { state, verdict } = stepSteady(this.#state, frame, this.#thresholds);
    this.#state = state;
    return verdict;
  }

  /** Forget the previous frame and the count (after a photo is taken or the camera changes). */
  reset(): void {
    this.#state = INITIAL_STEADY;
  }
}
