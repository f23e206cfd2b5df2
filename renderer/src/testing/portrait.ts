import type { Box, FaceObservation, Point, RgbaImage } from '../lib/portrait/geometry';

/**
 * Synthetic frames and faces for the unit tests: a solid background with a textured skin-tone
 * oval and dark shoulders, and 68 landmarks placed the way a detector would put them.
 */

export type Rgb = readonly [number, number, number];

export const RED: Rgb = [200, 30, 40];
export const BLUE: Rgb = [30, 90, 200];
export const ORANGE: Rgb = [235, 130, 20];
export const GREY: Rgb = [128, 128, 128];
const SKIN: Rgb = [200, 160, 130];

export interface FrameOptions {
  width?: number;
  height?: number;
  background?: Rgb;
  /** The face box; null for a frame with no face. */
  face?: Box | null;
  /** Multiplies every pixel (0.1 = a very dark room). */
  gain?: number;
  /** Texture contrast on the face (0 = a flat, featureless blur). */
  texture?: number;
}

/** Deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function defaultFace(width = 640, height = 480): Box {
  const h = height * 0.36;
  const w = h * 0.85;
  return { x: width * 0.5 - w / 2, y: height * 0.45 - h / 2, width: w, height: h };
}

export function frame(options: FrameOptions = {}): RgbaImage {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const face = options.face === undefined ? defaultFace(width, height) : options.face;
  const bg = options.background ?? RED;
  const gain = options.gain ?? 1;
  const texture = options.texture ?? 40;
  const rand = random(11);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let c: Rgb = bg;
      let noise = 0;
      if (face) {
        const cx = face.x + face.width / 2;
        const cy = face.y + face.height / 2;
        const nx = (x - cx) / (face.width * 0.6);
        const ny = (y - cy + face.height * 0.1) / (face.height * 0.7);
        const isShoulders =
          y > face.y + face.height * 1.2 &&
          Math.abs(x - cx) < face.width * (1.2 + (y - face.y - face.height) / face.height);
        if (nx * nx + ny * ny <= 1) {
          c = SKIN;
          // Blocky detail 4 px wide: edges a Laplacian sees, like eyebrows, lids and pores.
          noise = (random(((y >> 2) * 997 + (x >> 2)) >>> 0)() - 0.5) * texture;
        } else if (isShoulders) {
          c = [40, 44, 60];
        }
      }
      const i = (y * width + x) * 4;
      const jitter = (rand() - 0.5) * 4;
      data[i] = (c[0] + noise + jitter) * gain;
      data[i + 1] = (c[1] + noise + jitter) * gain;
      data[i + 2] = (c[2] + noise + jitter) * gain;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

export interface PoseOptions {
  /** Lid gap as a share of eye width (0.3 open, 0.05 closed). */
  eyeOpen?: number;
  /** Nose shift along the eye line in interocular distances. */
  yaw?: number;
  rollDegrees?: number;
}

/** 68 landmarks in iBUG order for a face box; only the eyes and nose tip are placed with care. */
export function landmarks(box: Box, pose: PoseOptions = {}): Point[] {
  const open = pose.eyeOpen ?? 0.3;
  const roll = ((pose.rollDegrees ?? 0) * Math.PI) / 180;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const eyeW = box.width * 0.18;
  const between = box.width * 0.4;
  const eyeY = -box.height * 0.1;
  const local: Point[] = Array.from({ length: 68 }, () => ({ x: 0, y: 0 }));
  for (const [first, ex] of [
    [36, -between / 2],
    [42, between / 2],
  ] as const) {
    const half = (eyeW * open) / 2;
    const pts: Point[] = [
      { x: ex - eyeW / 2, y: eyeY },
      { x: ex - eyeW / 6, y: eyeY - half },
      { x: ex + eyeW / 6, y: eyeY - half },
      { x: ex + eyeW / 2, y: eyeY },
      { x: ex + eyeW / 6, y: eyeY + half },
      { x: ex - eyeW / 6, y: eyeY + half },
    ];
    pts.forEach((p, k) => (local[first + k] = p));
  }
  local[30] = { x: (pose.yaw ?? 0) * between, y: box.height * 0.12 };
  const cos = Math.cos(roll);
  const sin = Math.sin(roll);
  return local.map((p) => ({ x: cx + p.x * cos - p.y * sin, y: cy + p.x * sin + p.y * cos }));
}

export function observation(box: Box, pose: PoseOptions = {}, score = 0.9): FaceObservation {
  return { score, box, landmarks: landmarks(box, pose) };
}
