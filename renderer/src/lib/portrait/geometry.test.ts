import { describe, expect, it } from 'vitest';
import { clipBox, cropRgba, guideFaceBox, portraitCrop, scaleBox } from './geometry';
import { PORTRAIT_THRESHOLDS as T } from './thresholds';

describe('portrait geometry', () => {
  it('crops 3:4 with the face at half the height, its top a quarter down, centred across', () => {
    const face = { x: 260, y: 130, width: 150, height: 170 };
    const crop = portraitCrop(face, { width: 1280, height: 720 }, T);
    expect(crop.width / crop.height).toBeCloseTo(0.75, 10);
    expect(face.height / crop.height).toBeCloseTo(T.crop.faceShare, 10);
    expect((face.y - crop.y) / crop.height).toBeCloseTo(T.crop.faceTop, 10);
    expect(crop.x + crop.width / 2).toBeCloseTo(face.x + face.width / 2, 10);
  });

  it('shrinks a crop taller than the frame and shifts one that sticks out back inside', () => {
    const frame = { width: 640, height: 480 };
    const close = portraitCrop({ x: 220, y: 100, width: 200, height: 300 }, frame, T);
    expect(close.height).toBe(480);
    expect(close.width).toBe(360);
    expect(close.y).toBe(0);
    const corner = portraitCrop({ x: 0, y: 10, width: 100, height: 120 }, frame, T);
    expect(corner.x).toBe(0);
    expect(corner.y).toBe(0);
    expect(corner.width / corner.height).toBeCloseTo(0.75, 10);
    const edge = portraitCrop({ x: 580, y: 400, width: 60, height: 80 }, frame, T);
    expect(edge.x + edge.width).toBeCloseTo(640, 10);
    expect(edge.y + edge.height).toBeCloseTo(480, 10);
    // A portrait frame narrower than 3:4 limits the height by the width.
    const narrow = portraitCrop(
      { x: 10, y: 100, width: 200, height: 260 },
      { width: 300, height: 600 },
      T,
    );
    expect(narrow.width).toBe(300);
    expect(narrow.height).toBe(400);
  });

  it('clips boxes to whole pixels inside the frame and copies their pixels', () => {
    expect(clipBox({ x: -5.5, y: 2.2, width: 20, height: 3 }, { width: 10, height: 10 })).toEqual({
      x: 0,
      y: 2,
      width: 10,
      height: 4,
    });
    expect(clipBox({ x: 20, y: 0, width: 5, height: 5 }, { width: 10, height: 10 })).toBeNull();
    const data = new Uint8ClampedArray(4 * 4 * 4).map((_, i) => i);
    const part = cropRgba({ width: 4, height: 4, data }, { x: 1, y: 2, width: 2, height: 1 });
    expect(part?.width).toBe(2);
    expect([...(part?.data ?? [])]).toEqual([...data.slice(36, 44)]);
    expect(scaleBox({ x: 1, y: 2, width: 3, height: 4 }, 2)).toEqual({
      x: 2,
      y: 4,
      width: 6,
      height: 8,
    });
  });

  it('puts the guide face at the guide centre, in the middle of the allowed sizes', () => {
    const g = guideFaceBox({ width: 640, height: 480 }, T);
    expect(g.x + g.width / 2).toBeCloseTo(320, 10);
    expect(g.y + g.height / 2).toBeCloseTo(216, 10);
    expect(g.height / 480).toBeCloseTo((T.faceHeight.min + T.faceHeight.max) / 2, 10);
  });
});
