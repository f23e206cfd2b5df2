import type { Point } from './geometry';

/**
 * Measures on the 68 facial landmarks (iBUG 300-W order, as face-api returns them): the eyes
 * are 36–41 and 42–47 (corner, two upper lid points, corner, two lower lid points), the nose
 * tip is 30.
 */
export const FIRST_EYE = 36;
export const SECOND_EYE = 42;
export const NOSE_TIP = 30;
export const LANDMARK_COUNT = 68;

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

function at(points: readonly Point[], i: number): Point {
  const p = points[i];
  if (!p) throw new Error(`Landmark ${i} missing (${points.length} given)`);
  return p;
}

/**
 * Eye aspect ratio: the mean of the two lid-to-lid heights over the corner-to-corner width.
 * About 0.3 for an open eye, near 0.1 for a closed one.
 */
export function eyeAspectRatio(points: readonly Point[], first: number): number {
  const [p1, p2, p3, p4, p5, p6] = [0, 1, 2, 3, 4, 5].map((k) => at(points, first + k)) as [
    Point,
    Point,
    Point,
    Point,
    Point,
    Point,
  ];
  const width = distance(p1, p4);
  return width === 0 ? 0 : (distance(p2, p6) + distance(p3, p5)) / (2 * width);
}

export function eyeCentre(points: readonly Point[], first: number): Point {
  let x = 0;
  let y = 0;
  for (let k = 0; k < 6; k++) {
    const p = at(points, first + k);
    x += p.x;
    y += p.y;
  }
  return { x: x / 6, y: y / 6 };
}

export interface HeadPose {
  /** Nose tip offset from the eye midpoint along the eye line, in interocular distances. */
  yaw: number;
  /** The eye line's angle from horizontal, degrees (positive: the image-right eye is lower). */
  rollDegrees: number;
}

/** Yaw and roll from the eyes and the nose tip: cheap, and enough to say "face the camera". */
export function headPose(points: readonly Point[]): HeadPose {
  const a = eyeCentre(points, FIRST_EYE);
  const b = eyeCentre(points, SECOND_EYE);
  const nose = at(points, NOSE_TIP);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const between = Math.hypot(dx, dy);
  if (between === 0) return { yaw: 0, rollDegrees: 0 };
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // The nose offset projected on the eye line: roll does not pass for yaw.
  const along = ((nose.x - mid.x) * dx + (nose.y - mid.y) * dy) / between;
  return { yaw: along / between, rollDegrees: (Math.atan2(dy, dx) * 180) / Math.PI };
}
