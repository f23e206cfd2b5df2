import type { Kysely } from 'kysely';
import type { HubDatabase } from '../../db/hub-schema';
import type { Receipt } from '../protocol/documents';
import type { KeyPair } from '../protocol/packet/keys';

/** Largest packet the hub takes (a station splits its outbox well below this). */
export const MAX_PACKET_BYTES = 512 * 1024 * 1024;
/** Largest body of one upload request. */
export const MAX_PIECE_BYTES = 1024 * 1024;

export interface HubKeys {
  signing: KeyPair;
  encryption: KeyPair;
}

/** What the hub's parts share: its database, keys, folder and clock (the Hub class holds them). */
export interface HubContext {
  readonly db: Kysely<HubDatabase>;
  readonly keys: HubKeys;
  readonly dataDir: string;
  readonly districtName: string;
  /** The hub's clock. */
  now(): Date;
  /** The hub's clock, as ISO text (decisions and bundles are dated with it). */
  at(): string;
}

export type HubRefusal = { ok: false; reason: string; message: string; status: number };
export type AnnounceResult =
  | { ok: true; state: 'receiving'; receivedBytes: number }
  | { ok: true; state: 'committed'; receipt: Receipt }
  | HubRefusal;
export type CommitResult = { ok: true; receipt: Receipt; isDuplicate: boolean } | HubRefusal;

export const refuse = (status: number, reason: string, message: string): HubRefusal => ({
  ok: false,
  status,
  reason,
  message,
});
