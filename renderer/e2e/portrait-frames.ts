import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeY4m, type RgbaFrame } from './fake-camera';

/**
 * Fake webcam files for the portrait step, built from a real face: one frontal face of the
 * face-api package's demo photo sample6.jpg (a group photo, MIT like the package), cropped,
 * levelled and composited on a solid backdrop of the rule colour, with dark shoulders below,
 * framed as a head-and-shoulders picture at 640×480. Chromium decodes the JPEG (a canvas in a
 * blank page), so no image tool is needed; Node writes the Y4M.
 */

type Rgb = readonly [number, number, number];

/** Backdrop cloths as the kit's webcam sees them (saturated, a little dim). */
export const BACKDROP: Record<'red' | 'blue', Rgb> = { red: [196, 28, 40], blue: [28, 88, 190] };

const SAMPLE = createRequire(import.meta.url).resolve('@vladmandic/face-api/demo/sample6.jpg');
/**
 * The fourth woman of sample6.jpg: her face box as face-api's tiny detector finds it on the
 * whole photo (1920×1537), and the rotation that levels her eyes (her head leans 13°).
 */
const SOURCE_FACE = { x: 1438, y: 308, width: 313, height: 273 };
const LEVEL_DEGREES = -13;
const WIDTH = 640;
const HEIGHT = 480;
/** Face height in the frame and where its centre goes: inside every check's limits. */
const FACE_SHARE = 0.36;
const FACE_CENTRE = { x: 0.5, y: 0.45 };

interface Composite {
  backdrop: Rgb;
  hasFace: boolean;
  /** Multiplies every pixel: 0.12 is a room with the lights off. */
  gain: number;
}

// Runs in the page (plain JavaScript: this folder is type-checked without the DOM).
const COMPOSE = `async ([src, spec, face, level, w, h, share, at]) => {
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.fillStyle = 'rgb(' + spec.backdrop.join(',') + ')';
  ctx.fillRect(0, 0, w, h);
  if (spec.hasFace) {
    const scale = (share * h) / face.height;
    const fw = face.width * scale;
    const fh = face.height * scale;
    const cx = w * at.x;
    const cy = h * at.y;
    ctx.fillStyle = '#2b2f3a';
    ctx.beginPath();
    ctx.ellipse(cx, cy + fh * 1.55, fw * 1.5, fh * 0.9, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.save();
    ctx.beginPath();
    ctx.ellipse(cx, cy - fh * 0.1, fw * 0.62, fh * 0.85, 0, 0, Math.PI * 2);
    ctx.clip();
    ctx.translate(cx, cy);
    ctx.rotate((level * Math.PI) / 180);
    ctx.scale(scale, scale);
    ctx.drawImage(img, -(face.x + face.width / 2), -(face.y + face.height / 2));
    ctx.restore();
  }
  const data = ctx.getImageData(0, 0, w, h).data;
  for (let i = 0; i < data.length; i += 4) {
    for (let c = 0; c < 3; c++) data[i + c] = data[i + c] * spec.gain;
  }
  let binary = '';
  for (let i = 0; i < data.length; i += 0x8000) {
    binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}`;

async function compose(browser: Browser, spec: Composite): Promise<RgbaFrame> {
  const page = await browser.newPage();
  try {
    const src = `data:image/jpeg;base64,${readFileSync(SAMPLE).toString('base64')}`;
    const args = [src, spec, SOURCE_FACE, LEVEL_DEGREES, WIDTH, HEIGHT, FACE_SHARE, FACE_CENTRE];
    const base64 = (await page.evaluate(`(${COMPOSE})(${JSON.stringify(args)})`)) as string;
    return { width: WIDTH, height: HEIGHT, rgba: new Uint8Array(Buffer.from(base64, 'base64')) };
  } finally {
    await page.close();
  }
}

/** Sensor noise (±amplitude, uniform, seeded), so no two frames of the file are alike. */
function noisy(frame: RgbaFrame, amplitude: number, seed: number): RgbaFrame {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const rgba = new Uint8Array(frame.rgba);
  for (let i = 0; i < rgba.length; i += 4) {
    const n = (rand() - 0.5) * 2 * amplitude;
    for (let c = 0; c < 3; c++) rgba[i + c] = Math.max(0, Math.min(255, (rgba[i + c] ?? 0) + n));
  }
  return { ...frame, rgba };
}

export interface PortraitCameras {
  /** The face on the rule's colour: every check passes. */
  good: string;
  /** The same face on the other colour. */
  wrongColour: string;
  /** The backdrop alone. */
  noFace: string;
  /** The good picture with the light almost gone. */
  dark: string;
}

/**
 * Writes the four fake webcams for a person whose rule colour is `colour` into `dir`
 * (4 frames each at 10 fps, looping).
 */
export async function writePortraitCameras(
  browser: Browser,
  dir: string,
  colour: 'red' | 'blue',
): Promise<PortraitCameras> {
  const other = colour === 'red' ? 'blue' : 'red';
  const specs: Record<keyof PortraitCameras, Composite> = {
    good: { backdrop: BACKDROP[colour], hasFace: true, gain: 1 },
    wrongColour: { backdrop: BACKDROP[other], hasFace: true, gain: 1 },
    noFace: { backdrop: BACKDROP[colour], hasFace: false, gain: 1 },
    dark: { backdrop: BACKDROP[colour], hasFace: true, gain: 0.12 },
  };
  const out = {} as PortraitCameras;
  for (const [name, spec] of Object.entries(specs) as [keyof PortraitCameras, Composite][]) {
    const base = await compose(browser, spec);
    const file = join(dir, `portrait-${name}.y4m`);
    writeY4m(
      file,
      [1, 2, 3, 4].map((seed) => noisy(base, 3, seed)),
    );
    out[name] = file;
  }
  return out;
}
