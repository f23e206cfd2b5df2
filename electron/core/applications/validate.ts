import { createHash } from 'node:crypto';
import {
  failWith,
  ok,
  type AppError,
  type ApplicationPhotoInput,
  type CatalogueService,
  type Result,
} from '../../contract';
import { checkFieldValue, type ValueContext } from '../kiosk/field-rules';

/**
 * Checks a submission against the catalogue (docs/kiosk-applications.md). The zod schema has already
 * checked shapes; this checks meaning. Every failure is a value with a stable `reason` and the
 * field path, and nothing is stored.
 */
export const MAX_PHOTO_BYTES = 300 * 1024;
export const MAX_PHOTOS = 12;

export interface CheckedPhoto {
  requirementCode: string;
  bytes: Buffer;
  sha256: string;
  width: number;
  height: number;
  takenAt: string;
}

type Failure = { ok: false; error: AppError };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function checkFields(
  service: CatalogueService,
  answers: Record<string, string>,
  context: ValueContext,
): Result<Record<string, string>> {
  const known = new Map(service.fields.map((f) => [f.code, f]));
  for (const code of Object.keys(answers)) {
    if (!known.has(code))
      return failWith(
        'INVALID_ARGS',
        'UNKNOWN_FIELD',
        `Field ${code} is not asked by ${service.code}`,
        [`fields.${code}`],
      );
  }
  const clean: Record<string, string> = {};
  for (const field of service.fields) {
    const value = (answers[field.code] ?? '').trim();
    if (value === '') {
      // Conditions are prose for the citizen; the desk checks them. Only 'required' is enforced.
      if (field.need === 'required')
        return failWith('INVALID_ARGS', 'FIELD_REQUIRED', `${field.code} is required`, [
          `fields.${field.code}`,
        ]);
      continue;
    }
    const problem = checkFieldValue(field, value, context);
    if (problem)
      return failWith('INVALID_ARGS', problem.reason, problem.message, [`fields.${field.code}`]);
    clean[field.code] = value;
  }
  return ok(clean);
}

export function checkPhotos(
  service: CatalogueService,
  photos: readonly ApplicationPhotoInput[],
): Result<CheckedPhoto[]> {
  if (photos.length > MAX_PHOTOS)
    return failWith('INVALID_ARGS', 'TOO_MANY_PHOTOS', `At most ${MAX_PHOTOS} photos`, ['photos']);
  const allowed = new Set(
    service.requirements.flatMap((r) => [r.code, ...r.alternatives.map((a) => a.code)]),
  );
  const checked: CheckedPhoto[] = [];
  const seen = new Set<string>();
  for (const [i, photo] of photos.entries()) {
    const at = [`photos.${i}`];
    const bad = (reason: string, message: string): Failure =>
      failWith('INVALID_ARGS', reason, message, at);
    if (!allowed.has(photo.requirementCode))
      return bad('UNKNOWN_REQUIREMENT', `${photo.requirementCode} is not a requirement here`);
    if (!BASE64.test(photo.dataBase64)) return bad('NOT_BASE64', 'Photo data is not base64');
    const bytes = Buffer.from(photo.dataBase64, 'base64');
    if (bytes.length > MAX_PHOTO_BYTES)
      return bad('PHOTO_TOO_LARGE', `${bytes.length} bytes; at most ${MAX_PHOTO_BYTES}`);
    if (!isJpeg(bytes)) return bad('NOT_JPEG', 'Photo is not a JPEG image');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (seen.has(sha256)) return bad('DUPLICATE_PHOTO', 'The same photo was sent twice');
    seen.add(sha256);
    checked.push({
      requirementCode: photo.requirementCode,
      bytes,
      sha256,
      width: photo.width,
      height: photo.height,
      takenAt: photo.takenAt,
    });
  }
  return ok(checked);
}

/** SOI + a marker at the start and EOI at the end: enough to refuse anything that is not a JPEG. */
export function isJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return (
    n >= 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff &&
    bytes[n - 2] === 0xff &&
    bytes[n - 1] === 0xd9
  );
}
