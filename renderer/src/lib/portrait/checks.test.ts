import { describe, expect, it } from 'vitest';
import {
  assessFrame,
  PORTRAIT_CHECK_CODES,
  toPortraitChecks,
  type FrameAssessment,
} from './checks';
import type { Box } from './geometry';
import { BLUE, defaultFace, frame, GREY, observation, ORANGE } from '../../testing/portrait';
import { PORTRAIT_THRESHOLDS } from './thresholds';

const FACE = defaultFace();

function verdicts(a: FrameAssessment): Record<string, string | null> {
  return Object.fromEntries(a.checks.map((c) => [c.code, c.passed ? null : c.reason]));
}

function failing(a: FrameAssessment): string[] {
  return a.checks.filter((c) => !c.passed).map((c) => `${c.code}:${c.reason}`);
}

describe('assessFrame', () => {
  it('passes a centred, open-eyed, frontal, sharp face on the expected colour', () => {
    const a = assessFrame(frame(), [observation(FACE)], 'red');
    expect(a.checks.map((c) => c.code)).toEqual(PORTRAIT_CHECK_CODES);
    expect(failing(a)).toEqual([]);
    expect(a.isPassed).toBe(true);
    expect(a.measuredBackground).toBe('red');
    expect(a.face?.box).toEqual(FACE);
    const value = Object.fromEntries(a.checks.map((c) => [c.code, c.value]));
    expect(value['one-face']).toBe(1);
    expect(value['face-size']).toBeCloseTo(0.36, 2);
    expect(value['eyes-open']).toBeCloseTo(0.3, 2);
    expect(value['background']).toBe(1);
    expect(value['sharpness']).toBeGreaterThan(PORTRAIT_THRESHOLDS.minSharpness);
  });

  it('says there is no face, and marks every face check as waiting for one', () => {
    const a = assessFrame(frame({ face: null }), [], 'red');
    expect(verdicts(a)).toEqual({
      'one-face': 'no-face',
      centred: 'needs-face',
      'face-size': 'needs-face',
      'eyes-open': 'needs-face',
      'looking-forward': 'needs-face',
      exposure: 'needs-face',
      sharpness: 'needs-face',
      // The background is still measured where the guide expects the head.
      background: null,
    });
    expect(a.isPassed).toBe(false);
    expect(a.face).toBeNull();
    expect(a.score).toBe(0);
  });

  it('counts faces above the score threshold only', () => {
    const other: Box = { ...FACE, x: 20, height: FACE.height * 0.8 };
    const two = assessFrame(frame(), [observation(FACE), observation(other)], 'red');
    expect(verdicts(two)['one-face']).toBe('many-faces');
    expect(two.checks[0]?.value).toBe(2);
    // The other checks speak of the largest face.
    expect(two.face?.box).toEqual(FACE);
    const faint = assessFrame(frame(), [observation(FACE), observation(other, {}, 0.3)], 'red');
    expect(failing(faint)).toEqual([]);
    const weak = assessFrame(frame(), [observation(FACE, {}, 0.45)], 'red');
    expect(verdicts(weak)['one-face']).toBe('no-face');
  });

  it('refuses a face away from the guide, too small or too large', () => {
    const left = { ...FACE, x: FACE.x - 640 * 0.12 };
    expect(failing(assessFrame(frame({ face: left }), [observation(left)], 'red'))).toEqual([
      'centred:off-centre',
    ]);
    const small = defaultFace(640, 480 * 0.6);
    const smallBox = { ...small, x: 320 - small.width / 2, y: 216 - small.height / 2 };
    const a = assessFrame(frame({ face: smallBox }), [observation(smallBox)], 'red');
    expect(verdicts(a)['face-size']).toBe('too-small');
    const big = { x: 320 - 120, y: 216 - 140, width: 240, height: 280 };
    expect(
      verdicts(assessFrame(frame({ face: big }), [observation(big)], 'red'))['face-size'],
    ).toBe('too-large');
  });

  it('refuses closed eyes, a turned head and a tilted head', () => {
    const img = frame();
    expect(failing(assessFrame(img, [observation(FACE, { eyeOpen: 0.05 })], 'red'))).toEqual([
      'eyes-open:eyes-closed',
    ]);
    expect(failing(assessFrame(img, [observation(FACE, { yaw: 0.35 })], 'red'))).toEqual([
      'looking-forward:turned',
    ]);
    expect(failing(assessFrame(img, [observation(FACE, { rollDegrees: 15 })], 'red'))).toEqual([
      'looking-forward:tilted',
    ]);
    // Within the limits: 0.15 of yaw and 6° of roll pass.
    const slight = assessFrame(img, [observation(FACE, { yaw: 0.15, rollDegrees: 6 })], 'red');
    expect(failing(slight)).toEqual([]);
  });

  it('says too dark for a dark face and for a dark room without a face', () => {
    const dark = assessFrame(frame({ gain: 0.15 }), [observation(FACE)], 'red');
    expect(verdicts(dark)['exposure']).toBe('too-dark');
    const room = assessFrame(frame({ gain: 0.15, face: null }), [], 'red');
    expect(verdicts(room)['exposure']).toBe('too-dark');
    expect(verdicts(room)['one-face']).toBe('no-face');
  });

  it('says too bright for a burnt-out face and uneven for a half-lit one', () => {
    const bright = assessFrame(frame({ gain: 1.5 }), [observation(FACE)], 'red');
    expect(verdicts(bright)['exposure']).toBe('too-bright');
    const img = frame();
    for (let y = Math.floor(FACE.y); y < FACE.y + FACE.height; y++) {
      for (let x = Math.floor(FACE.x); x < FACE.x + FACE.width / 2; x++) {
        const i = (y * img.width + x) * 4;
        for (let c = 0; c < 3; c++) img.data[i + c] = (img.data[i + c] ?? 0) * 0.35;
      }
    }
    expect(verdicts(assessFrame(img, [observation(FACE)], 'red'))['exposure']).toBe('uneven');
  });

  it('refuses a featureless (blurred) face, and the threshold object decides', () => {
    const flat = frame({ texture: 0 });
    expect(failing(assessFrame(flat, [observation(FACE)], 'red'))).toEqual(['sharpness:blurry']);
    const lenient = { ...PORTRAIT_THRESHOLDS, minSharpness: 5 };
    expect(failing(assessFrame(flat, [observation(FACE)], 'red', lenient))).toEqual([]);
  });

  it('flags the wrong background colour and an unclear one', () => {
    const blue = assessFrame(frame({ background: BLUE }), [observation(FACE)], 'red');
    expect(failing(blue)).toEqual(['background:background-wrong']);
    expect(blue.measuredBackground).toBe('blue');
    expect(blue.checks.at(-1)?.value).toBe(0);
    const grey = assessFrame(frame({ background: GREY }), [observation(FACE)], 'blue');
    expect(failing(grey)).toEqual(['background:background-unclear']);
    expect(grey.measuredBackground).toBeNull();
    const orange = assessFrame(frame({ background: ORANGE }), [observation(FACE)], 'orange');
    expect(failing(orange)).toEqual([]);
    expect(assessFrame(frame({ background: BLUE }), [observation(FACE)], 'blue').isPassed).toBe(
      true,
    );
  });

  it('scores a sharper, better-centred frame higher', () => {
    const good = assessFrame(frame(), [observation(FACE)], 'red');
    const shifted = { ...FACE, x: FACE.x + 30 };
    const off = assessFrame(frame({ face: shifted }), [observation(shifted)], 'red');
    expect(off.isPassed).toBe(true);
    expect(good.score).toBeGreaterThan(off.score);
  });

  it('gives the core its checks without the reasons', () => {
    const a = assessFrame(frame({ face: null }), [], 'red');
    const checks = toPortraitChecks(a.checks);
    expect(checks).toHaveLength(8);
    expect(checks[0]).toEqual({ code: 'one-face', passed: false, value: 0 });
    expect(checks.every((c) => Object.keys(c).join() === 'code,passed,value')).toBe(true);
  });
});
