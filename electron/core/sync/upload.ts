import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import {
  markReceipted,
  updateSyncPacket,
  type SyncPacketRow,
} from '../../../db/queries/sync-packets';
import type { CoreDeps } from '../deps';
import { verifyDocument } from '../../protocol/canonical';
import { receiptSchema, type Receipt } from '../../protocol/documents';
import { outgoingDir, type SyncPointHook } from './outgoing';
import { publicKeyFromRaw } from '../../protocol/packet/keys';
import { describeSkew, signRequest } from '../../protocol/request-signing';
import type { StationKeys } from './station-keys';

/** Where and to whom this station sends (from the district's enrolment answer). */
export interface SyncTarget {
  hubUrl: string;
  districtSigningKey: Uint8Array;
  districtEncryptionKey: Uint8Array;
}

export interface UploadOptions {
  /** Bytes per PUT; small pieces lose little on a weak link. */
  pieceBytes: number;
  /** Per request. */
  timeoutMs: number;
  fetch: typeof fetch;
  /** Ends a request early (the station stops); the timeout applies as well. */
  signal?: AbortSignal | undefined;
  onProgress?: ((packetId: string, sentBytes: number, totalBytes: number) => void) | undefined;
  /** Before each PUT of a piece and before the commit request (see SyncPointHook). */
  onPoint?: SyncPointHook | undefined;
}

export const DEFAULT_UPLOAD: UploadOptions = {
  pieceBytes: 256 * 1024,
  timeoutMs: 60_000,
  fetch: (input, init) => fetch(input, init),
};

/** A failed step, with a reason the sync screen translates and whether trying later can help. */
export class SyncError extends Error {
  readonly reason: string;
  readonly isRetryable: boolean;
  constructor(reason: string, message: string, isRetryable: boolean) {
    super(`${reason}: ${message}`);
    this.name = 'SyncError';
    this.reason = reason;
    this.isRetryable = isRetryable;
  }
}

export interface HubAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One signed request to the hub; its JSON answer (a non-JSON answer is NOT_THE_HUB). */
export async function call(
  deps: CoreDeps,
  keys: StationKeys,
  target: SyncTarget,
  options: UploadOptions,
  method: 'POST' | 'PUT',
  path: string,
  body: Uint8Array,
  contentType: string,
): Promise<HubAnswer> {
  const headers = signRequest(
    keys.signing.privateKey,
    deps.unit.unit_id,
    method,
    path,
    body,
    deps.ports.clock.now(),
  );
  let response: Response;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    response = await options.fetch(new URL(path, target.hubUrl), {
      method,
      headers: { ...headers, 'content-type': contentType },
      body,
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      redirect: 'error',
    });
  } catch (error) {
    throw tlsProblem(error, target.hubUrl) ?? networkProblem(error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new SyncError('NETWORK', `answer cut: ${String(error)}`, true);
  }
  // Only 201/202 (and the hub's own JSON refusals) count: a captive portal answers 200 with HTML.
  let parsed: Record<string, unknown> | null = null;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = null;
  }
  if (!parsed || typeof parsed !== 'object')
    throw new SyncError('NOT_THE_HUB', `HTTP ${response.status} without the hub's JSON`, true);
  return { status: response.status, body: parsed };
}

function networkProblem(error: unknown): SyncError {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  const detail = typeof cause?.message === 'string' ? ` (${cause.message})` : '';
  return new SyncError('NETWORK', `${String((error as Error).message ?? error)}${detail}`, true);
}

/**
 * Certificate errors of an https:// hub (Node's TLS codes, on the error or its cause as fetch
 * wraps them): never ignored, each named so the sync screen can say what to do. HUB_CERT_NAME:
 * the certificate is not for the hub address the station was given; HUB_CERT_UNTRUSTED: no
 * trusted CA signed it (the district's own CA goes to the station as LM_HUB_CA_FILE);
 * HUB_CERT_EXPIRED: outside its dates (or the station's clock is wrong); HUB_TLS: no TLS
 * handshake at all (e.g. the hub answers plain HTTP, or offers less than TLS 1.2).
 */
export function tlsProblem(error: unknown, hubUrl: string): SyncError | null {
  const codes: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    e = (e as { cause?: unknown }).cause;
  }
  const host = URL.canParse(hubUrl) ? new URL(hubUrl).host : hubUrl;
  for (const code of codes) {
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
      return new SyncError('HUB_CERT_NAME', `the certificate is not for ${host} (${code})`, true);
    if (UNTRUSTED_CODES.has(code))
      return new SyncError(
        'HUB_CERT_UNTRUSTED',
        `the certificate of ${host} is not signed by a trusted CA (${code})`,
        true,
      );
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID')
      return new SyncError(
        'HUB_CERT_EXPIRED',
        `the certificate of ${host} is outside its dates, or this clock is wrong (${code})`,
        true,
      );
    if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_'))
      return new SyncError('HUB_TLS', `no secure connection to ${host} (${code})`, true);
  }
  return null;
}

const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'INVALID_CA',
]);

