import { createHash, randomBytes } from 'node:crypto';
import {
  fail,
  failWith,
  ok,
  rateLimited,
  roleAtLeast,
  type AppError,
  type LanDeviceKind,
  type LanPairingOffer,
  type LanStatus,
  type Result,
} from '../../contract';
import type { Dispatcher, Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import { officerName } from '../common/officer';
import { qrSvg } from '../common/qr-svg';
import type { CoreDeps } from '../deps';

/**
 * Paired LAN browsers (issue 16 item 3; docs/lan.md): one-time pairing offers shown as a QR, the
 * devices they create (only token hashes stored), the per-address limit on failed pairings, the
 * open sockets of each device, and removal that ends those sockets at once. The station server
 * attaches itself (attachHost) when it listens beyond loopback; without it LAN is off.
 */

/** What the station server tells the core about itself in LAN mode. */
export interface LanHost {
  /** https://ADDRESS:PORT/ for each LAN address; the pairing QR uses the first. */
  urls: string[];
  fingerprint: string;
  /** When the station made its own certificate; null for one given with --tls-cert. */
  certificateMadeAt: string | null;
}

/** A paired device as the host sees it at connect time (ConnectionSource.lan). */
export interface LanDeviceRef {
  deviceId: string;
  kind: LanDeviceKind;
  desk: string | null;
  label: string;
}

export type PairOutcome =
  { ok: true; token: string; device: LanDeviceRef } | { ok: false; error: AppError };

/** A pairing offer is valid this long. */
export const OFFER_TTL_MS = 10 * 60_000;
/** Failed pairings per address within FAILURE_WINDOW_MS before further tries are refused. */
export const PAIR_FAILURE_LIMIT = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Pairing codes: 160 random bits, base64url. Device tokens: 256 bits. */
const CODE_BYTES = 20;
const TOKEN_BYTES = 32;
export const CODE_PATTERN = /^[A-Za-z0-9_-]{27}$/;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** At most this many addresses are tracked for failures (the oldest window is dropped first). */
const MAX_TRACKED_ADDRESSES = 10_000;

const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

interface DeviceRow {
  id: string;
  kind: LanDeviceKind;
  desk: string | null;
  label: string;
  token_hash: string;
}

export class LanService {
  readonly #deps: CoreDeps;
  readonly #dispatcher: Dispatcher;
  #host: LanHost | null = null;
  /** token hash -> device, for every device not removed (checked on every request). */
  readonly #byToken = new Map<string, LanDeviceRef>();
  /** Open connection id -> device id. */
  readonly #sockets = new Map<string, string>();
  /** address -> failed pairings in the current window. */
  readonly #failures = new Map<string, { count: number; since: number }>();

  constructor(deps: CoreDeps, dispatcher: Dispatcher) {
    this.#deps = deps;
    this.#dispatcher = dispatcher;
    const rows = deps.sqlite
      .prepare('select id, kind, desk, label, token_hash from lan_devices where removed_at is null')
      .all() as DeviceRow[];
    for (const row of rows) this.#byToken.set(row.token_hash, toRef(row));
    dispatcher.onDisconnect((connectionId) => {
      if (this.#sockets.delete(connectionId)) this.#changed();
    });
  }

  /** The station server in LAN mode (certificate, addresses): pairing works from then on. */
  attachHost(host: LanHost): void {
    this.#host = { ...host, urls: [...host.urls] };
  }

  get enabled(): boolean {
    return this.#host !== null;
  }

  /** The device a token belongs to, or null (unknown, malformed or removed). */
  deviceByToken(token: string): LanDeviceRef | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const device = this.#byToken.get(hash(token));
    return device ? { ...device } : null;
  }

  /** The host connected a socket of `device` (already in the dispatcher with source.lan). */
  connected(connectionId: string, device: LanDeviceRef): void {
    this.#sockets.set(connectionId, device.deviceId);
    const at = this.#deps.ports.clock.now().toISOString();
    void this.#deps.db
      .updateTable('lan_devices')
      .set({ last_seen_at: at })
      .where('id', '=', device.deviceId)
      .execute()
      .then(
        () => this.#changed(),
        (error: unknown) =>
          this.#deps.ports.log.warn('LAN last-seen not written', { error: String(error) }),
      );
  }

  /** Open sockets of `deviceId`. */
  socketCount(deviceId: string): number {
    let count = 0;
    for (const id of this.#sockets.values()) if (id === deviceId) count++;
    return count;
  }

  async status(): Promise<LanStatus> {
    const rows = await this.#deps.db
      .selectFrom('lan_devices')
      .select(['id', 'kind', 'desk', 'label', 'paired_at', 'last_seen_at'])
      .where('removed_at', 'is', null)
      .orderBy('paired_at')
      .orderBy('id')
      .execute();
    return {
      enabled: this.#host !== null,
      urls: this.#host?.urls ?? [],
      fingerprint: this.#host?.fingerprint ?? null,
      certificateMadeAt: this.#host?.certificateMadeAt ?? null,
      devices: rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        desk: row.desk,
        label: row.label,
        pairedAt: row.paired_at,
        lastSeenAt: row.last_seen_at,
        connected: this.socketCount(row.id),
      })),
    };
  }

  /** A one-time offer (10 minutes); only the code's hash is stored, the code goes in the QR. */
  async offer(
    args: { kind: LanDeviceKind; desk: string | null; label: string },
    session: Session,
  ): Promise<Result<LanPairingOffer>> {
    const host = this.#host;
    if (!host || host.urls.length === 0)
      return failWith('CONFLICT', 'LAN_OFF', 'The station does not listen on the LAN (--lan)');
    if (args.kind === 'desk') {
      const taken = [...this.#byToken.values()].some((d) => d.desk === args.desk);
      if (taken)
        return failWith('CONFLICT', 'DESK_TAKEN', `A paired device is already ${args.desk}`, [
          'desk',
        ]);
    }
    const code = randomBytes(CODE_BYTES).toString('base64url');
    const now = this.#deps.ports.clock.now();
    const expiresAt = new Date(now.getTime() + OFFER_TTL_MS).toISOString();
    const by = officerName(session);
    await this.#deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('lan_pairing_offers')
        .values({
          code_hash: hash(code),
          kind: args.kind,
          desk: args.desk,
          label: args.label,
          created_at: now.toISOString(),
          created_by: by,
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
      await recordAudit(this.#deps, trx, session, 'lan.pair-offer', {
        kind: args.kind,
        desk: args.desk,
        label: args.label,
        expiresAt,
      });
    });
    const url = `${host.urls[0]!.replace(/\/$/, '')}/pair#${code}`;
    return ok({
      url,
      qrSvg: qrSvg(url, 80),
      kind: args.kind,
      desk: args.desk,
      label: args.label,
      expiresAt,
    });
  }

  /**
   * Redeems a pairing code from `address`: a new device and its token, or a refusal. Every
   * refusal counts against the address; past PAIR_FAILURE_LIMIT it is refused outright until its
   * window ends.
   */
  async pair(code: string, address: string): Promise<PairOutcome> {
    const nowMs = this.#deps.ports.clock.now().getTime();
    const limited = this.#limited(address, nowMs);
    if (limited) return limited;
    if (!this.#host) return this.#failed(address, nowMs, 'LAN_OFF', 'LAN is off');
    if (!CODE_PATTERN.test(code))
      return this.#failed(address, nowMs, 'PAIR_CODE_UNKNOWN', 'Not a pairing code');
    const now = new Date(nowMs).toISOString();
    const codeHash = hash(code);
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const deviceId = this.#deps.ports.ids.uuid();
    const outcome = await this.#deps.db.transaction().execute(async (trx) => {
      const offer = await trx
        .selectFrom('lan_pairing_offers')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .executeTakeFirst();
      if (!offer) return 'PAIR_CODE_UNKNOWN' as const;
      if (offer.used_at !== null) return 'PAIR_CODE_USED' as const;
      if (offer.expires_at <= now) return 'PAIR_CODE_EXPIRED' as const;
      // Single use even against a second request racing this one.
      const used = await trx
        .updateTable('lan_pairing_offers')
        .set({ used_at: now })
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1) return 'PAIR_CODE_USED' as const;
      if (offer.kind === 'desk' && [...this.#byToken.values()].some((d) => d.desk === offer.desk))
        return 'DESK_TAKEN' as const;
      const row: DeviceRow = {
        id: deviceId,
        kind: offer.kind,
        desk: offer.desk,
        label: offer.label,
        token_hash: hash(token),
      };
      await trx
        .insertInto('lan_devices')
        .values({
          ...row,
          paired_at: now,
          paired_by: offer.created_by,
          removed_at: null,
          removed_by: null,
          last_seen_at: null,
        })
        .execute();
      await recordAudit(this.#deps, trx, { role: 'kiosk', userName: null }, 'lan.paired', {
        deviceId,
        kind: offer.kind,
        desk: offer.desk,
        label: offer.label,
        offeredBy: offer.created_by,
        address,
      });
      return row;
    });
    if (typeof outcome === 'string')
      return this.#failed(address, nowMs, outcome, `Pairing refused: ${outcome}`);
    const device = toRef(outcome);
    this.#byToken.set(outcome.token_hash, device);
    this.#changed();
    return { ok: true, token, device: { ...device } };
  }

  /** Marks the device removed, refuses its token from now on and ends its sockets at once. */
  async remove(deviceId: string, session: Session): Promise<Result<LanStatus>> {
    const now = this.#deps.ports.clock.now().toISOString();
    const removed = await this.#deps.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('lan_devices')
        .set({ removed_at: now, removed_by: officerName(session) })
        .where('id', '=', deviceId)
        .where('removed_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await recordAudit(this.#deps, trx, session, 'lan.device-removed', { deviceId });
      return true;
    });
    if (!removed) return fail('NOT_FOUND', 'No paired device with this id');
    for (const [tokenHash, device] of this.#byToken)
      if (device.deviceId === deviceId) this.#byToken.delete(tokenHash);
    this.#dispatcher.endWhere((source) => source.lan?.deviceId === deviceId);
    const status = await this.status();
    this.#pushStatus(status);
    return ok(status);
  }

  #limited(address: string, nowMs: number): PairOutcome | null {
    const entry = this.#failures.get(address);
    if (!entry) return null;
    if (nowMs - entry.since >= FAILURE_WINDOW_MS) {
      this.#failures.delete(address);
      return null;
    }
    if (entry.count < PAIR_FAILURE_LIMIT) return null;
    return rateLimited(
      'PAIR_TOO_MANY_FAILURES',
      entry.since + FAILURE_WINDOW_MS - nowMs,
      'Too many failed pairings from this address',
    );
  }

  #failed(address: string, nowMs: number, reason: string, message: string): PairOutcome {
    const entry = this.#failures.get(address);
    if (entry) entry.count++;
    else {
      if (this.#failures.size >= MAX_TRACKED_ADDRESSES) {
        const oldest = this.#failures.keys().next();
        if (!oldest.done) this.#failures.delete(oldest.value);
      }
      this.#failures.set(address, { count: 1, since: nowMs });
    }
    return failWith(reason === 'LAN_OFF' ? 'CONFLICT' : 'FORBIDDEN', reason, message);
  }

  /** Pushes the status to every supervisor screen of this machine (not to paired devices). */
  #changed(): void {
    if (!this.#hasListeners()) return;
    void this.status().then(
      (status) => this.#pushStatus(status),
      (error: unknown) =>
        this.#deps.ports.log.warn('LAN status not pushed', { error: String(error) }),
    );
  }

  #hasListeners(): boolean {
    return this.#listeners().length > 0;
  }

  #listeners(): string[] {
    return this.#dispatcher.connectionIds.filter((id) => {
      const session = this.#dispatcher.session(id);
      const source = this.#dispatcher.source(id);
      return session && source && !source.lan && roleAtLeast(session.role, 'supervisor');
    });
  }

  #pushStatus(status: LanStatus): void {
    for (const id of this.#listeners()) this.#dispatcher.push(id, 'lan-changed', status);
  }
}

function toRef(row: DeviceRow): LanDeviceRef {
  return { deviceId: row.id, kind: row.kind, desk: row.desk, label: row.label };
}
