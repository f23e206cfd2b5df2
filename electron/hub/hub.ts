import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  existsSync,
} from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { openDatabase, type OpenedDb } from '../../db/open';
import { hubMigrations } from '../../db/hub-migrations';
import type { HubDatabase, HubStationRow } from '../../db/hub-schema';
import { signDocument, verifyDocument } from '../protocol/canonical';
import {
  ENROLMENT_ANSWER,
  RECEIPT,
  enrolmentRequestSchema,
  type EnrolmentAnswer,
  type EnrolmentRequest,
  type Receipt,
  type ReceiptBody,
} from '../protocol/documents';
import {
  createExclusive,
  DriveError,
  ensureDriveFolder,
  insideFolder,
  isDriveFolder,
  isUuid,
  listDriveFolder,
  openDriveFile,
  readDriveFile,
  writeDriveFile,
} from '../core/sync/drive-files';
import { PacketError } from '../protocol/packet/format';
import { keyId, keyPairFromSeed, publicKeyFromRaw, type KeyPair } from '../protocol/packet/keys';
import { readPacket, readPacketHeader } from '../protocol/packet/reader';
import type { KeyStore } from '../core/ports';
import type { SealedBox } from '../protocol/sealed';
import { sealUpdates, type UpdatesChannel } from '../protocol/updates-box';
import { checkUsbCursor, MAX_CURSOR_BYTES } from '../protocol/usb-cursor';
import { queueUpdate, updatesFor } from './decisions';
import { ANCHOR_MISSING, evaluateAnchor, hasAnchors } from './audit-anchors';

/** Largest packet the hub takes (a station splits its outbox well below this). */
export const MAX_PACKET_BYTES = 512 * 1024 * 1024;
/** Largest body of one upload request. */
export const MAX_PIECE_BYTES = 1024 * 1024;
const AGGREGATES = new Set(['application', 'application-activity', 'recording', 'stock']);

export interface HubKeys {
  signing: KeyPair;
  encryption: KeyPair;
}

export interface HubOptions {
  dataDir: string;
  keyStore: KeyStore;
  districtName: string;
  now?: (() => Date) | undefined;
  encrypt?: boolean | undefined;
}

export type HubRefusal = { ok: false; reason: string; message: string; status: number };
export type AnnounceResult =
  | { ok: true; state: 'receiving'; receivedBytes: number }
  | { ok: true; state: 'committed'; receipt: Receipt }
  | HubRefusal;
export type CommitResult = { ok: true; receipt: Receipt; isDuplicate: boolean } | HubRefusal;

const refuse = (status: number, reason: string, message: string): HubRefusal => ({
  ok: false,
  status,
  reason,
  message,
});

/**
 * The district hub (docs/sync-protocol.md): stations, packets received over HTTP or from a USB
 * drive, records stored exactly once by outbox id, signed receipts. HTTP-agnostic: server.ts maps
 * requests onto these methods and cli.ts uses them for district staff.
 */
export class Hub {
  readonly db: Kysely<HubDatabase>;
  readonly keys: HubKeys;
  readonly dataDir: string;
  readonly districtName: string;
  readonly #opened: OpenedDb<HubDatabase>;
  readonly #now: () => Date;
  /** One commit per packet at a time (two uploads of one packet racing). */
  readonly #busy = new Map<string, Promise<CommitResult>>();

  private constructor(opened: OpenedDb<HubDatabase>, keys: HubKeys, options: HubOptions) {
    this.#opened = opened;
    this.db = opened.db;
    this.keys = keys;
    this.dataDir = options.dataDir;
    this.districtName = options.districtName;
    this.#now = options.now ?? (() => new Date());
    for (const dir of ['staging', 'packets'])
      mkdirSync(join(this.dataDir, dir), { recursive: true, mode: 0o700 });
  }

  static async open(options: HubOptions): Promise<Hub> {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const opened = await openDatabase<HubDatabase>({
      file: join(options.dataDir, 'hub.db'),
      key: options.encrypt === false ? null : options.keyStore.loadOrCreate('database'),
      migrations: hubMigrations,
    });
    const keys: HubKeys = {
      signing: keyPairFromSeed('ed25519', options.keyStore.loadOrCreate('hub-signing')),
      encryption: keyPairFromSeed('x25519', options.keyStore.loadOrCreate('hub-encryption')),
    };
    const hub = new Hub(opened, keys, options);
    await hub.#moveAttachmentFilesIn();
    return hub;
  }

