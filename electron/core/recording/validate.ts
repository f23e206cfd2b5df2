import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  failWith,
  ok,
  PORTRAIT_SIZE,
  type BackgroundColour,
  type PortraitCheck,
  type PortraitCheckCode,
  type Result,
  type SignatureStroke,
} from '../../contract';
import { jpegSize, pngSize } from './image';

/**
 * What the core re-checks of a recording before storing it (docs/ktp-recording.md): the portrait
 * is a real JPEG of exactly PORTRAIT_SIZE, the check list is complete and consistent, a failed
 * check carries the officer's reason, the signature is drawn inside its pad with a matching PNG,
 * and the official kit did the biometrics. The measurements themselves are the renderer's.
 */

export const PORTRAIT_MAX_BYTES = 2 * 1024 * 1024;
export const SIGNATURE_MAX_BYTES = 1024 * 1024;
export const MAX_SIGNATURE_POINTS = 5000;
export const OVERRIDE_REASON = { min: 10, max: 300 } as const;
export const PORTRAIT_CHECK_CODES = [
  'one-face',
  'centred',
  'face-size',
  'eyes-open',
  'looking-forward',
  'exposure',
  'sharpness',
  'background',
] as const satisfies readonly PortraitCheckCode[];

const COLOUR = z.enum(['red', 'blue', 'orange']);
// A huge string is refused before it is decoded; up to half again the limit is decoded so the
// refusal can say the image is too large (PORTRAIT_TOO_LARGE) rather than just "invalid".
const base64Up = (bytes: number) => z.base64().max(Math.ceil((bytes * 1.5) / 3) * 4);
const point = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
  p: z.number().min(0).max(1),
  t: z.number().finite().min(0),
});

export const createArgsShape = {
  portrait: z.strictObject({
    jpegBase64: base64Up(PORTRAIT_MAX_BYTES),
    checks: z
      .array(
        z.strictObject({
          code: z.enum(PORTRAIT_CHECK_CODES),
          passed: z.boolean(),
          value: z.number().finite().nullable(),
        }),
      )
      .max(PORTRAIT_CHECK_CODES.length * 2),
    measuredBackground: COLOUR.nullable(),
    overrideReason: z.string().max(2000).optional(),
  }),
  signature: z.strictObject({
    width: z.number().int().min(50).max(4000),
    height: z.number().int().min(50).max(4000),
    strokes: z.array(z.strictObject({ points: z.array(point).max(MAX_SIGNATURE_POINTS) })).max(500),
    pngBase64: base64Up(SIGNATURE_MAX_BYTES),
  }),
  biometrics: z.strictObject({
    fingerprintsDone: z.boolean(),
    irisDone: z.boolean(),
    kitOperator: z.string().max(200).optional(),
  }),
};

type Failure = { ok: false; error: ReturnType<typeof failWith>['error'] };
const bad = (reason: string, message: string, fields: string[]): Failure =>
  failWith('INVALID_ARGS', reason, message, fields);

export interface CheckedPortrait {
  bytes: Buffer;
  sha256: string;
  checks: PortraitCheck[];
  overrideReason: string | null;
}

