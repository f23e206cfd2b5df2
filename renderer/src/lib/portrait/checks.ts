import type {
  BackgroundColour,
  PortraitCheck,
  PortraitCheckCode,
} from '../../../../electron/contract';
import { exposure, sharpness, toGray } from '../media/frame-quality';
import { backgroundRegions, measureBackground } from './background';
import {
  centre,
  cropRgba,
  guideFaceBox,
  type Box,
  type FaceObservation,
  type RgbaImage,
} from './geometry';
import { eyeAspectRatio, FIRST_EYE, headPose, LANDMARK_COUNT, SECOND_EYE } from './landmarks';
import { PORTRAIT_THRESHOLDS, type PortraitThresholds } from './thresholds';

/** The eight checks in the order the officer reads them (and the core stores them). */
export const PORTRAIT_CHECK_CODES: readonly PortraitCheckCode[] = [
  'one-face',
  'centred',
  'face-size',
  'eyes-open',
  'looking-forward',
  'exposure',
  'sharpness',
  'background',
];

/** Why a check failed; keys of recording.reason.* in the dictionaries. */
export type CheckReason =
  | 'no-face'
  | 'many-faces'
  | 'needs-face'
  | 'off-centre'
  | 'too-small'
  | 'too-large'
  | 'eyes-closed'
  | 'turned'
  | 'tilted'
  | 'too-dark'
  | 'too-bright'
  | 'uneven'
  | 'blurry'
  | 'background-wrong'
  | 'background-unclear';

export interface FrameCheck extends PortraitCheck {
  reason: CheckReason | null;
}

export interface FrameAssessment {
  checks: FrameCheck[];
  /** The face the checks are about: the only one, or the largest when there are several. */
  face: FaceObservation | null;
  measuredBackground: BackgroundColour | null;
  isPassed: boolean;
  /** 0..1, higher is better: which frame of a passing run to keep. */
  score: number;
}

const round = (value: number, digits = 3) => Number(value.toFixed(digits));

function check(
  code: PortraitCheckCode,
  reason: CheckReason | null,
  value: number | null,
): FrameCheck {
  return { code, passed: reason === null, value: value === null ? null : round(value), reason };
}

function faceLuma(image: RgbaImage, box: Box, t: Readonly<PortraitThresholds>) {
  // The inner part of the box: the detector's box edges carry hair and background.
  const inner = {
    x: box.x + box.width * 0.15,
    y: box.y + box.height * 0.1,
    width: box.width * 0.7,
    height: box.height * 0.8,
  };
  const pixels = cropRgba(image, inner);
  if (!pixels) return null;
  const gray = toGray(pixels.data, pixels.width, pixels.height, t.sharpnessWidth);
  const exp = exposure(gray);
  const half = Math.floor(gray.width / 2);
  let left = 0;
  let right = 0;
  for (let y = 0; y < gray.height; y++) {
    for (let x = 0; x < half; x++) {
      left += gray.data[y * gray.width + x] ?? 0;
      right += gray.data[y * gray.width + gray.width - 1 - x] ?? 0;
    }
  }
  const n = Math.max(1, half * gray.height);
  const imbalance = exp.mean > 0 ? Math.abs(left - right) / n / exp.mean : 0;
  return {
    mean: exp.mean,
    clippedBright: exp.clippedBright,
    imbalance,
    sharpness: sharpness(gray),
  };
}

/**
 * Judges one frame: the eight checks with the measured value and, for each failure, why.
 * `faces` are the detector's results in the image's pixels; `expected` is the colour the
 * birth year (or citizenship) asks for.
 */