  /**
   * The district's photos live in the encrypted database (finding 1.12): files an older hub left
   * in attachments/ move in, and the folder goes once every file is in.
   */
  async #moveAttachmentFilesIn(): Promise<void> {
    const folder = join(this.dataDir, 'attachments');
    if (!existsSync(folder)) return;
    const rows = await this.db
      .selectFrom('attachments')
      .select(['sha256', 'file_name'])
      .where('data', 'is', null)
      .execute();
    let isAllIn = true;
    for (const row of rows) {
      let data: Buffer;
      try {
        data = readFileSync(insideFolder(folder, row.file_name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') isAllIn = false;
        continue;
      }
      await this.db
        .updateTable('attachments')
        .set({ data })
        .where('sha256', '=', row.sha256)
        .execute();
    }
    if (isAllIn) rmSync(folder, { recursive: true, force: true });
  }

  /** The bytes of a photo the district received (decrypted, from the encrypted database). */
  async attachment(sha256: string): Promise<{ fileName: string; data: Buffer } | null> {
    const row = await this.db
      .selectFrom('attachments')
      .select(['file_name', 'data'])
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return row?.data ? { fileName: row.file_name, data: Buffer.from(row.data) } : null;
  }

  async close(): Promise<void> {
    await this.#opened.close();
  }

  #at(): string {
    return this.#now().toISOString();
  }

  /** The hub's clock, as ISO text (decisions and bundles are dated with it). */
  at(): string {
    return this.#at();
  }

  // ---- enrolment --------------------------------------------------------------------------

  /** Registers a station from its request file and answers with the hub's keys and address. */
  async enrol(request: unknown, hubUrl: string): Promise<EnrolmentAnswer> {
    const parsed = enrolmentRequestSchema.safeParse(request);
    if (!parsed.success) throw new Error(`Not an enrolment request: ${parsed.error.message}`);
    const req: EnrolmentRequest = parsed.data;
    const stationKey = publicKeyFromRaw('ed25519', Buffer.from(req.signingPublicKey, 'base64'));
    if (!verifyDocument(stationKey, req))
      throw new Error('The enrolment request is not signed by the key it carries');
    const existing = await this.station(req.unitId);
    if (existing && existing.signing_key !== req.signingPublicKey && !existing.revoked_at)
      throw new Error(
        `Unit ${req.unitId} is enrolled with another key; revoke it first (hub station-revoke)`,
      );
    const at = this.#at();
    await this.db
      .insertInto('stations')
      .values({
        unit_id: req.unitId,
        unit_code: req.unitCode,
        name: req.unitName,
        region_code: req.regionCode,
        signing_key: req.signingPublicKey,
        encryption_key: req.encryptionPublicKey,
        enrolled_at: at,
        revoked_at: null,
      })
      .onConflict((oc) =>
        oc.column('unit_id').doUpdateSet({
          signing_key: req.signingPublicKey,
          encryption_key: req.encryptionPublicKey,
          name: req.unitName,
          enrolled_at: at,
          revoked_at: null,
        }),
      )
      .execute();
    return signDocument(this.keys.signing.privateKey, {
      format: ENROLMENT_ANSWER,
      version: 1 as const,
      unitId: req.unitId,
      hubUrl,
      districtName: this.districtName,
      districtSigningKey: this.keys.signing.publicRaw.toString('base64'),
      districtEncryptionKey: this.keys.encryption.publicRaw.toString('base64'),
      issuedAt: at,
    });
  }

  async station(unitId: string): Promise<HubStationRow | undefined> {
    return this.db
      .selectFrom('stations')
      .selectAll()
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
  }

  /** The signing key of an enrolled, not revoked station. */
  async activeStationKey(unitId: string): Promise<Buffer | null> {
    const row = await this.station(unitId);
    return row && !row.revoked_at ? Buffer.from(row.signing_key, 'base64') : null;
  }

