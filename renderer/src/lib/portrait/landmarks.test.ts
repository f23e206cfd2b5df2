import { describe, expect, it } from 'vitest';
import { eyeAspectRatio, FIRST_EYE, headPose, SECOND_EYE } from './landmarks';
import { defaultFace, landmarks } from '../../testing/portrait';

const FACE = defaultFace();

describe('landmark measures', () => {
  it('gives the eye aspect ratio of open and closed eyes', () => {
    expect(eyeAspectRatio(landmarks(FACE), FIRST_EYE)).toBeCloseTo(0.3, 5);
    expect(eyeAspectRatio(landmarks(FACE, { eyeOpen: 0.05 }), SECOND_EYE)).toBeCloseTo(0.05, 5);
    // Rotation does not change a ratio.
    expect(eyeAspectRatio(landmarks(FACE, { rollDegrees: 30 }), FIRST_EYE)).toBeCloseTo(0.3, 5);
  });

  it('measures yaw along the eye line and roll from it, independently', () => {
    expect(headPose(landmarks(FACE))).toEqual({ yaw: 0, rollDegrees: 0 });
    const turned = headPose(landmarks(FACE, { yaw: 0.3 }));
    expect(turned.yaw).toBeCloseTo(0.3, 5);
    expect(turned.rollDegrees).toBeCloseTo(0, 5);
    const both = headPose(landmarks(FACE, { yaw: -0.1, rollDegrees: 12 }));
    expect(both.yaw).toBeCloseTo(-0.1, 5);
    expect(both.rollDegrees).toBeCloseTo(12, 5);
  });

  it('refuses a landmark list that is too short', () => {
    expect(() => headPose(landmarks(FACE).slice(0, 40))).toThrow(
      /Landmark 40 missing \(40 given\)/,
    );
  });
});