/** The hub's JSON refusal as a SyncError (a wrong clock names the difference, in Indonesian). */
export function refusalOf(answer: HubAnswer): SyncError {
  const reason =
    typeof answer.body.reason === 'string' ? answer.body.reason : `HTTP_${answer.status}`;
  let message = typeof answer.body.message === 'string' ? answer.body.message : '';
  if (reason === 'CLOCK_SKEW' && typeof answer.body.skewMs === 'number')
    message = `Jam stasiun ${describeSkew(answer.body.skewMs)} ${
      answer.body.skewMs > 0 ? 'lebih cepat' : 'lebih lambat'
    } dari jam server Disdukcapil (jam server: ${String(answer.body.hubTime)}).`;
  // 4xx refusals of the packet itself will not change by trying again; 5xx and 409 may.
  const isRetryable = answer.status >= 500 || answer.status === 409 || answer.status === 408;
  return new SyncError(reason, message, isRetryable);
}

/**
 * Announce → PUT pieces from where the hub stands → commit. Resumes wherever the hub is (after a
 * cut, a restart of either side, or a packet the hub already has: then its stored receipt comes
 * back at once). Returns the receipt, verified against the district's key.
 */
export async function uploadPacket(
  deps: CoreDeps,
  keys: StationKeys,
  target: SyncTarget,
  packet: SyncPacketRow,
  options: UploadOptions = DEFAULT_UPLOAD,
): Promise<Receipt> {
  const announceBody = Buffer.from(
    JSON.stringify({ packetId: packet.id, sha256: packet.sha256, size: packet.size }),
  );
  const announced = await call(
    deps,
    keys,
    target,
    options,
    'POST',
    '/v1/packets',
    announceBody,
    'application/json',
  );
  if (announced.status !== 201) throw refusalOf(announced);
  if (announced.body.state === 'committed')
    return checkReceipt(target, packet, announced.body.receipt);
  let offset = Number(announced.body.receivedBytes);
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > packet.size)
    throw new SyncError('NOT_THE_HUB', 'announce answer without receivedBytes', true);

  const file = await open(join(outgoingDir(deps), packet.file_name), 'r');
  try {
    const buffer = Buffer.alloc(options.pieceBytes);
    while (offset < packet.size) {
      const length = Math.min(options.pieceBytes, packet.size - offset);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      if (bytesRead !== length)
        throw new SyncError('FILE_CHANGED', 'packet file is shorter', false);
      const piece = buffer.subarray(0, length);
      const path = `/v1/packets/${packet.id}?offset=${offset}`;
      await options.onPoint?.('upload-piece');
      const answer = await call(
        deps,
        keys,
        target,
        options,
        'PUT',
        path,
        piece,
        'application/octet-stream',
      );
      if (answer.status === 409 && Number.isSafeInteger(answer.body.receivedBytes)) {
        // The hub has more or less than we thought (a cut after it stored a piece): follow it.
        offset = Number(answer.body.receivedBytes);
        continue;
      }
      if (answer.status !== 202) throw refusalOf(answer);
      offset = Number(answer.body.receivedBytes);
      await updateSyncPacket(deps.db, packet.id, { uploaded_bytes: offset });
      options.onProgress?.(packet.id, offset, packet.size);
    }
  } finally {
    await file.close();
  }
  await options.onPoint?.('upload-commit');
  const committed = await call(
    deps,
    keys,
    target,
    options,
    'POST',
    `/v1/packets/${packet.id}/commit`,
    Buffer.alloc(0),
    'application/json',
  );
  if (committed.status !== 201) throw refusalOf(committed);
  return checkReceipt(target, packet, committed.body.receipt);
}

/** A receipt counts only when it is the district's, for this packet and these bytes. */
export function checkReceipt(target: SyncTarget, packet: SyncPacketRow, value: unknown): Receipt {
  const parsed = receiptSchema.safeParse(value);
  if (!parsed.success) throw new SyncError('BAD_RECEIPT', 'receipt malformed', true);
  const body = verifyDocument(publicKeyFromRaw('ed25519', target.districtSigningKey), parsed.data);
  if (!body) throw new SyncError('BAD_RECEIPT', 'receipt not signed by the district', false);
  if (parsed.data.packetId !== packet.id || parsed.data.sha256 !== packet.sha256)
    throw new SyncError('BAD_RECEIPT', 'receipt for another packet', false);
  return parsed.data;
}

/**
 * Marks exactly the accepted outbox rows of this packet exported and records the rejected ones,
 * in one transaction; applying the same receipt again changes nothing.
 */
export async function applyReceipt(
  db: Kysely<Database>,
  packet: SyncPacketRow,
  receipt: Receipt,
): Promise<{ exported: number; rejected: number }> {
  const exported = await markReceipted(db, packet, receipt, JSON.stringify(receipt));
  return { exported, rejected: receipt.rejected.length };
}

export interface Backoff {
  baseMs: number;
  capMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 5_000, capMs: 15 * 60_000, random: Math.random };

/** Full jitter: a random wait in [0, min(cap, base · 2^attempt)). */
export function backoffDelay(backoff: Backoff, attempts: number): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** Math.min(attempts, 20));
  return Math.floor(backoff.random() * ceiling);
}

/** After a failed attempt: when to try again, and what went wrong (kept for the sync screen). */
export async function recordFailure(
  deps: CoreDeps,
  packet: SyncPacketRow,
  error: SyncError,
  backoff: Backoff,
): Promise<void> {
  const attempts = packet.attempts + 1;
  const next = new Date(deps.ports.clock.now().getTime() + backoffDelay(backoff, attempts));
  await updateSyncPacket(deps.db, packet.id, {
    attempts,
    next_attempt_at: next.toISOString(),
    last_error: `${error.reason}: ${error.message}`.slice(0, 500),
  });
}
