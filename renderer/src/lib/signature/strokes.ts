import type { SignatureInput, SignatureStroke } from '../../../../electron/contract';

/**
 * The signature as vector strokes, with undo, redo and clear. Pure (no DOM, no runes): the pad
 * feeds it pointer positions and redraws from `strokes`.
 */

export interface PadPoint {
  x: number;
  y: number;
  /** Pressure 0..1; 0.5 when the device reports none. */
  p: number;
  /** Milliseconds since the signature's first point. */
  t: number;
}

export interface Bounds {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Pressure reported by a pointer event, or 0.5 when the device has none (it reports 0). */
export function pressureOf(reported: number): number {
  return Number.isFinite(reported) && reported > 0 ? Math.min(1, reported) : 0.5;
}

/** Line width in pad pixels for a pressure: 1.5 px at a touch, 3 px at 0.5, 4.5 px pressed hard. */
export function lineWidth(pressure: number): number {
  return 1.5 + 3 * Math.min(1, Math.max(0, pressure));
}

const round1 = (v: number) => Math.round(v * 10) / 10;

export class SignatureModel {
  #strokes: SignatureStroke[] = [];
  #past: SignatureStroke[][] = [];
  #future: SignatureStroke[][] = [];
  #current: SignatureStroke | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!(width > 0 && height > 0)) throw new Error(`Bad pad size ${width}x${height}`);
  }

  /** Every finished stroke, then the one being drawn. */
  get strokes(): readonly SignatureStroke[] {
    return this.#current ? [...this.#strokes, this.#current] : this.#strokes;
  }

  get isEmpty(): boolean {
    return this.#strokes.length === 0 && this.#current === null;
  }

  get canUndo(): boolean {
    return this.#past.length > 0;
  }

  get canRedo(): boolean {
    return this.#future.length > 0;
  }

  /** A point inside the pad (a captured pointer can leave it), rounded to 0.1 px. */
  #clamp(point: PadPoint): PadPoint {
    return {
      x: round1(Math.min(this.width, Math.max(0, point.x))),
      y: round1(Math.min(this.height, Math.max(0, point.y))),
      p: Math.round(pressureOf(point.p) * 1000) / 1000,
      t: Math.max(0, Math.round(point.t)),
    };
  }

  begin(point: PadPoint): void {
    this.end();
    this.#current = { points: [this.#clamp(point)] };
  }

  /** Adds a point to the stroke being drawn; the same position twice in a row is kept once. */
  extend(point: PadPoint): void {
    const stroke = this.#current;
    if (!stroke) return;
    const next = this.#clamp(point);
    const last = stroke.points[stroke.points.length - 1];
    if (last && last.x === next.x && last.y === next.y) return;
    stroke.points.push(next);
  }

  /** Finishes the stroke being drawn (a tap leaves a one-point stroke: a dot). */
  end(): void {
    const stroke = this.#current;
    if (!stroke) return;
    this.#current = null;
    this.#change([...this.#strokes, stroke]);
  }

  undo(): void {
    this.end();
    const previous = this.#past.pop();
    if (!previous) return;
    this.#future.push(this.#strokes);
    this.#strokes = previous;
  }

  redo(): void {
    const next = this.#future.pop();
    if (!next) return;
    this.#past.push(this.#strokes);
    this.#strokes = next;
  }

  /** Wipes the pad; undo brings the strokes back. */
  clear(): void {
    this.end();
    if (this.#strokes.length > 0) this.#change([]);
  }

  #change(next: SignatureStroke[]): void {
    this.#past.push(this.#strokes);
    this.#future = [];
    this.#strokes = next;
  }

  /** The box around every point, or null for an empty pad. */
  bounds(): Bounds | null {
    let b: Bounds | null = null;
    for (const { points } of this.strokes) {
      for (const { x, y } of points) {
        b = b
          ? {
              left: Math.min(b.left, x),
              top: Math.min(b.top, y),
              right: Math.max(b.right, x),
              bottom: Math.max(b.bottom, y),
            }
          : { left: x, top: y, right: x, bottom: y };
      }
    }
    return b;
  }

  /** What the core stores: the finished strokes (copied) with their PNG. */
  toInput(pngBase64: string): SignatureInput {
    this.end();
    return {
      width: this.width,
      height: this.height,
      strokes: this.#strokes.map((s) => ({ points: s.points.map((p) => ({ ...p })) })),
      pngBase64,
    };
  }
}
