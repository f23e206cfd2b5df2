import { stationByUnit, upsertStation } from '../../db/queries/hub-stations';
import type { HubDatabase } from '../../db/hub-schema';
import type { Kysely } from 'kysely';
import { signDocument, verifyDocument } from '../protocol/canonical';
import {
  ENROLMENT_ANSWER,
  enrolmentRequestSchema,
  type EnrolmentAnswer,
  type EnrolmentRequest,
} from '../protocol/documents';
import { publicKeyFromRaw } from '../protocol/packet/keys';
import type { HubContext } from './context';

/** Registers a station from its request file and answers with the hub's keys and address. */
export async function enrol(
  hub: HubContext,
  request: unknown,
  hubUrl: string,
): Promise<EnrolmentAnswer> {
  const parsed = enrolmentRequestSchema.safeParse(request);
  if (!parsed.success) throw new Error(`Not an enrolment request: ${parsed.error.message}`);
  const req: EnrolmentRequest = parsed.data;
  const stationKey = publicKeyFromRaw('ed25519', Buffer.from(req.signingPublicKey, 'base64'));
  if (!verifyDocument(stationKey, req))
    throw new Error('The enrolment request is not signed by the key it carries');
  const existing = await stationByUnit(hub.db, req.unitId);
  if (existing && existing.signing_key !== req.signingPublicKey && !existing.revoked_at)
    throw new Error(
      `Unit ${req.unitId} is enrolled with another key; revoke it first (hub station-revoke)`,
    );
  const at = hub.at();
  await upsertStation(hub.db, {
    unit_id: req.unitId,
    unit_code: req.unitCode,
    name: req.unitName,
    region_code: req.regionCode,
    signing_key: req.signingPublicKey,
    encryption_key: req.encryptionPublicKey,
    enrolled_at: at,
    revoked_at: null,
  });
  return signDocument(hub.keys.signing.privateKey, {
    format: ENROLMENT_ANSWER,
    version: 1 as const,
    unitId: req.unitId,
    hubUrl,
    districtName: hub.districtName,
    districtSigningKey: hub.keys.signing.publicRaw.toString('base64'),
    districtEncryptionKey: hub.keys.encryption.publicRaw.toString('base64'),
    issuedAt: at,
  });
}

/** The signing key of an enrolled, not revoked station. */
export async function activeStationKey(
  db: Kysely<HubDatabase>,
  unitId: string,
): Promise<Buffer | null> {
  const row = await stationByUnit(db, unitId);
  return row && !row.revoked_at ? Buffer.from(row.signing_key, 'base64') : null;
}
