import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openHubDatabase, type OpenedHubDb } from '../../db/open-hub';
import type { HubDatabase, HubStationRow } from '../../db/hub-schema';
import type { HubDialect } from '../../db/portable';
import {
  attachmentBySha,
  attachmentsWithoutData,
  setAttachmentData,
} from '../../db/queries/hub-packets';
import { rememberNonce, stationByUnit } from '../../db/queries/hub-stations';
import { touchStationContact } from '../../db/queries/office-stations';
import type { EnrolmentAnswer } from '../protocol/documents';
import { insideFolder } from '../protocol/drive-files';
import type { KeyStore } from '../protocol/key-store';
import { keyPairFromSeed } from '../protocol/packet/keys';
import type { SealedBox } from '../protocol/sealed';
import type { UpdatesChannel } from '../protocol/updates-box';
import type { AnnounceResult, CommitResult, HubContext, HubKeys, HubRefusal } from './context';
import { activeStationKey, enrol } from './enrolment';
import { backfillProjection } from './office/projection';
import { sealedUpdatesFor } from './updates';
import { announce, appendData, commitStaged } from './upload';
import { importDriveReport, type DriveImport, type DriveReport } from './usb-drive';
import { importPacketFile } from './usb-import';

export interface HubOptions {
  dataDir: string;
  keyStore: KeyStore;
  districtName: string;
  now?: (() => Date) | undefined;
  encrypt?: boolean | undefined;
  /**
   * `postgres://...`: the hub's database is this PostgreSQL database (README, "District hub:
   * databases"); without it, hub.db in dataDir (SQLCipher). Keys and packet files stay in dataDir.
   */
  databaseUrl?: string | null | undefined;
}

/**
 * The district hub (docs/sync-protocol.md): stations (enrolment.ts), packets received over HTTP
 * (upload.ts) or from a USB drive (usb-import.ts, usb-drive.ts), verified and stored exactly once
 * by outbox id with signed receipts (ingest.ts), and the updates stations pull (updates.ts).
 * HTTP-agnostic: server.ts maps requests onto these methods and cli.ts uses them for district
 * staff.
 */
export class Hub implements HubContext {
  readonly db: Kysely<HubDatabase>;
  readonly keys: HubKeys;
  readonly dataDir: string;
  readonly districtName: string;
  readonly dialect: HubDialect;
  readonly #opened: OpenedHubDb;
  readonly #now: () => Date;
  /** One commit per packet at a time (two uploads of one packet racing). */
  readonly #busy = new Map<string, Promise<CommitResult>>();

  private constructor(opened: OpenedHubDb, keys: HubKeys, options: HubOptions) {
    this.#opened = opened;
    this.db = opened.db;
    this.dialect = opened.dialect;
    this.keys = keys;
    this.dataDir = options.dataDir;
    this.districtName = options.districtName;
    this.#now = options.now ?? (() => new Date());
    for (const dir of ['staging', 'packets'])
      mkdirSync(join(this.dataDir, dir), { recursive: true, mode: 0o700 });
  }

  static async open(options: HubOptions): Promise<Hub> {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const opened = await openHubDatabase({
      dataDir: options.dataDir,
      key:
        options.encrypt === false || options.databaseUrl
          ? null
          : options.keyStore.loadOrCreate('database'),
      databaseUrl: options.databaseUrl,
    });
    const keys: HubKeys = {
      signing: keyPairFromSeed('ed25519', options.keyStore.loadOrCreate('hub-signing')),
      encryption: keyPairFromSeed('x25519', options.keyStore.loadOrCreate('hub-encryption')),
    };
    const hub = new Hub(opened, keys, options);
    await hub.#moveAttachmentFilesIn();
    // The work queue's rows for applications stored before it existed (office/projection.ts).
    await backfillProjection(hub.db, hub.at());
    return hub;
  }

