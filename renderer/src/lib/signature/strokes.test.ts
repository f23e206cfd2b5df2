import { describe, expect, it } from 'vitest';
import { lineWidth, pressureOf, SignatureModel, type PadPoint } from './strokes';

const pt = (x: number, y: number, p = 0.5, t = 0): PadPoint => ({ x, y, p, t });

function draw(model: SignatureModel, ...points: PadPoint[]): void {
  const [first, ...rest] = points;
  if (!first) return;
  model.begin(first);
  for (const p of rest) model.extend(p);
  model.end();
}

describe('SignatureModel', () => {
  it('keeps strokes of points inside the pad', () => {
    const m = new SignatureModel(600, 200);
    expect(m.isEmpty).toBe(true);
    m.begin(pt(10, 20, 0.4, 0));
    m.extend(pt(30, 25, 0.6, 16));
    expect(m.strokes).toHaveLength(1);
    m.extend(pt(30, 25, 0.7, 20)); // the same place again: kept once
    m.extend(pt(700, -5, 0.8, 33)); // dragged out of the pad: clamped to its edge
    m.end();
    expect(m.strokes[0]?.points).toEqual([
      { x: 10, y: 20, p: 0.4, t: 0 },
      { x: 30, y: 25, p: 0.6, t: 16 },
      { x: 600, y: 0, p: 0.8, t: 33 },
    ]);
    expect(m.bounds()).toEqual({ left: 10, top: 0, right: 600, bottom: 25 });
  });

  it('undoes and redoes strokes and a clear, and a new stroke drops the redo', () => {
    const m = new SignatureModel(600, 200);
    draw(m, pt(1, 1), pt(2, 2));
    draw(m, pt(3, 3), pt(4, 4));
    m.clear();
    expect(m.isEmpty).toBe(true);
    m.undo();
    expect(m.strokes).toHaveLength(2);
    m.undo();
    expect(m.strokes).toHaveLength(1);
    expect(m.canRedo).toBe(true);
    m.redo();
    expect(m.strokes).toHaveLength(2);
    m.undo();
    draw(m, pt(9, 9));
    expect(m.canRedo).toBe(false);
    expect(m.strokes.map((s) => s.points[0]?.x)).toEqual([1, 9]);
    m.undo();
    m.undo();
    expect(m.isEmpty).toBe(true);
    expect(m.canUndo).toBe(false);
    m.undo(); // nothing left: no change
    expect(m.isEmpty).toBe(true);
    expect(m.bounds()).toBeNull();
  });

  it('finishes a stroke in progress before undo, and clearing an empty pad is no step', () => {
    const m = new SignatureModel(100, 50);
    m.clear();
    expect(m.canUndo).toBe(false);
    m.begin(pt(5, 5));
    m.extend(pt(6, 7));
    m.undo();
    expect(m.isEmpty).toBe(true);
    expect(m.canRedo).toBe(true);
  });

  it('exports finished strokes with the pad size and the PNG, as copies', () => {
    const m = new SignatureModel(600, 200);
    draw(m, pt(10.04, 20.06, 0, 3.4), pt(11, 21, 1.7, 9));
    const input = m.toInput('iVBORw0KGgo=');
    expect(input).toEqual({
      width: 600,
      height: 200,
      pngBase64: 'iVBORw0KGgo=',
      strokes: [
        {
          points: [
            { x: 10, y: 20.1, p: 0.5, t: 3 },
            { x: 11, y: 21, p: 1, t: 9 },
          ],
        },
      ],
    });
    input.strokes[0]!.points[0]!.x = 99;
    expect(m.strokes[0]?.points[0]?.x).toBe(10);
  });

  it('refuses a pad without a size', () => {
    expect(() => new SignatureModel(0, 100)).toThrow(/Bad pad size/);
  });
});

describe('pressure', () => {
  it('uses 0.5 when the device reports none and widens the line with pressure', () => {
    expect(pressureOf(0)).toBe(0.5);
    expect(pressureOf(Number.NaN)).toBe(0.5);
    expect(pressureOf(0.8)).toBe(0.8);
    expect(pressureOf(3)).toBe(1);
    expect(lineWidth(0)).toBe(1.5);
    expect(lineWidth(0.5)).toBe(3);
    expect(lineWidth(1)).toBe(4.5);
    expect(lineWidth(0.9)).toBeGreaterThan(lineWidth(0.2));
  });
});
