import { describe, expect, it } from 'vitest';
import {
  type ViewState,
  actualSize,
  fitScale,
  fitted,
  MAX_SCALE,
  panBy,
  rotateRight,
  transformOf,
  wheelFactor,
  ZOOM_STEP,
  zoomBy,
} from './viewer';

const photo = { width: 1600, height: 1200 };
const stage = { width: 800, height: 500 };

describe('photo viewer geometry', () => {
  it('fits the whole photo, turned or not', () => {
    expect(fitScale(photo, stage, 0)).toBeCloseTo(500 / 1200);
    // Turned, the photo is 1200 wide and 1600 high.
    expect(fitScale(photo, stage, 90)).toBeCloseTo(500 / 1600);
  });

  it('zooms in steps and keeps the point under the pointer still', () => {
    const start: ViewState = { scale: 1, rotation: 0, x: 0, y: 0 };
    const zoomed = zoomBy(start, ZOOM_STEP, photo, stage, { x: 100, y: 50 });
    expect(zoomed.scale).toBeCloseTo(1.25);
    // The image point under (100, 50) was (100, 50) from the centre; it stays there.
    expect((100 - zoomed.x) / zoomed.scale).toBeCloseTo(100);
    expect((50 - zoomed.y) / zoomed.scale).toBeCloseTo(50);
    let far = start;
    for (let i = 0; i < 40; i++) far = zoomBy(far, ZOOM_STEP, photo, stage);
    expect(far.scale).toBe(MAX_SCALE);
  });

  it('pans, but never loses the photo off screen', () => {
    const view = actualSize(fitted(photo, stage));
    expect(panBy(view, 30, -20, photo, stage)).toMatchObject({ x: 30, y: -20 });
    const flung = panBy(view, 100_000, 0, photo, stage);
    expect(flung.x).toBeLessThan((1600 + 800) / 2);
    expect(flung.x).toBeGreaterThan(0);
  });

  it('turns a quarter at a time and fits again', () => {
    let view = fitted(photo, stage);
    view = rotateRight(view, photo, stage);
    expect(view.rotation).toBe(90);
    expect(view.scale).toBeCloseTo(500 / 1600);
    for (let i = 0; i < 3; i++) view = rotateRight(view, photo, stage);
    expect(view.rotation).toBe(0);
  });

  it('writes the transform and reads the wheel both ways', () => {
    expect(transformOf({ scale: 2, rotation: 90, x: 5, y: -3 })).toBe(
      'translate(-50%, -50%) translate(5px, -3px) rotate(90deg) scale(2)',
    );
    expect(wheelFactor(-100)).toBeCloseTo(ZOOM_STEP);
    expect(wheelFactor(100)).toBeCloseTo(1 / ZOOM_STEP);
    expect(wheelFactor(0)).toBe(1);
  });

  it('keeps the scale inside the bounds a viewer sets (the back-office: 1x..4x the fit)', () => {
    const fit = fitScale(photo, stage, 0);
    const bounds = { min: fit, max: fit * 4 };
    let view = fitted(photo, stage);
    for (let i = 0; i < 20; i++) view = zoomBy(view, ZOOM_STEP, photo, stage, undefined, bounds);
    expect(view.scale).toBeCloseTo(fit * 4);
    for (let i = 0; i < 20; i++)
      view = zoomBy(view, 1 / ZOOM_STEP, photo, stage, undefined, bounds);
    expect(view.scale).toBeCloseTo(fit);
  });
});