export function checkPortrait(
  portrait: z.infer<typeof createArgsShape.portrait>,
  expected: BackgroundColour,
): Result<CheckedPortrait> {
  const bytes = Buffer.from(portrait.jpegBase64, 'base64');
  if (bytes.length > PORTRAIT_MAX_BYTES)
    return bad('PORTRAIT_TOO_LARGE', `${bytes.length} bytes; at most ${PORTRAIT_MAX_BYTES}`, [
      'portrait.jpegBase64',
    ]);
  const size = jpegSize(bytes);
  if (!size) return bad('NOT_JPEG', 'The portrait is not a JPEG image', ['portrait.jpegBase64']);
  if (size.width !== PORTRAIT_SIZE.width || size.height !== PORTRAIT_SIZE.height)
    return bad(
      'PORTRAIT_WRONG_SIZE',
      `${size.width}×${size.height}; the portrait is ${PORTRAIT_SIZE.width}×${PORTRAIT_SIZE.height}`,
      ['portrait.jpegBase64'],
    );
  const codes = portrait.checks.map((c) => c.code);
  const missing = PORTRAIT_CHECK_CODES.filter((c) => codes.filter((x) => x === c).length !== 1);
  if (missing.length > 0)
    return bad('BAD_CHECKS', `Each check exactly once; wrong: ${missing.join(', ')}`, [
      'portrait.checks',
    ]);
  const background = portrait.checks.find((c) => c.code === 'background');
  if (portrait.measuredBackground !== expected && background?.passed)
    return bad(
      'BAD_CHECKS',
      `Background measured ${portrait.measuredBackground ?? 'none'}, expected ${expected}: the background check cannot pass`,
      ['portrait.checks'],
    );
  const failed = portrait.checks.filter((c) => !c.passed).map((c) => c.code);
  const reason = portrait.overrideReason?.trim() ?? '';
  if (
    failed.length > 0 &&
    (reason.length < OVERRIDE_REASON.min || reason.length > OVERRIDE_REASON.max)
  )
    return failWith(
      'INVALID_ARGS',
      'PORTRAIT_CHECKS_FAILED',
      `Failed: ${failed.join(', ')}; capturing anyway needs a reason of ${OVERRIDE_REASON.min} to ${OVERRIDE_REASON.max} characters`,
      ['portrait.overrideReason', ...failed.map((c) => `portrait.checks.${c}`)],
    );
  const order = (c: PortraitCheck) => PORTRAIT_CHECK_CODES.indexOf(c.code);
  return ok({
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    checks: [...portrait.checks].sort((a, b) => order(a) - order(b)),
    overrideReason: failed.length > 0 ? reason : null,
  });
}

export interface CheckedSignature {
  png: Buffer;
  /** SignatureInput without the PNG, as stored. */
  strokesJson: string;
  strokeCount: number;
  pointCount: number;
}

export function checkSignature(
  signature: z.infer<typeof createArgsShape.signature>,
): Result<CheckedSignature> {
  const { width, height, strokes } = signature;
  const points = strokes.reduce((n, s) => n + s.points.length, 0);
  if (strokes.length === 0 || points < 2 || strokes.some((s) => s.points.length === 0))
    return bad('SIGNATURE_EMPTY', 'A signature needs at least one stroke of two points', [
      'signature.strokes',
    ]);
  if (points > MAX_SIGNATURE_POINTS)
    return bad('SIGNATURE_TOO_LONG', `${points} points; at most ${MAX_SIGNATURE_POINTS}`, [
      'signature.strokes',
    ]);
  const outside = (s: SignatureStroke) =>
    s.points.some((p) => p.x < 0 || p.y < 0 || p.x > width || p.y > height);
  if (strokes.some(outside))
    return bad('SIGNATURE_OUTSIDE_PAD', `Points outside the ${width}×${height} pad`, [
      'signature.strokes',
    ]);
  const png = Buffer.from(signature.pngBase64, 'base64');
  if (png.length > SIGNATURE_MAX_BYTES)
    return bad('SIGNATURE_TOO_LARGE', `${png.length} bytes; at most ${SIGNATURE_MAX_BYTES}`, [
      'signature.pngBase64',
    ]);
  const size = pngSize(png);
  if (!size) return bad('NOT_PNG', 'The signature image is not a PNG', ['signature.pngBase64']);
  if (size.width !== width || size.height !== height)
    return bad(
      'SIGNATURE_WRONG_SIZE',
      `The image is ${size.width}×${size.height}; the pad is ${width}×${height}`,
      ['signature.pngBase64'],
    );
  return ok({
    png,
    strokesJson: JSON.stringify({ width, height, strokes }),
    strokeCount: strokes.length,
    pointCount: points,
  });
}

export function checkBiometrics(
  biometrics: z.infer<typeof createArgsShape.biometrics>,
  officer: string,
): Result<{ by: string }> {
  const notDone = [
    ...(biometrics.fingerprintsDone ? [] : ['biometrics.fingerprintsDone']),
    ...(biometrics.irisDone ? [] : ['biometrics.irisDone']),
  ];
  if (notDone.length > 0)
    return failWith(
      'INVALID_ARGS',
      'BIOMETRICS_NOT_DONE',
      'Fingerprints and iris must be taken on the official kit first',
      notDone,
    );
  const operator = biometrics.kitOperator?.trim() ?? '';
  if (operator !== '' && (operator.length < 3 || operator.length > 100))
    return bad('BAD_KIT_OPERATOR', 'The kit operator name is 3 to 100 characters', [
      'biometrics.kitOperator',
    ]);
  return ok({ by: operator || officer });
}
