import { createHash } from 'node:crypto';
import type { UnitRow } from '../../../db/schema';

/**
 * Application numbers: `OKI-<unit code>-<YYYYMMDD>-<NNNN>` (docs/kiosk-applications.md).
 *
 * The unit row has no short code yet (the district assigns none at enrolment so far), so the unit
 * code is derived from it: the kecamatan + desa part of the village code (6 digits, which a desk
 * officer recognises) followed by 3 Crockford base32 characters of SHA-256(unit id), which tells
 * apart two stations in the same village (kiosk and mobile unit) without any network. The day is
 * the Asia/Jakarta calendar day and the sequence restarts at 1 each day, per unit.
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function unitCode(unit: Pick<UnitRow, 'unit_id' | 'region_code'>): string {
  const place = /^[0-9]{10}$/.test(unit.region_code) ? unit.region_code.slice(4) : '000000';
  const digest = createHash('sha256').update(unit.unit_id, 'utf8').digest();
  const bits = digest.readUIntBE(0, 3);
  let suffix = '';
  for (let i = 2; i >= 0; i--) suffix += CROCKFORD[(bits >> (i * 5)) & 31];
  return `${place}${suffix}`;
}

/** The sequences-table counter name for a unit's day (YYYY-MM-DD). */
export function numberSequenceName(code: string, day: string): string {
  return `application:${code}:${day}`;
}

export function applicationNumber(code: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999)
    throw new RangeError(`Daily application sequence out of range: ${sequence}`);
  return `OKI-${code}-${day.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}
