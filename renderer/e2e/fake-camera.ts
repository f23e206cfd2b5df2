import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';

/**
 * Synthetic webcam input for e2e tests. Chromium started with
 * `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>.y4m` plays the
 * file as the camera, looping it, so a test decides exactly what the kiosk camera sees.
 */

export interface RgbaFrame {
  width: number;
  height: number;
  /** 4 bytes per pixel, row-major; alpha is ignored by the Y4M writer. */
  rgba: Uint8Array;
}

/** The flags that make the file the camera (plus auto-accepting the permission prompt). */
export function fakeCameraArgs(y4mPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${y4mPath}`,
  ];
}

/**
 * Writes a YUV4MPEG2 file: 4:2:0 planar (chroma averaged over 2×2, hence `C420jpeg` siting),
 * BT.601 limited range, which is how Chromium reads a capture device's I420 frames. Chromium's
 * parser wants the bare `FRAME\n` delimiter and a header under 200 bytes, and takes the frame
 * rate as an integer.
 */
export function writeY4m(path: string, frames: readonly RgbaFrame[], fps = 10): void {
  const first = frames[0];
  if (!first) throw new Error('writeY4m needs at least one frame');
  const { width, height } = first;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error(`Odd size ${width}x${height}`);
  if (!Number.isInteger(fps) || fps < 1) throw new Error(`Frame rate must be an integer: ${fps}`);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const parts: Buffer[] = [header];
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error('Frames differ in size');
    parts.push(Buffer.from('FRAME\n'), rgbaToI420(frame));
  }
  writeFileSync(path, Buffer.concat(parts));
}

function rgbaToI420({ width, height, rgba }: RgbaFrame): Buffer {
  const cw = width / 2;
  const ch = height / 2;
  const out = Buffer.alloc(width * height + 2 * cw * ch);
  const px = (x: number, y: number, c: number): number => rgba[(y * width + x) * 4 + c] ?? 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const luma = 0.299 * px(x, y, 0) + 0.587 * px(x, y, 1) + 0.114 * px(x, y, 2);
      out[y * width + x] = Math.round(16 + (219 * luma) / 255);
    }
  }
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        r += px(2 * x + dx, 2 * y + dy, 0) / 4;
        g += px(2 * x + dx, 2 * y + dy, 1) / 4;
        b += px(2 * x + dx, 2 * y + dy, 2) / 4;
      }
      const cb = -0.168736 * r - 0.331264 * g + 0.5 * b;
      const cr = 0.5 * r - 0.418688 * g - 0.081312 * b;
      out[width * height + y * cw + x] = Math.round(128 + (224 * cb) / 255);
      out[width * height + cw * ch + y * cw + x] = Math.round(128 + (224 * cr) / 255);
    }
  }
  return out;
}

type Rgb = readonly [number, number, number];

function blank(width: number, height: number, [r, g, b]: Rgb): RgbaFrame {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([r, g, b, 255], i);
  return { width, height, rgba };
}

function fillRect(f: RgbaFrame, x0: number, y0: number, w: number, h: number, c: Rgb): void {
  const xa = Math.max(0, Math.round(x0));
  const ya = Math.max(0, Math.round(y0));
  const xb = Math.min(f.width, Math.round(x0 + w));
  const yb = Math.min(f.height, Math.round(y0 + h));
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) f.rgba.set([c[0], c[1], c[2], 255], (y * f.width + x) * 4);
  }
}

/** Deterministic PRNG (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DocumentOptions {
  /** Moves the sheet (px), e.g. a few px per frame for a hand that is not still. */
  offsetX?: number;
  offsetY?: number;
  /** Gaussian-ish sensor noise, standard deviation in 0–255 units (fresh per `seed`). */
  noise?: number;
  seed?: number;
}

const DESK: Rgb = [70, 58, 48];
const PAPER: Rgb = [232, 230, 222];
const INK: Rgb = [28, 30, 42];

/**
 * A document on a desk: dark desk, a light landscape sheet (A4 proportions, the way a Kartu
 * Keluarga lies) over about 85 % of the width, with a title bar, a ruled table and lines of
 * 5×7-pixel pseudo-glyphs: sharp, high-contrast detail like printed text.
 */
export function documentFrame(width = 640, height = 480, options: DocumentOptions = {}): RgbaFrame {
  const f = blank(width, height, DESK);
  const sheetW = Math.min(width * 0.86, height * 0.86 * Math.SQRT2);
  const sheetH = sheetW / Math.SQRT2;
  const left = (width - sheetW) / 2 + (options.offsetX ?? 0);
  const top = (height - sheetH) / 2 + (options.offsetY ?? 0);
  fillRect(f, left, top, sheetW, sheetH, PAPER);
  fillRect(f, left + sheetW * 0.2, top + 14, sheetW * 0.6, 12, INK);
  const rand = random(7);
  const tableTop = top + 40;
  const rows = Math.floor((sheetH - 60) / 14);
  for (let row = 0; row <= rows; row++)
    fillRect(f, left + 16, tableTop + row * 14, sheetW - 32, 1, INK);
  for (const at of [0, 0.08, 0.4, 0.62, 1]) {
    fillRect(f, left + 16 + at * (sheetW - 33), tableTop, 1, rows * 14, INK);
  }
  for (let row = 0; row < rows; row++) {
    let x = left + 20;
    const y = tableTop + row * 14 + 4;
    while (x < left + sheetW - 40) {
      const letters = 3 + Math.floor(rand() * 7);
      for (let l = 0; l < letters; l++, x += 6) {
        for (let gy = 0; gy < 7; gy++) {
          for (let gx = 0; gx < 5; gx++) if (rand() < 0.45) fillRect(f, x + gx, y + gy, 1, 1, INK);
        }
      }
      x += 6;
    }
  }
  if (options.noise) addNoise(f, options.noise, options.seed ?? 1);
  return f;
}

function addNoise(f: RgbaFrame, sigma: number, seed: number): void {
  const rand = random(seed);
  for (let i = 0; i < f.rgba.length; i += 4) {
    // The sum of three uniforms is close enough to a normal distribution for sensor noise.
    const n = (rand() + rand() + rand() - 1.5) * 2 * sigma;
    for (let c = 0; c < 3; c++)
      f.rgba[i + c] = Math.max(0, Math.min(255, (f.rgba[i + c] ?? 0) + n));
  }
}

/**
 * The QR code of `text` as the receipt prints it (error correction M), 8 px per module (smaller
 * if it would not fit) with a 4-module quiet zone, centred on white.
 */
export function qrFrame(text: string, width = 640, height = 480): RgbaFrame {
  const f = blank(width, height, [255, 255, 255]);
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const total = modules.size + 8;
  const scale = Math.max(1, Math.min(8, Math.floor(Math.min(width, height) / total)));
  const left = Math.floor((width - modules.size * scale) / 2);
  const top = Math.floor((height - modules.size * scale) / 2);
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x))
        fillRect(f, left + x * scale, top + y * scale, scale, scale, [0, 0, 0]);
    }
  }
  return f;
}

/** A room with the lights off or a lens covered: nearly black, faint content. */
export function darkFrame(width = 640, height = 480): RgbaFrame {
  const f = blank(width, height, [6, 6, 8]);
  fillRect(f, width * 0.2, height * 0.2, width * 0.6, height * 0.6, [16, 15, 14]);
  return f;
}

/**
 * A fresh temporary folder with document.y4m in it: a held document with sensor noise, as a
 * webcam sees it, steady yet no two frames alike.
 */
export function documentCamera(prefix: string): { folder: string; file: string } {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const file = join(folder, 'document.y4m');
  writeY4m(
    file,
    Array.from({ length: 20 }, (_, i) => documentFrame(640, 480, { noise: 4, seed: i + 1 })),
  );
  return { folder, file };
}
