import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { HubDatabase } from '../../../db/hub-schema';
import { stationByUnit } from '../../../db/queries/hub-stations';
import { documentByNumber } from '../../../db/queries/hub-updates';
import {
  listDocuments,
  notePacketHealth,
  revokeStationKey,
  stationsWithHealth,
} from '../../../db/queries/office-stations';
import type { OfficeDocumentRow, StationsHandlers } from '../../contract/office/stations';
import { verifyDocument } from '../../protocol/canonical';
import { enrolmentRequestSchema } from '../../protocol/documents';
import { maskNik } from '../../protocol/mask';
import {
  isUuid,
  readHealth,
  type GuardLevel,
  type PacketManifest,
} from '../../protocol/packet/format';
import { keyId, publicKeyFromRaw } from '../../protocol/packet/keys';
import { revokeDocument } from '../decisions';
import { enrol } from '../enrolment';
import type { HubRecordInput } from '../records';
import { OfficeError, type OfficeHandlerMap } from './handler';
import { projectRecordings, within } from './recordings';

/**
 * Stations, keys and issued documents at the back-office (issue 15 item 7): the station list with
 * the health each station's packets report (docs/sync-packets.md, "Station health"), enrolment
 * from a request file, revoking a station's key (its next request is refused), and revoking an
 * issued document (every station learns it at its next pull).
 */

type Db = Kysely<HubDatabase>;

/**
 * What the back-office keeps of a committed packet (ingest.ts calls it in the packet's
 * transaction): the station's health and last packet, and its KTP-el recordings.
 */
export async function noteCommittedPacket(
  trx: Db,
  packet: {
    unitId: string;
    packetId: string;
    channel: 'http' | 'usb';
    manifest: PacketManifest;
    records: readonly HubRecordInput[];
  },
  at: string,
): Promise<void> {
  const health = readHealth(packet.manifest.health);
  await notePacketHealth(trx, {
    unitId: packet.unitId,
    packetId: packet.packetId,
    channel: packet.channel,
    at,
    toSeq: packet.manifest.outbox.toSeq,
    createdAt: packet.manifest.createdAt,
    health: health && {
      ...health,
      guardLevel: health.guardLevel as GuardLevel | null,
    },
  });
  await projectRecordings(trx, packet.unitId, packet.records, at);
}

const REASON = z.string().trim().min(3).max(300);
const PAGE_SIZE = 50;
/** A request file is about 700 bytes; 64 KiB leaves room and stops anything else early. */
const MAX_REQUEST_CHARS = 64 * 1024;

function parseRequest(input: {
  requestJson?: string | undefined;
  requestBase64?: string | undefined;
}) {
  const text =
    input.requestJson ??
    (input.requestBase64 === undefined
      ? ''
      : Buffer.from(input.requestBase64, 'base64')
          .toString('utf8')
          .replace(/^\uFEFF/, ''));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new OfficeError(400, 'NOT_ENROLMENT_REQUEST', 'the file is not JSON');
  }
  const parsed = enrolmentRequestSchema.safeParse(value);
  if (!parsed.success)
    throw new OfficeError(400, 'NOT_ENROLMENT_REQUEST', 'not a station enrolment request');
  // The unit id names the station's folders at the hub and on drives: a UUID, nothing else.
  if (!isUuid(parsed.data.unitId))
    throw new OfficeError(400, 'NOT_ENROLMENT_REQUEST', 'the unit id is not a station id');
  const key = publicKeyFromRaw('ed25519', Buffer.from(parsed.data.signingPublicKey, 'base64'));
  if (!verifyDocument(key, parsed.data))
    throw new OfficeError(400, 'REQUEST_SIGNATURE', 'not signed by the key it carries');
  return parsed.data;
}

function documentDto(
  row: Awaited<ReturnType<typeof listDocuments>>['rows'][number],
): OfficeDocumentRow {
  let data: Record<string, unknown> = {};
  let signerName: string | null = null;
  try {
    const signed = JSON.parse(row.signed) as {
      document?: { data?: Record<string, unknown>; signerName?: unknown };
    };
    data = signed.document?.data ?? {};
    signerName =
      typeof signed.document?.signerName === 'string' ? signed.document.signerName : null;
  } catch {
    data = {};
  }
  const nik = typeof data.NIK === 'string' ? data.NIK : null;
  return {
    documentNumber: row.document_number,
    kind: row.kind,
    unitId: row.unit_id,
    stationName: row.station_name,
    subjectId: row.subject_id,
    name: typeof data.NAMA_LGKP === 'string' ? data.NAMA_LGKP : null,
    maskedNik: nik === null ? null : maskNik(nik),
    issuedAt: row.issued_at,
    signerName,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
  };
}