  // ---- requests and pull -------------------------------------------------------------------

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
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('request_nonces').where('at', '<', forgetBefore).execute();
      const inserted = await trx
        .insertInto('request_nonces')
        .values({ unit_id: unitId, nonce, at: requestTime })
        .onConflict((oc) => oc.columns(['unit_id', 'nonce']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
    });
  }

  /**
   * A station's updates after `after`, signed and then sealed to the station's X25519 key for
   * one channel (updates-box.ts); null for a unit that is not enrolled or is revoked.
   */
  async sealedUpdatesFor(
    unitId: string,
    after: number,
    channel: UpdatesChannel,
  ): Promise<SealedBox | null> {
    const row = await this.station(unitId);
    if (!row || row.revoked_at) return null;
    const bundle = await updatesFor(this, unitId, after, this.#at());
    return sealUpdates(Buffer.from(row.encryption_key, 'base64'), bundle, channel);
  }

  // ---- HTTP upload: announce, data, commit -------------------------------------------------

  async announce(
    unitId: string,
    packet: { packetId: string; sha256: string; size: number },
  ): Promise<AnnounceResult> {
    if (!isUuid(packet.packetId)) return refuse(422, 'BAD_PACKET_ID', 'packetId must be a UUID');
    if (!/^[0-9a-f]{64}$/.test(packet.sha256))
      return refuse(422, 'BAD_SHA256', 'sha256 must be 64 hex digits');
    if (!Number.isSafeInteger(packet.size) || packet.size < 1 || packet.size > MAX_PACKET_BYTES)
      return refuse(413, 'TOO_LARGE', `size must be 1 .. ${MAX_PACKET_BYTES}`);
    const existing = await this.db
      .selectFrom('packets')
      .selectAll()
      .where('packet_id', '=', packet.packetId)
      .executeTakeFirst();
    if (existing) {
      if (
        existing.unit_id !== unitId ||
        existing.sha256 !== packet.sha256 ||
        existing.size !== packet.size
      )
        return refuse(409, 'PACKET_ID_REUSED', 'this packet id was announced with other contents');
      if (existing.state === 'committed' && existing.receipt)
        return { ok: true, state: 'committed', receipt: JSON.parse(existing.receipt) as Receipt };
      return {
        ok: true,
        state: 'receiving',
        receivedBytes: await this.#stagedBytes(packet.packetId),
      };
    }
    await this.db
      .insertInto('packets')
      .values({
        packet_id: packet.packetId,
        unit_id: unitId,
        sha256: packet.sha256,
        size: packet.size,
        state: 'receiving',
        channel: 'http',
        received_bytes: 0,
        announced_at: this.#at(),
        committed_at: null,
        receipt: null,
        file_name: null,
      })
      .execute();
    rmSync(this.#stagingFile(packet.packetId), { force: true });
    return { ok: true, state: 'receiving', receivedBytes: 0 };
  }

  /** Appends one piece at `offset`; a piece for another offset answers the hub's true length. */
  async appendData(
    unitId: string,
    packetId: string,
    offset: number,
    bytes: Buffer,
  ): Promise<{ ok: true; receivedBytes: number } | (HubRefusal & { receivedBytes?: number })> {
    const packet = await this.db
      .selectFrom('packets')
      .selectAll()
      .where('packet_id', '=', packetId)
      .executeTakeFirst();
    if (!packet || packet.unit_id !== unitId)
      return refuse(404, 'NOT_ANNOUNCED', 'announce the packet first');
    if (packet.state === 'committed') return { ok: true, receivedBytes: packet.size };
    const have = await this.#stagedBytes(packetId);
    if (offset !== have)
      return { ...refuse(409, 'WRONG_OFFSET', `expected offset ${have}`), receivedBytes: have };
    if (have + bytes.length > packet.size)
      return refuse(413, 'TOO_LONG', 'more bytes than announced');
    const file = await open(this.#stagingFile(packetId), 'a', 0o600);
    try {
      await file.write(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    return { ok: true, receivedBytes: have + bytes.length };
  }

  async commit(unitId: string, packetId: string): Promise<CommitResult> {
    const running = this.#busy.get(packetId);
    if (running) return running;
    const job = this.#commit(unitId, packetId).finally(() => this.#busy.delete(packetId));
    this.#busy.set(packetId, job);
    return job;
  }

  async #commit(unitId: string, packetId: string): Promise<CommitResult> {
    const packet = await this.db
      .selectFrom('packets')
      .selectAll()
      .where('packet_id', '=', packetId)
      .executeTakeFirst();
    if (!packet || packet.unit_id !== unitId)
      return refuse(404, 'NOT_ANNOUNCED', 'announce the packet first');
    if (packet.state === 'committed' && packet.receipt)
      return { ok: true, receipt: JSON.parse(packet.receipt) as Receipt, isDuplicate: true };
    const staged = this.#stagingFile(packetId);
    const have = await this.#stagedBytes(packetId);
    if (have !== packet.size)
      return refuse(409, 'INCOMPLETE', `received ${have} of ${packet.size} bytes`);
    // Reading the packet hashes the file as it goes: the announced hash is checked there, in the
    // one pass over the bytes.
    return this.#accept(staged, { packetId, unitId, channel: 'http', sha256: packet.sha256 });
  }

  // ---- USB import --------------------------------------------------------------------------

  /** Imports a packet file from a drive; the same checks and the same receipt as over HTTP. */
  async importFile(path: string): Promise<CommitResult> {
    return this.#importFile(path, null);
  }

  /**
   * Reads the drive file once through a handle opened without following links (a link, FIFO or
   * device is refused before it is opened; the size is capped before a byte is read), into a
   * staging file of the hub's own. `expected` is the unit folder and file name it was found under:
   * a packet must be where its signed header says it belongs.
   */
  async #importFile(
    path: string,
    expected: { unitId: string; packetId: string } | null,
  ): Promise<CommitResult> {
    let opened;
    try {
      opened = await openDriveFile(path, MAX_PACKET_BYTES);
    } catch (error) {
      if (error instanceof DriveError)
        return refuse(error.reason === 'DRIVE_TOO_LARGE' ? 413 : 422, error.reason, error.message);
      return refuse(422, 'UNREADABLE', String((error as Error).message));
    }
    const { handle, size } = opened;
    try {
      let header;
      try {
        header = await readPacketHeader(handle);
      } catch (error) {
        const reason = error instanceof PacketError ? error.reason : 'UNREADABLE';
        return refuse(422, reason, String((error as Error).message));
      }
      if (expected && (header.unitId !== expected.unitId || header.packetId !== expected.packetId))
        return refuse(422, 'WRONG_FOLDER', 'the packet is not under its own unit folder and name');
      const existing = await this.db
        .selectFrom('packets')
        .selectAll()
        .where('packet_id', '=', header.packetId)
        .executeTakeFirst();
      if (existing && existing.unit_id !== header.unitId)
        return refuse(409, 'PACKET_ID_REUSED', 'this packet id belongs to another unit');
      const staged = this.#stagingFile(header.packetId);
      rmSync(staged, { force: true });
      let sha256;
      try {
        sha256 = await copyHashing(handle, size, staged);
      } catch (error) {
        rmSync(staged, { force: true });
        const reason = error instanceof DriveError ? error.reason : 'UNREADABLE';
        return refuse(422, reason, String((error as Error).message));
      }
      if (existing?.state === 'committed' && existing.receipt) {
        rmSync(staged, { force: true });
        // The same receipt only for the same bytes: a file that merely borrows a committed
        // packet's id proves nothing and gets nothing.
        if (existing.sha256 !== sha256)
          return refuse(409, 'PACKET_ID_REUSED', 'this packet id was stored with other contents');
        return { ok: true, receipt: JSON.parse(existing.receipt) as Receipt, isDuplicate: true };
      }
      if (!existing) {
        const isKnown = await this.activeStationKey(header.unitId);
        if (!isKnown) {
          rmSync(staged, { force: true });
          await this.#refuse(
            header.packetId,
            header.unitId,
            'usb',
            'UNKNOWN_STATION',
            `unit ${header.unitId}`,
          );
          return refuse(403, 'UNKNOWN_STATION', `unit ${header.unitId} is not enrolled`);
        }
        await this.db
          .insertInto('packets')
          .values({
            packet_id: header.packetId,
            unit_id: header.unitId,
            sha256,
            size,
            state: 'receiving',
            channel: 'usb',
            received_bytes: size,
            announced_at: this.#at(),
            committed_at: null,
            receipt: null,
            file_name: null,
          })
          .execute();
      }
      return await this.#accept(staged, {
        packetId: header.packetId,
        unitId: header.unitId,
        channel: 'usb',
        sha256,
      });
    } finally {
      await handle.close();
    }
  }

  /** Imports every station folder on a drive; the packet results (see importDriveReport). */
  async importDrive(drive: string): Promise<DriveImport[]> {
    return (await this.importDriveReport(drive)).packets;
  }

  /**
   * Imports every station folder on a drive (docs/sync-protocol.md, "USB"): each packet, then a
   * signed receipt file next to it, and the station's updates, sealed to it, from its cursor.
   * A folder whose layout holds a link, FIFO, device or socket anywhere is refused whole before
   * anything in it is read or written; updates are written only for a station that proved
   * itself on this drive (a packet signed by it, or its signed, fresh cursor file).
   */
  async importDriveReport(drive: string): Promise<DriveReport> {
    const report: DriveReport = { packets: [], units: [] };
    const root = join(drive, 'lakon-mandira');
    try {
      if (!(await isDriveFolder(root))) return report;
    } catch (error) {
      report.units.push(unitRefused('lakon-mandira', error));
      return report;
    }
    for (const entry of await listDriveFolder(root)) {
      // A stray file next to the unit folders (a desktop's metadata) is left alone.
      if (entry.kind === 'file') continue;
      if (!isUuid(entry.name)) {
        report.units.push(unitRefused(entry.name, new DriveError('BAD_NAME', 'not a unit id')));
        continue;
      }
      if (entry.kind !== 'folder') {
        report.units.push(
          unitRefused(entry.name, new DriveError('DRIVE_LINK', `${entry.kind} in the layout`)),
        );
        continue;
      }
      try {
        report.units.push(
          await this.#importUnitFolder(insideFolder(root, entry.name), entry.name, report.packets),
        );
      } catch (error) {
        if (!(error instanceof DriveError)) throw error;
        report.units.push(unitRefused(entry.name, error));
      }
    }
    return report;
  }

  async #importUnitFolder(
    folder: string,
    unitId: string,
    packets: DriveImport[],
  ): Promise<DriveUnit> {
    await checkUnitLayout(folder);
    const packetsDir = insideFolder(folder, 'packets');
    const receiptsDir = insideFolder(folder, 'receipts');
    let isProven = false;
    const names = (await isDriveFolder(packetsDir))
      ? (await listDriveFolder(packetsDir))
          .filter((e) => e.kind === 'file' && e.name.endsWith('.lmp'))
          .map((e) => e.name)
      : [];
    for (const name of names) {
      const packetId = name.slice(0, -'.lmp'.length);
      const result = isUuid(packetId)
        ? await this.#importFile(insideFolder(packetsDir, name), { unitId, packetId })
        : refuse(422, 'BAD_NAME', 'a packet file is named <packet id>.lmp');
      if (result.ok) {
        isProven = true;
        await ensureDriveFolder(receiptsDir);
        await writeDriveFile(
          receiptsDir,
          `${packetId}.json`,
          Buffer.from(JSON.stringify(result.receipt)),
        );
      }
      packets.push({
        unitId,
        file: name,
        ok: result.ok,
        isDuplicate: result.ok && result.isDuplicate,
        reason: result.ok ? null : result.reason,
      });
    }

    const stationKey = await this.activeStationKey(unitId);
    if (!stationKey) return { unitId, updates: false, reason: 'UNKNOWN_STATION' };
    const cursor = await this.#driveCursor(folder, unitId, stationKey);
    if (!cursor.ok && !isProven)
      return { unitId, updates: false, reason: cursor.reason ?? 'NOT_PROVEN' };
    const box = await this.sealedUpdatesFor(unitId, cursor.ok ? cursor.after : 0, 'usb');
    if (!box) return { unitId, updates: false, reason: 'UNKNOWN_STATION' };
    await writeDriveFile(folder, 'updates.json', Buffer.from(JSON.stringify(box)));
    return { unitId, updates: true, reason: null };
  }

  /**
   * The station's signed cursor file: fresh, signed by the station, and not older than the last
   * one accepted from it (a copied old file proves nothing). Remembered when accepted.
   */
  async #driveCursor(
    folder: string,
    unitId: string,
    stationKey: Buffer,
  ): Promise<{ ok: true; after: number } | { ok: false; reason: string | null }> {
    const path = insideFolder(folder, 'cursor.json');
    let value: unknown;
    try {
      value = JSON.parse((await readDriveFile(path, MAX_CURSOR_BYTES)).toString('utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: null };
      return { ok: false, reason: error instanceof DriveError ? error.reason : 'BAD_CURSOR' };
    }
    const checked = checkUsbCursor(value, unitId, stationKey, this.#now());
    if (!checked.ok) return { ok: false, reason: checked.reason };
    const { cursor } = checked;
    const last = await this.db
      .selectFrom('usb_cursors')
      .selectAll()
      .where('unit_id', '=', unitId)
      .executeTakeFirst();
    if (
      last &&
      (cursor.writtenAt < last.written_at ||
        (cursor.writtenAt === last.written_at && cursor.nonce !== last.nonce))
    )
      return { ok: false, reason: 'CURSOR_REPLAYED' };
    await this.db
      .insertInto('usb_cursors')
      .values({
        unit_id: unitId,
        written_at: cursor.writtenAt,
        nonce: cursor.nonce,
        seen_at: this.#at(),
      })
      .onConflict((oc) =>
        oc.column('unit_id').doUpdateSet({
          written_at: cursor.writtenAt,
          nonce: cursor.nonce,
          seen_at: this.#at(),
        }),
      )
      .execute();
    return { ok: true, after: cursor.after };
  }

  // ---- verify and store --------------------------------------------------------------------

  async #accept(
    staged: string,
    meta: { packetId: string; unitId: string; channel: 'http' | 'usb'; sha256: string },
  ): Promise<CommitResult> {
    const entryDir = `${staged}.d`;
    rmSync(entryDir, { recursive: true, force: true });
    mkdirSync(join(entryDir, 'attachments'), { recursive: true });
    const files: { name: string; path: string; size: number }[] = [];
    let read;
    try {
      read = await readPacket(staged, {
        recipient: this.keys.encryption,
        ...(await this.#signerResolver(meta.unitId)),
        onEntry: (name, size) => {
          const path = insideFolder(entryDir, name.replaceAll('/', '__'));
          files.push({ name, path, size });
          const stream = createWriteStream(path, { mode: 0o600 });
          return {
            write: (b) =>
              new Promise<void>((resolve, reject) =>
                stream.write(b, (error) => (error ? reject(error) : resolve())),
              ),
            end: () => new Promise<void>((resolve) => stream.end(resolve)),
          };
        },
      });
      if (read.header.unitId !== meta.unitId)
        throw new PacketError('BAD_MANIFEST', 'sent by another unit than the one signed in');
      if (read.sha256 !== meta.sha256)
        throw new PacketError('HASH_MISMATCH', 'the bytes differ from the announced hash');
    } catch (error) {
      rmSync(entryDir, { recursive: true, force: true });
      rmSync(staged, { force: true });
      const reason = error instanceof PacketError ? error.reason : 'UNREADABLE';
      const message = String((error as Error).message);
      await this.#refuse(meta.packetId, meta.unitId, meta.channel, reason, message);
      return refuse(reason === 'UNKNOWN_STATION' ? 403 : 422, reason, message);
    }
    // A station that has anchored its audit chain never sends a packet without the anchor again
    // (finding 1.8): one that does was rolled back or downgraded to hide a rewrite.
    if (!read.manifest.audit && (await hasAnchors(this.db, meta.unitId))) {
      rmSync(entryDir, { recursive: true, force: true });
      rmSync(staged, { force: true });
      const message = 'the manifest carries no audit anchor, but the district holds this station’s';
      await this.#refuse(meta.packetId, meta.unitId, meta.channel, ANCHOR_MISSING, message);
      return refuse(422, ANCHOR_MISSING, message);
    }

    const accepted: string[] = [];
    const rejected: { id: string; reason: string }[] = [];
    const records: HubRecordInput[] = [];
    for (const file of files.filter((f) => /^records-\d{4}\.jsonl$/.test(f.name))) {
      let lineNo = 0;
      for await (const line of createInterface({ input: createReadStream(file.path) })) {
        lineNo += 1;
        if (line.trim() === '') continue;
        const checked = checkRecord(line, read.manifest.outbox);
        if ('reason' in checked)
          rejected.push({ id: checked.id ?? `${file.name}:${lineNo}`, reason: checked.reason });
        else {
          records.push(checked);
          accepted.push(checked.id);
        }
      }
    }
    const at = this.#at();
    const body: ReceiptBody = {
      format: RECEIPT,
      version: 1,
      packetId: meta.packetId,
      unitId: meta.unitId,
      sha256: meta.sha256,
      channel: meta.channel,
      accepted,
      rejected,
      receivedAt: at,
      hubKeyId: keyId(this.keys.signing.publicRaw),
    };
    const packetDir = insideFolder(join(this.dataDir, 'packets'), meta.unitId);
    mkdirSync(packetDir, { recursive: true, mode: 0o700 });
    const fileName = join(meta.unitId, `${meta.packetId}.lmp`);
    const attachments = files.filter((f) => f.name.startsWith('attachments/'));
    const receipt = await this.db.transaction().execute(async (trx) => {
      // The receipt is signed here: it echoes the audit anchor checked and stored in this
      // transaction (finding 1.8), so two packets of one station committing at once see each other.
      const anchor = await evaluateAnchor(trx, meta.unitId, read.manifest, at);
      if (anchor) {
        await trx.insertInto('audit_anchors').values(anchor).execute();
        body.auditAnchor = { seq: anchor.seq, hash: anchor.hash, flag: anchor.flag ?? null };
      }
      const signed = signDocument(this.keys.signing.privateKey, body) as Receipt;
      for (let i = 0; i < records.length; i += 200) {
        const inserted = await trx
          .insertInto('records')
          .values(
            records.slice(i, i + 200).map((r) => ({
              outbox_id: r.id,
              packet_id: meta.packetId,
              unit_id: meta.unitId,
              seq: r.seq,
              aggregate: r.aggregate,
              aggregate_id: r.aggregateId,
              op: r.op,
              at: r.at,
              data: JSON.stringify(r.data),
              received_at: at,
            })),
          )
          .onConflict((oc) => oc.column('outbox_id').doNothing())
          .returning(['aggregate', 'aggregate_id', 'data'])
          .execute();
        // The station learns at its next pull that the district has it (first arrival only).
        for (const fresh of inserted) await queueArrival(trx, meta.unitId, fresh, at);
      }
      for (const file of attachments) {
        const name = file.name.slice('attachments/'.length);
        // Kept in the encrypted database, never as a plain file (finding 1.12).
        await trx
          .insertInto('attachments')
          .values({
            sha256: name.split('.')[0] ?? name,
            size: file.size,
            file_name: name,
            packet_id: meta.packetId,
            data: await readFile(file.path),
          })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      }
      await trx
        .updateTable('packets')
        .set({
          state: 'committed',
          committed_at: at,
          receipt: JSON.stringify(signed),
          file_name: fileName,
          received_bytes: read.size,
        })
        .where('packet_id', '=', meta.packetId)
        .execute();
      return signed;
    });
    renameSync(staged, insideFolder(join(this.dataDir, 'packets'), fileName));
    rmSync(entryDir, { recursive: true, force: true });
    return { ok: true, receipt, isDuplicate: false };
  }

  async #signerResolver(
    unitId: string,
  ): Promise<{ resolveSigner: (unit: string) => Uint8Array | null }> {
    const key = await this.activeStationKey(unitId);
    return { resolveSigner: (unit) => (unit === unitId ? key : null) };
  }

  /** Logs a refusal (metadata only) and forgets the packet, so nothing of it is stored. */
  async #refuse(
    packetId: string,
    unitId: string | null,
    channel: 'http' | 'usb',
    reason: string,
    message: string,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('packets')
        .where('packet_id', '=', packetId)
        .where('state', '=', 'receiving')
        .execute();
      await trx
        .insertInto('refusals')
        .values({ packet_id: packetId, unit_id: unitId, reason, message, channel, at: this.#at() })
        .execute();
    });
    rmSync(this.#stagingFile(packetId), { force: true });
  }

  #stagingFile(packetId: string): string {
    // Ids are UUIDs by the time they get here; the check stays next to the path it guards.
    return insideFolder(join(this.dataDir, 'staging'), `${packetId}.lmp`);
  }

  async #stagedBytes(packetId: string): Promise<number> {
    try {
      return (await stat(this.#stagingFile(packetId))).size;
    } catch {
      return 0;
    }
  }
}

/**
 * Arrivals the station hears about at its next pull: an application the desk verified is
 * "dikirim" (the district has it); a recording's first record makes it "terkirim".
 */
async function queueArrival(
  trx: Kysely<HubDatabase>,
  unitId: string,
  record: { aggregate: string; aggregate_id: string; data: string },
  at: string,
): Promise<void> {
  const queued = async (status: string) =>
    (await trx
      .selectFrom('updates')
      .select('seq')
      .where('subject_id', '=', record.aggregate_id)
      .where('payload', 'like', `%"status":"${status}"%`)
      .executeTakeFirst()) !== undefined;
  const data = JSON.parse(record.data) as { status?: unknown };
  if (
    record.aggregate === 'application' &&
    data.status === 'diverifikasi' &&
    !(await queued('dikirim'))
  )
    await queueUpdate(
      trx,
      {
        unitId,
        kind: 'application-status',
        subjectId: record.aggregate_id,
        payload: { status: 'dikirim', reason: null, by: 'Disdukcapil', at },
      },
      at,
    );
  if (record.aggregate === 'recording' && !(await queued('terkirim')))
    await queueUpdate(
      trx,
      {
        unitId,
        kind: 'recording-status',
        subjectId: record.aggregate_id,
        payload: { status: 'terkirim', note: null, at },
      },
      at,
    );
}

export interface DriveImport {
  unitId: string;
  file: string;
  ok: boolean;
  isDuplicate: boolean;
  reason: string | null;
}

interface HubRecordInput {
  id: string;
  seq: number;
  aggregate: string;
  aggregateId: string;
  op: string;
  at: string;
  data: unknown;
}

/** One JSON Lines record, checked; the reason names what is wrong. */
export function checkRecord(
  line: string,
  range: { fromSeq: number; toSeq: number },
): HubRecordInput | { id: string | null; reason: string } {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { id: null, reason: 'NOT_JSON' };
  }
  const id = typeof value.id === 'string' && value.id.length <= 100 ? value.id : null;
  if (!id) return { id: null, reason: 'NO_ID' };
  if (
    !Number.isSafeInteger(value.seq) ||
    (value.seq as number) < range.fromSeq ||
    (value.seq as number) > range.toSeq
  )
    return { id, reason: 'SEQ_OUT_OF_RANGE' };
  if (typeof value.aggregate !== 'string' || !AGGREGATES.has(value.aggregate))
    return { id, reason: 'UNKNOWN_AGGREGATE' };
  if (typeof value.aggregateId !== 'string' || value.aggregateId.length === 0)
    return { id, reason: 'NO_AGGREGATE_ID' };
  if (value.op !== 'upsert' && value.op !== 'delete') return { id, reason: 'BAD_OP' };
  if (typeof value.at !== 'string') return { id, reason: 'NO_TIME' };
  if (value.data === null || typeof value.data !== 'object') return { id, reason: 'NO_DATA' };
  return {
    id,
    seq: value.seq as number,
    aggregate: value.aggregate,
    aggregateId: value.aggregateId,
    op: value.op,
    at: value.at,
    data: value.data,
  };
}

