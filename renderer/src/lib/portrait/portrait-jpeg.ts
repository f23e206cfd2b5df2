import type { PORTRAIT_SIZE as ContractPortraitSize } from '../../../../electron/contract';
import type { Box } from './geometry';

/**
 * The stored portrait: the crop drawn at exactly PORTRAIT_SIZE and encoded as JPEG. The type
 * ties the size to the contract's (the renderer may import only types from it).
 */
export const PORTRAIT_SIZE = {
  width: 480,
  height: 640,
} as const satisfies typeof ContractPortraitSize;

/** A 480×640 JPEG at 0.9 is about 60–150 KB; the limit only guards against a broken encoder. */
export const MAX_PORTRAIT_BYTES = 2 * 1024 * 1024;
const QUALITIES = [0.9, 0.8, 0.7] as const;

export async function encodePortrait(source: CanvasImageSource, crop: Box): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = PORTRAIT_SIZE.width;
  canvas.height = PORTRAIT_SIZE.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context');
  context.imageSmoothingQuality = 'high';
  context.drawImage(
    source,
    crop.x,
    crop.y,
    crop.width,
    crop.height,
    0,
    0,
    PORTRAIT_SIZE.width,
    PORTRAIT_SIZE.height,
  );
  for (const quality of QUALITIES) {
    const blob = await new Promise<Blob | null>((done) =>
      canvas.toBlob(done, 'image/jpeg', quality),
    );
    if (!blob) throw new Error('The canvas did not encode a JPEG');
    if (blob.size <= MAX_PORTRAIT_BYTES) return blob;
  }
  throw new Error(`No portrait JPEG under ${MAX_PORTRAIT_BYTES} bytes`);
}