/** Back-office handlers of the stations area (issue 15). */
export const stationsHandlers: OfficeHandlerMap<keyof StationsHandlers> = {
  'stations-list': {
    // pemantau watches the district's stations too: health, no personal data.
    roles: ['admin', 'pemantau'],
    readOnly: true,
    input: z.strictObject({}),
    run: async (call) => {
      const rows = await stationsWithHealth(call.hub.db);
      return {
        hubTime: call.at,
        districtKeyId: keyId(call.hub.keys.signing.publicRaw),
        rows: rows.map((r) => ({
          unitId: r.unit_id,
          unitCode: r.unit_code,
          name: r.name,
          regionCode: r.region_code,
          enrolledAt: r.enrolled_at,
          revokedAt: r.revoked_at,
          revokeReason: r.revoked_at ? r.revoke_reason : null,
          keyId: keyId(Buffer.from(r.signing_key, 'base64')),
          lastContactAt: r.last_contact_at,
          lastPacketAt: r.last_packet_at,
          lastPacketChannel: r.last_packet_channel,
          softwareVersion: r.software_version,
          backlogRecords: r.backlog_records,
          oldestUnsyncedAt: r.oldest_unsynced_at,
          guardLevel: r.guard_level,
          guardReasons: r.guard_reasons ? r.guard_reasons.split(',') : [],
          freeBytes: r.free_bytes,
          stationTime: r.station_time,
          reportedAt: r.packet_created_at,
        })),
      };
    },
  },
  'stations-enrol': {
    roles: ['admin'],
    input: z
      .strictObject({
        requestJson: z.string().min(2).max(MAX_REQUEST_CHARS).optional(),
        requestBase64: z
          .string()
          .min(4)
          .max(MAX_REQUEST_CHARS)
          .regex(/^[A-Za-z0-9+/=\s]+$/)
          .optional(),
        hubUrl: z
          .string()
          .trim()
          .max(300)
          .regex(/^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/),
      })
      .refine((v) => (v.requestJson === undefined) !== (v.requestBase64 === undefined), {
        message: 'requestJson or requestBase64, one of the two',
      }),
    run: async (call, input) => {
      const request = parseRequest(input);
      let hubUrl: string;
      try {
        hubUrl = new URL(input.hubUrl).toString().replace(/\/$/, '');
      } catch {
        throw new OfficeError(400, 'BAD_HUB_URL', 'the hub address is not a URL');
      }
      return call.hub.db.transaction().execute(async (trx) => {
        const existing = await stationByUnit(trx, request.unitId);
        if (existing && existing.signing_key !== request.signingPublicKey && !existing.revoked_at)
          throw new OfficeError(
            409,
            'STATION_HAS_KEY',
            'this unit is enrolled with another key; revoke that key first',
          );
        const answer = await enrol(within(call.hub, trx), request, hubUrl);
        const stationKeyId = keyId(Buffer.from(request.signingPublicKey, 'base64'));
        await call.audit(
          'stations.enrolled',
          {
            unitId: request.unitId,
            unitCode: request.unitCode,
            unitName: request.unitName,
            stationKeyId,
            hubUrl,
            isReEnrolment: existing !== undefined,
          },
          trx,
        );
        return {
          unitId: request.unitId,
          unitName: request.unitName,
          answerJson: JSON.stringify(answer, null, 2),
          fileName: `jawaban-${request.unitId}.json`,
          districtKeyId: keyId(call.hub.keys.signing.publicRaw),
          stationKeyId,
          isReEnrolment: existing !== undefined,
        };
      });
    },
  },
  'stations-revoke': {
    roles: ['admin'],
    input: z.strictObject({ unitId: z.string().min(1).max(100), reason: REASON }),
    run: async (call, input) =>
      call.hub.db.transaction().execute(async (trx) => {
        const station = await stationByUnit(trx, input.unitId);
        if (!station) throw new OfficeError(404, 'UNKNOWN_STATION', `no station ${input.unitId}`);
        if (!(await revokeStationKey(trx, input.unitId, { at: call.at, reason: input.reason })))
          throw new OfficeError(409, 'STATION_REVOKED', 'this station’s key is revoked already');
        await call.audit(
          'stations.revoked',
          {
            unitId: input.unitId,
            name: station.name,
            keyId: keyId(Buffer.from(station.signing_key, 'base64')),
            reason: input.reason,
          },
          trx,
        );
        return { unitId: input.unitId, revokedAt: call.at };
      }),
  },
  'stations-documents-list': {
    roles: ['penandatangan'],
    readOnly: true,
    input: z.strictObject({
      text: z.string().trim().max(100).optional(),
      page: z.number().int().min(1).max(100_000),
    }),
    run: async (call, input) => {
      const { rows, total } = await listDocuments(
        call.hub.db,
        { text: input.text },
        { offset: (input.page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
      );
      return { rows: rows.map(documentDto), total, page: input.page, pageSize: PAGE_SIZE };
    },
  },
  'stations-document-revoke': {
    roles: ['penandatangan'],
    input: z.strictObject({ documentNumber: z.string().trim().min(1).max(100), reason: REASON }),
    run: async (call, input) => {
      const document = await documentByNumber(call.hub.db, input.documentNumber);
      if (!document)
        throw new OfficeError(404, 'UNKNOWN_DOCUMENT', `no document ${input.documentNumber}`);
      if (document.revoked_at)
        throw new OfficeError(409, 'DOCUMENT_REVOKED', 'this document is revoked already');
      const result = await revokeDocument(
        call.hub,
        { documentNumber: input.documentNumber, reason: input.reason },
        call.at,
        (action, detail, trx) => call.audit(action, detail, trx),
      );
      if (!result.ok) throw new OfficeError(409, 'DOCUMENT_REVOKED', result.problem);
      return { documentNumber: input.documentNumber, revokedAt: call.at };
    },
  },
};