/**
 * Copies `size` bytes from an open drive file into a new staging file (created exclusively, never
 * through a link) and returns their sha-256 (one read of the source).
 */
async function copyHashing(from: FileHandle, size: number, to: string): Promise<string> {
  const hash = createHash('sha256');
  const out = await createExclusive(to);
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    let position = 0;
    while (position < size) {
      const { bytesRead } = await from.read(
        buffer,
        0,
        Math.min(buffer.length, size - position),
        position,
      );
      if (bytesRead === 0) throw new PacketError('TRUNCATED', `file ends at byte ${position}`);
      hash.update(buffer.subarray(0, bytesRead));
      await out.write(buffer, 0, bytesRead);
      position += bytesRead;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return hash.digest('hex');
}

/** What happened to one unit folder on a drive: updates written, or why not. */
export interface DriveUnit {
  unitId: string;
  updates: boolean;
  /** null when the updates were written; else a DriveProblem, NOT_PROVEN, UNKNOWN_STATION, ... */
  reason: string | null;
}

export interface DriveReport {
  packets: DriveImport[];
  units: DriveUnit[];
}

function unitRefused(name: string, error: unknown): DriveUnit {
  return {
    unitId: name,
    updates: false,
    reason: error instanceof DriveError ? error.reason : 'UNREADABLE',
  };
}

/**
 * The layout of one unit folder, checked before anything in it is read or written: nothing but
 * regular files and folders, two levels deep (packets/, receipts/); a link, FIFO, device or
 * socket anywhere refuses the folder.
 */
async function checkUnitLayout(folder: string): Promise<void> {
  for (const entry of await listDriveFolder(folder)) {
    const path = insideFolder(folder, entry.name);
    if (entry.kind === 'link') throw new DriveError('DRIVE_LINK', `${path} is a link`);
    if (entry.kind === 'special') throw new DriveError('DRIVE_NOT_FILE', `${path} is not a file`);
    if ((entry.name === 'packets' || entry.name === 'receipts') && entry.kind !== 'folder')
      throw new DriveError('DRIVE_NOT_FOLDER', `${path} is not a folder`);
    if (entry.kind !== 'folder') continue;
    for (const inner of await listDriveFolder(path)) {
      const innerPath = insideFolder(path, inner.name);
      if (inner.kind === 'link') throw new DriveError('DRIVE_LINK', `${innerPath} is a link`);
      if (inner.kind === 'special')
        throw new DriveError('DRIVE_NOT_FILE', `${innerPath} is not a file`);
    }
  }
}