  /**
   * The district's photos live in the encrypted database (finding 1.12): files an older hub left
   * in attachments/ move in, and the folder goes once every file is in.
   */
  async #moveAttachmentFilesIn(): Promise<void> {
    const folder = join(this.dataDir, 'attachments');
    if (!existsSync(folder)) return;
    let isAllIn = true;
    for (const row of await attachmentsWithoutData(this.db)) {
      let data: Buffer;
      try {
        data = readFileSync(insideFolder(folder, row.file_name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') isAllIn = false;
        continue;
      }
      await setAttachmentData(this.db, row.sha256, data);
    }
    if (isAllIn) rmSync(folder, { recursive: true, force: true });
  }

  /** The bytes of a photo the district received (decrypted, from the encrypted database). */
  async attachment(sha256: string): Promise<{ fileName: string; data: Buffer } | null> {
    const row = await attachmentBySha(this.db, sha256);
    return row?.data ? { fileName: row.file_name, data: Buffer.from(row.data) } : null;
  }

  async close(): Promise<void> {
    await this.#opened.close();
  }

  /**
   * A consistent, still encrypted copy of hub.db at `file`, taken while the hub serves (SQLite
   * only; false on PostgreSQL, whose backup is pg_dump).
   */
  async backup(file: string): Promise<boolean> {
    if (!this.#opened.backup) return false;
    await this.#opened.backup(file);
    return true;
  }

  now(): Date {
    return this.#now();
  }

  /** The hub's clock, as ISO text (decisions and bundles are dated with it). */
  at(): string {
    return this.#now().toISOString();
  }

  // ---- stations and pull -----------------------------------------------------------------

  /** Registers a station from its request file and answers with the hub's keys and address. */
  async enrol(request: unknown, hubUrl: string): Promise<EnrolmentAnswer> {
    return enrol(this, request, hubUrl);
  }

  async station(unitId: string): Promise<HubStationRow | undefined> {
    return stationByUnit(this.db, unitId);
  }

  /** The signing key of an enrolled, not revoked station. */
  async activeStationKey(unitId: string): Promise<Buffer | null> {
    return activeStationKey(this.db, unitId);
  }

  /**
   * Remembers a signed request's nonce; false when this unit used it already. Nonces older than
   * twice the clock window are forgotten here (a request that old is refused by its time anyway).
   */
  async rememberNonce(
    unitId: string,
    nonce: string,
    requestTime: string,
    forgetBefore: string,
  ): Promise<boolean> {
    const isFresh = await rememberNonce(this.db, { unitId, nonce, at: requestTime }, forgetBefore);
    // The back-office's last contact: the hub's time of the station's last signed request.
    if (isFresh) await touchStationContact(this.db, unitId, this.at());
    return isFresh;
  }

  /** A station's updates after `after`, sealed to it for one channel (updates.ts). */
  async sealedUpdatesFor(
    unitId: string,
    after: number,
    channel: UpdatesChannel,
  ): Promise<SealedBox | null> {
    return sealedUpdatesFor(this, unitId, after, channel);
  }

  // ---- HTTP upload: announce, data, commit -------------------------------------------------

  async announce(
    unitId: string,
    packet: { packetId: string; sha256: string; size: number },
  ): Promise<AnnounceResult> {
    return announce(this, unitId, packet);
  }

  /** Appends one piece at `offset`; a piece for another offset answers the hub's true length. */
  async appendData(
    unitId: string,
    packetId: string,
    offset: number,
    bytes: Buffer,
  ): Promise<{ ok: true; receivedBytes: number } | (HubRefusal & { receivedBytes?: number })> {
    return appendData(this, unitId, packetId, offset, bytes);
  }

  async commit(unitId: string, packetId: string): Promise<CommitResult> {
    const running = this.#busy.get(packetId);
    if (running) return running;
    const job = commitStaged(this, unitId, packetId).finally(() => this.#busy.delete(packetId));
    this.#busy.set(packetId, job);
    return job;
  }

  // ---- USB import --------------------------------------------------------------------------

  /** Imports a packet file from a drive; the same checks and the same receipt as over HTTP. */
  async importFile(path: string): Promise<CommitResult> {
    return importPacketFile(this, path, null);
  }

  /** Imports every station folder on a drive; the packet results (see importDriveReport). */
  async importDrive(drive: string): Promise<DriveImport[]> {
    return (await this.importDriveReport(drive)).packets;
  }

  /** Imports every station folder on a drive (usb-drive.ts): packets, receipts and updates. */
  async importDriveReport(drive: string): Promise<DriveReport> {
    return importDriveReport(this, drive);
  }
}
