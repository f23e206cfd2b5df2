import { z } from 'zod';

/**
 * The signed JSON documents that pass between a station and the district (docs/sync-protocol.md):
 * the enrolment request and answer, and the packet receipt. Schemas check what arrives from a
 * file or a socket before anything trusts it.
 */

const b64Key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes, base64');
const iso = z.string().min(10).max(40);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** Largest SIAK PDF the district attaches to an issued document. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
/** Its length as base64 (with padding). */
export const MAX_PDF_BASE64 = Math.ceil(MAX_PDF_BYTES / 3) * 4;

export const ENROLMENT_REQUEST = 'lakon-mandira-enrolment-request';
export const ENROLMENT_ANSWER = 'lakon-mandira-enrolment-answer';
export const RECEIPT = 'lakon-mandira-receipt';

export const enrolmentRequestSchema = z.strictObject({
  format: z.literal(ENROLMENT_REQUEST),
  version: z.literal(1),
  unitId: z.string().min(1).max(100),
  unitCode: z.string().min(1).max(40),
  unitName: z.string().min(1).max(200),
  regionCode: z.string().regex(/^\d{2,10}$/),
  signingPublicKey: b64Key,
  encryptionPublicKey: b64Key,
  createdAt: iso,
  /** Ed25519 by the station's own signing key: proves it holds the private key. */
  signature: z.string().min(1).max(200),
});
export type EnrolmentRequest = z.infer<typeof enrolmentRequestSchema>;

export const enrolmentAnswerSchema = z.strictObject({
  format: z.literal(ENROLMENT_ANSWER),
  version: z.literal(1),
  unitId: z.string().min(1).max(100),
  hubUrl: z.string().url().max(300),
  districtName: z.string().min(1).max(200),
  districtSigningKey: b64Key,
  districtEncryptionKey: b64Key,
  issuedAt: iso,
  /** Ed25519 by the district signing key in this answer. */
  signature: z.string().min(1).max(200),
});
export type EnrolmentAnswer = z.infer<typeof enrolmentAnswerSchema>;

export const receiptSchema = z.strictObject({
  format: z.literal(RECEIPT),
  version: z.literal(1),
  packetId: z.string().min(1).max(100),
  unitId: z.string().min(1).max(100),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  channel: z.enum(['http', 'usb']),
  accepted: z.array(z.string().min(1).max(100)),
  rejected: z.array(
    z.strictObject({ id: z.string().min(1).max(100), reason: z.string().max(300) }),
  ),
  receivedAt: iso,
  hubKeyId: z.string().min(1).max(40),
  /**
   * The audit anchor the hub stored from this packet's manifest (docs/sync-packets.md, "Audit
   * anchor"); only for packets that carried one, so older stations never see the key. `flag`
   * names a failed check at the hub (the station's chain was rewritten or broken), else null.
   */
  auditAnchor: z
    .strictObject({
      seq: z.number().int().nonnegative(),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      flag: z.string().max(40).nullable(),
    })
    .optional(),
  signature: z.string().min(1).max(200),
});
export type Receipt = z.infer<typeof receiptSchema>;
export type ReceiptBody = Omit<Receipt, 'signature'>;

export const ISSUED_DOCUMENT = 'lakon-mandira-issued-document';
export const UPDATES = 'lakon-mandira-updates';

/**
 * A document the district issued: the data printed on it, signed (docs/sync-protocol.md).
 * Version 2 adds `pdfSha256`: the document was issued with a PDF from SIAK (signed there with the
 * Head of Dinas's TTE) and the station prints exactly those bytes (docs/sync-packets.md,
 * "Issued documents with a SIAK PDF"). Version 1 documents stay valid.
 */
export const issuedDocumentSchema = z.strictObject({
  format: z.literal(ISSUED_DOCUMENT),
  version: z.union([z.literal(1), z.literal(2)]),
  documentNumber: z.string().regex(/^[A-Z0-9./-]{4,60}$/),
  kind: z.string().min(1).max(40),
  unitId: z.string().min(1).max(100),
  applicationId: z.string().max(100).nullable(),
  recordingId: z.string().max(100).nullable(),
  /** What is printed, by field (name, NIK, ...), as the district decided it. */
  data: z.record(z.string(), z.unknown()),
  issuedAt: iso,
  signerName: z.string().min(1).max(120),
  signerTitle: z.string().min(1).max(200),
  hubKeyId: z.string().min(1).max(40),
  /** Hex sha-256 of the SIAK PDF (version 2 only); its bytes travel beside the document. */
  pdfSha256: sha256Hex.optional(),
  signature: z.string().min(1).max(200),
});
export type IssuedDocument = z.infer<typeof issuedDocumentSchema>;

/** Version 2 exactly when a PDF is named, so an older station never half-applies one. */
export function isConsistentDocument(document: IssuedDocument): boolean {
  return (document.version === 2) === (document.pdfSha256 !== undefined);
}

/**
 * The `issued-document` update's payload: the signed document, its QR, and for a version 2
 * document the PDF's bytes (base64; added by the hub when it builds the bundle).
 */
export const issuedDocumentPayload = z.strictObject({
  document: z.unknown(),
  qr: z.string().min(1).max(2000),
  pdfBase64: z.string().max(MAX_PDF_BASE64).optional(),
});

export const UPDATE_KINDS = [
  'application-status',
  'recording-status',
  'issued-document',
  'revocation',
] as const;

export const updateSchema = z.strictObject({
  seq: z.number().int().positive(),
  kind: z.enum(UPDATE_KINDS),
  subjectId: z.string().min(1).max(100),
  payload: z.record(z.string(), z.unknown()),
  createdAt: iso,
});
export type DistrictUpdate = z.infer<typeof updateSchema>;

/** What a station pulls: its updates after `after`, in order, signed as one bundle. */
export const updatesBundleSchema = z.strictObject({
  format: z.literal(UPDATES),
  version: z.literal(1),
  unitId: z.string().min(1).max(100),
  after: z.number().int().nonnegative(),
  last: z.number().int().nonnegative(),
  updates: z.array(updateSchema).max(5000),
  issuedAt: iso,
  hubKeyId: z.string().min(1).max(40),
  signature: z.string().min(1).max(200),
});
export type UpdatesBundle = z.infer<typeof updatesBundleSchema>;

/**
 * A district status of an application. `dikembalikan`: returned to the station's desk with the
 * district's note in `reason` (the station reopens it; docs/sync-protocol.md, "Pull").
 */
export const applicationStatusPayload = z.strictObject({
  status: z.enum(['dikirim', 'diproses', 'selesai', 'ditolak', 'dikembalikan']),
  reason: z.string().max(300).nullable(),
  by: z.string().min(1).max(120),
  at: iso,
});

export const recordingStatusPayload = z.strictObject({
  status: z.enum(['terkirim', 'prr', 'duplicate']),
  note: z.string().max(300).nullable(),
  at: iso,
});

export const revocationPayload = z.strictObject({
  documentNumber: z.string().min(1).max(60),
  reason: z.string().min(1).max(300),
  revokedAt: iso,
});
