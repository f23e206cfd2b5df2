import type { PortraitThresholds } from './thresholds';

/**
 * Plain geometry of the portrait step, in pixels of the frame it was measured on. Nothing here
 * touches the DOM, so the checks are tested with synthetic frames under Node.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** RGBA pixels, row-major (ImageData's layout). */
export interface RgbaImage extends Size {
  data: Uint8ClampedArray | Uint8Array;
}

/** One face as the detector saw it: score 0..1, its box, and the 68 landmarks (iBUG order). */
export interface FaceObservation {
  score: number;
  box: Box;
  landmarks: readonly Point[];
}

export function centre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function scaleBox(box: Box, factor: number): Box {
  return {
    x: box.x * factor,
    y: box.y * factor,
    width: box.width * factor,
    height: box.height * factor,
  };
}

/** The part of `box` inside the frame, on whole pixels; null when nothing is left. */
export function clipBox(box: Box, frame: Size): Box | null {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(frame.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(frame.height, Math.ceil(box.y + box.height));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** Copies the pixels of a box (clipped to the image) into an image of its own. */
export function cropRgba(image: RgbaImage, box: Box): RgbaImage | null {
  const clip = clipBox(box, image);
  if (!clip) return null;
  const data = new Uint8ClampedArray(clip.width * clip.height * 4);
  for (let y = 0; y < clip.height; y++) {
    const from = ((clip.y + y) * image.width + clip.x) * 4;
    data.set(image.data.subarray(from, from + clip.width * 4), y * clip.width * 4);
  }
  return { width: clip.width, height: clip.height, data };
}

/**
 * Where the guide expects the face: the guide centre, the middle of the allowed face heights,
 * a face as wide as 0.8 of its height. Used for the background regions when no face is found.
 */
export function guideFaceBox(frame: Size, t: Readonly<PortraitThresholds>): Box {
  const height = frame.height * ((t.faceHeight.min + t.faceHeight.max) / 2);
  const width = height * 0.8;
  return {
    x: frame.width * t.guideCentre.x - width / 2,
    y: frame.height * t.guideCentre.y - height / 2,
    width,
    height,
  };
}

/**
 * The 3:4 portrait around a face: the face box is `crop.faceShare` of the crop's height with
 * its top at `crop.faceTop`, centred across. A crop larger than the frame shrinks (the face
 * then fills more of it); one that sticks out shifts back inside. Always exactly 3:4.
 */
export function portraitCrop(face: Box, frame: Size, t: Readonly<PortraitThresholds>): Box {
  let height = face.height / t.crop.faceShare;
  height = Math.min(height, frame.height, (frame.width * 4) / 3);
  const width = (height * 3) / 4;
  const faceCentre = centre(face);
  const x = faceCentre.x - width / 2;
  const y = face.y - height * t.crop.faceTop;
  return {
    x: Math.min(Math.max(0, x), frame.width - width),
    y: Math.min(Math.max(0, y), frame.height - height),
    width,
    height,
  };
}
