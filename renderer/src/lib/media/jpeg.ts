/**
 * Document photos as JPEGs the core accepts. The plan (which size, which quality, in which order)
 * is pure and tested; `compressToJpeg` only runs it against a canvas.
 */

/**
 * The core refuses a photo over this many decoded bytes (MAX_PHOTO_BYTES in
 * electron/core/applications/validate.ts; the renderer may not import the core, so the number is
 * repeated here and the unit test pins it).
 */
export const MAX_PHOTO_BYTES = 300 * 1024;

/** Long edge of a stored photo: a KK or KTP stays readable at 1600 px, and the file stays small. */
export const MAX_PHOTO_EDGE = 1600;

/** Tried in order at each size; below 0.45 text edges ring before a smaller size would blur them. */
export const JPEG_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45] as const;

/** Each new size is this much of the last one (0.64 of the pixels). */
export const SHRINK_FACTOR = 0.8;

/** Give up below this long edge: a JPEG that small is far under any sane limit, so it is a bug. */
export const MIN_PHOTO_EDGE = 160;

export interface JpegAttempt {
  width: number;
  height: number;
  quality: number;
}

export interface JpegResult extends JpegAttempt {
  blob: Blob;
}

/** The largest size with the same aspect ratio whose long edge is at most `maxEdge`. */
export function fitWithin(
  width: number,
  height: number,
  maxEdge: number,
): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Every encoding to try, best first: all qualities at the fitted size, then at 0.8 of it, and so
 * on down to MIN_PHOTO_EDGE.
 */
export function* jpegAttempts(
  width: number,
  height: number,
  maxEdge = MAX_PHOTO_EDGE,
): Generator<JpegAttempt> {
  let size = fitWithin(width, height, maxEdge);
  for (;;) {
    for (const quality of JPEG_QUALITIES) yield { ...size, quality };
    const edge = Math.floor(Math.max(size.width, size.height) * SHRINK_FACTOR);
    if (edge < MIN_PHOTO_EDGE) return;
    size = fitWithin(size.width, size.height, edge);
  }
}

/**
 * Draws `source` (a video element, an ImageBitmap, a canvas) `width`×`height` as given, and
 * encodes it as the best JPEG not over `maxBytes`. Each size is drawn from the source again, so
 * shrinking never blurs twice.
 */
export async function compressToJpeg(
  source: CanvasImageSource,
  width: number,
  height: number,
  maxBytes = MAX_PHOTO_BYTES,
  maxEdge = MAX_PHOTO_EDGE,
): Promise<JpegResult> {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context');
  for (const attempt of jpegAttempts(width, height, maxEdge)) {
    if (canvas.width !== attempt.width || canvas.height !== attempt.height) {
      canvas.width = attempt.width;
      canvas.height = attempt.height;
      context.imageSmoothingQuality = 'high';
      context.drawImage(source, 0, 0, attempt.width, attempt.height);
    }
    const blob = await encode(canvas, attempt.quality);
    if (blob.size <= maxBytes) return { blob, ...attempt };
  }
  throw new Error(`No JPEG of ${width}x${height} fits in ${maxBytes} bytes`);
}

function encode(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The canvas did not encode a JPEG'))),
      'image/jpeg',
      quality,
    );
  });
}

/** Base64 of bytes, in chunks so a 300 KB photo does not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** The base64 the core expects in ApplicationPhotoInput.dataBase64 (no `data:` prefix). */
export async function blobToBase64(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}