export function assessFrame(
  image: RgbaImage,
  faces: readonly FaceObservation[],
  expected: BackgroundColour,
  t: Readonly<PortraitThresholds> = PORTRAIT_THRESHOLDS,
): FrameAssessment {
  const counted = faces.filter((f) => f.score >= t.minFaceScore);
  const face = counted.reduce<FaceObservation | null>(
    (best, f) => (!best || f.box.height > best.box.height ? f : best),
    null,
  );
  const checks: FrameCheck[] = [];
  checks.push(
    check(
      'one-face',
      counted.length === 0 ? 'no-face' : counted.length > 1 ? 'many-faces' : null,
      counted.length,
    ),
  );

  const hasLandmarks = face !== null && face.landmarks.length >= LANDMARK_COUNT;
  let centreOffset = 1;
  let sharp = 0;
  if (face) {
    const c = centre(face.box);
    const dx = (c.x / image.width - t.guideCentre.x) / t.maxCentreOffset.x;
    const dy = (c.y / image.height - t.guideCentre.y) / t.maxCentreOffset.y;
    centreOffset = Math.max(Math.abs(dx), Math.abs(dy));
    checks.push(check('centred', centreOffset <= 1 ? null : 'off-centre', centreOffset));
    const share = face.box.height / image.height;
    const sizeReason =
      share < t.faceHeight.min ? 'too-small' : share > t.faceHeight.max ? 'too-large' : null;
    checks.push(check('face-size', sizeReason, share));
  } else {
    checks.push(check('centred', 'needs-face', null), check('face-size', 'needs-face', null));
  }
  if (face && hasLandmarks) {
    const ear = Math.min(
      eyeAspectRatio(face.landmarks, FIRST_EYE),
      eyeAspectRatio(face.landmarks, SECOND_EYE),
    );
    checks.push(check('eyes-open', ear >= t.minEyeAspect ? null : 'eyes-closed', ear));
    const pose = headPose(face.landmarks);
    const poseReason =
      Math.abs(pose.yaw) > t.maxYaw
        ? 'turned'
        : Math.abs(pose.rollDegrees) > t.maxRollDegrees
          ? 'tilted'
          : null;
    // The value is the worse of the two, each as a share of its limit.
    checks.push(
      check(
        'looking-forward',
        poseReason,
        Math.max(Math.abs(pose.yaw) / t.maxYaw, Math.abs(pose.rollDegrees) / t.maxRollDegrees),
      ),
    );
  } else {
    checks.push(
      check('eyes-open', 'needs-face', null),
      check('looking-forward', 'needs-face', null),
    );
  }

  const luma = face ? faceLuma(image, face.box, t) : null;
  if (luma) {
    const e = t.exposure;
    const reason =
      luma.mean < e.darkMean
        ? 'too-dark'
        : luma.mean > e.brightMean || luma.clippedBright > e.maxClippedBright
          ? 'too-bright'
          : luma.imbalance > e.maxSideImbalance
            ? 'uneven'
            : null;
    checks.push(check('exposure', reason, luma.mean));
    sharp = luma.sharpness;
    checks.push(check('sharpness', sharp >= t.minSharpness ? null : 'blurry', sharp));
  } else {
    const whole = exposure(toGray(image.data, image.width, image.height));
    const reason =
      whole.mean < t.frameExposure.darkMean
        ? 'too-dark'
        : whole.mean > t.frameExposure.brightMean
          ? 'too-bright'
          : null;
    // Without a face the frame's light is still worth saying, but it never passes.
    checks.push(
      check('exposure', reason ?? 'needs-face', whole.mean),
      check('sharpness', 'needs-face', null),
    );
  }

  const regions = backgroundRegions(face?.box ?? guideFaceBox(image, t), image);
  const measured = measureBackground(image, regions, t.background);
  const backgroundReason =
    measured.colour === expected
      ? null
      : measured.colour === null
        ? 'background-unclear'
        : 'background-wrong';
  checks.push(check('background', backgroundReason, measured.shares[expected]));

  const isPassed = checks.every((c) => c.passed);
  const score =
    (face?.score ?? 0) * 0.5 +
    Math.min(1, sharp / (2 * t.minSharpness)) * 0.3 +
    Math.max(0, 1 - centreOffset) * 0.2;
  return { checks, face, measuredBackground: measured.colour, isPassed, score: round(score) };
}

/** The checks as the core takes them (PortraitInput.checks): no reasons, nothing extra. */
export function toPortraitChecks(checks: readonly FrameCheck[]): PortraitCheck[] {
  return checks.map(({ code, passed, value }) => ({ code, passed, value }));
}
