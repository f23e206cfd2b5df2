import { getSetting, putSetting } from '../../../db/queries/settings';
import type { CoreDeps } from '../deps';
import { signDocument, verifyDocument } from '../../protocol/canonical';
import {
  ENROLMENT_REQUEST,
  enrolmentAnswerSchema,
  type EnrolmentAnswer,
  type EnrolmentRequest,
} from '../../protocol/documents';
import { keyId, publicKeyFromRaw } from '../../protocol/packet/keys';
import type { StationKeys } from './station-keys';
import type { SyncTarget } from './upload';

const SETTING = 'sync.enrolment';

/** What the station keeps of the district's answer (settings, inside the encrypted database). */
export interface StoredEnrolment {
  hubUrl: string;
  districtName: string;
  districtSigningKey: string;
  districtEncryptionKey: string;
  issuedAt: string;
  appliedAt: string;
}

/** The request file for the district: the station's public keys and unit, self-signed. */
export function enrolmentRequest(deps: CoreDeps, keys: StationKeys): EnrolmentRequest {
  return signDocument(keys.signing.privateKey, {
    format: ENROLMENT_REQUEST,
    version: 1 as const,
    unitId: deps.unit.unit_id,
    unitCode: deps.unit.region_code,
    unitName: deps.unit.name,
    regionCode: deps.unit.region_code,
    signingPublicKey: keys.signing.publicRaw.toString('base64'),
    encryptionPublicKey: keys.encryption.publicRaw.toString('base64'),
    createdAt: deps.ports.clock.now().toISOString(),
  });
}

export type EnrolmentProblem = 'NOT_AN_ANSWER' | 'BAD_SIGNATURE' | 'OTHER_UNIT' | 'BAD_HUB_URL';

/** A hub address the station can use: http(s), a host, no user or password in it. */
export function isUsableHubUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Checks the district's answer file and stores it; a bad file changes nothing. */
export async function applyEnrolmentAnswer(
  deps: CoreDeps,
  value: unknown,
): Promise<{ ok: true; enrolment: StoredEnrolment } | { ok: false; problem: EnrolmentProblem }> {
  const parsed = enrolmentAnswerSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problem: 'NOT_AN_ANSWER' };
  const answer: EnrolmentAnswer = parsed.data;
  const key = publicKeyFromRaw('ed25519', Buffer.from(answer.districtSigningKey, 'base64'));
  if (!verifyDocument(key, answer)) return { ok: false, problem: 'BAD_SIGNATURE' };
  if (answer.unitId !== deps.unit.unit_id) return { ok: false, problem: 'OTHER_UNIT' };
  // https:// in production; http:// only reaches a hub serving on loopback or in a lab.
  if (!isUsableHubUrl(answer.hubUrl)) return { ok: false, problem: 'BAD_HUB_URL' };
  const at = deps.ports.clock.now().toISOString();
  const enrolment: StoredEnrolment = {
    hubUrl: answer.hubUrl,
    districtName: answer.districtName,
    districtSigningKey: answer.districtSigningKey,
    districtEncryptionKey: answer.districtEncryptionKey,
    issuedAt: answer.issuedAt,
    appliedAt: at,
  };
  await putSetting(deps.db, SETTING, enrolment, at);
  return { ok: true, enrolment };
}

export async function storedEnrolment(deps: Pick<CoreDeps, 'db'>): Promise<StoredEnrolment | null> {
  return getSetting<StoredEnrolment>(deps.db, SETTING);
}

/** Where packets go; null while the station is not enrolled (it keeps working offline). */
export async function syncTarget(deps: Pick<CoreDeps, 'db'>): Promise<SyncTarget | null> {
  const stored = await storedEnrolment(deps);
  if (!stored) return null;
  return {
    hubUrl: stored.hubUrl,
    districtSigningKey: Buffer.from(stored.districtSigningKey, 'base64'),
    districtEncryptionKey: Buffer.from(stored.districtEncryptionKey, 'base64'),
  };
}

/** The fingerprint an administrator reads aloud to the district to confirm the right key. */
export function districtFingerprint(stored: StoredEnrolment): string {
  return keyId(Buffer.from(stored.districtSigningKey, 'base64'));
}
