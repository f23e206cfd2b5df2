import { crc32 } from 'node:zlib';
import { isJpeg } from '../applications/validate';

/**
 * Just enough of JPEG and PNG to refuse what is not the image it claims to be: the frame size
 * from the JPEG SOF segment, and the PNG's IHDR with every chunk's CRC. Nothing is decoded.
 */

export interface ImageSize {
  width: number;
  height: number;
}

/** SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range. */
const isSof = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
/** Markers without a length: TEM and RST0..7 (SOI is handled first). */
const isStandalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * The frame size of a JPEG, or null when the bytes are not one: SOI, segments with sound
 * lengths, exactly one SOF (1 or 3 components, 8-bit) before the first SOS, and EOI at the end.
 */
export function jpegSize(bytes: Uint8Array): ImageSize | null {
  if (!isJpeg(bytes)) return null;
  const n = bytes.length;
  let size: ImageSize | null = null;
  let i = 2;
  while (i + 4 <= n) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte before a marker
      continue;
    }
    if (isStandalone(marker)) {
      i += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return null;
    const length = ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0);
    if (length < 2 || i + 2 + length > n) return null;
    if (isSof(marker)) {
      if (size) return null;
      const components = bytes[i + 9] ?? 0;
      if (bytes[i + 4] !== 8 || length !== 8 + 3 * components) return null;
      if (components !== 1 && components !== 3) return null;
      const height = ((bytes[i + 5] ?? 0) << 8) | (bytes[i + 6] ?? 0);
      const width = ((bytes[i + 7] ?? 0) << 8) | (bytes[i + 8] ?? 0);
      if (width === 0 || height === 0) return null;
      size = { width, height };
    }
    // Entropy-coded data follows the first SOS; the EOI at the end was checked by isJpeg.
    if (marker === 0xda) return size;
    i += 2 + length;
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The size of a PNG, or null when the bytes are not one: the signature, IHDR first (13 bytes),
 * every chunk whole with a matching CRC, at least one IDAT, and IEND last.
 */
export function pngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 8 + 25 + 12 || PNG_SIGNATURE.some((b, k) => bytes[k] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size: ImageSize | null = null;
  let hasData = false;
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = view.getUint32(i);
    const end = i + 12 + length;
    if (end > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(i + 4, i + 8));
    if (crc32(bytes.subarray(i + 4, i + 8 + length)) !== view.getUint32(i + 8 + length))
      return null;
    if (i === 8) {
      if (type !== 'IHDR' || length !== 13) return null;
      size = { width: view.getUint32(i + 8), height: view.getUint32(i + 12) };
      if (size.width === 0 || size.height === 0) return null;
    }
    if (type === 'IDAT') hasData = true;
    if (type === 'IEND') return end === bytes.length && hasData ? size : null;
    i = end;
  }
  return null;
}
