import { describe, expect, it } from 'vitest';
import {
  JPEG_QUALITIES,
  MAX_PHOTO_BYTES,
  MIN_PHOTO_EDGE,
  blobToBase64,
  bytesToBase64,
  fitWithin,
  jpegAttempts,
} from './jpeg';

describe('the JPEG plan', () => {
  it('uses the limit the core enforces', () => {
    // electron/core/applications/validate.ts: MAX_PHOTO_BYTES = 300 * 1024. Change both together.
    expect(MAX_PHOTO_BYTES).toBe(307_200);
  });

  it('fits the long edge, keeps the aspect ratio and never enlarges', () => {
    expect(fitWithin(1920, 1080, 1600)).toEqual({ width: 1600, height: 900 });
    expect(fitWithin(720, 1280, 1600)).toEqual({ width: 720, height: 1280 });
    expect(fitWithin(1080, 1920, 1600)).toEqual({ width: 900, height: 1600 });
  });

  it('tries every quality from 0.85 down at a size before shrinking it by 0.8', () => {
    const attempts = [...jpegAttempts(1920, 1080)];
    expect(attempts.slice(0, 6)).toEqual([
      ...JPEG_QUALITIES.map((quality) => ({ width: 1600, height: 900, quality })),
      { width: 1280, height: 720, quality: 0.85 },
    ]);
    expect(JPEG_QUALITIES).toEqual([0.85, 0.75, 0.65, 0.55, 0.45]);
  });

  it('ends, at no less than the smallest edge', () => {
    const attempts = [...jpegAttempts(1280, 720)];
    const last = attempts.at(-1);
    expect(last?.quality).toBe(0.45);
    expect(Math.max(last?.width ?? 0, last?.height ?? 0)).toBeGreaterThanOrEqual(MIN_PHOTO_EDGE);
    expect(attempts.length % JPEG_QUALITIES.length).toBe(0);
    expect(attempts.length).toBeLessThan(60);
  });
});

describe('base64', () => {
  it('encodes bytes as the core decodes them', () => {
    expect(bytesToBase64(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toBe('/9j/2Q==');
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('handles a photo-sized blob in one piece', async () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const text = await blobToBase64(new Blob([bytes], { type: 'image/jpeg' }));
    expect(text).toHaveLength(400_000);
    expect(Uint8Array.from(atob(text), (c) => c.charCodeAt(0))).toEqual(bytes);
  });
});
