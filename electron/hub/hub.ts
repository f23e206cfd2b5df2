import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  renameSync,
  rmSync,
  existsSync,
} from 'node:fs';
import { mkdir, open, readFile, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { openDatabase, type OpenedDb } from '../../db/open';
import { hubMigrations } from '../../db/hub-migrations';
import type { HubDatabase, HubStationRow } from '../../db/hub-schema';
import { signDocument, verifyDocument } from '../core/sync/canonical';
import {
  ENROLMENT_ANSWER,
  RECEIPT,
  enrolmentRequestSchema,
  type EnrolmentAnswer,
  type EnrolmentRequest,
  type Receipt,
  type ReceiptBody,
} from '../core/sync/documents';
import { PacketError } from '../core/sync/packet/format';
import { keyId, keyPairFromSeed, publicKeyFromRaw, type KeyPair } from '../core/sync/packet/keys';
import { readPacket, readPacketHeader } from '../core/sync/packet/reader';
import type { KeyStore } from '../core/ports';
import { queueUpdate, updatesFor } from './decisions';

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
    for (const dir of ['staging', 'packets', 'attachments'])
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
    return new Hub(opened, keys, options);
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

  // ---- HTTP upload: announce, data, commit -------------------------------------------------

  async announce(
    unitId: string,
    packet: { packetId: string; sha256: string; size: number },
  ): Promise<AnnounceResult> {
    if (!/^[0-9a-f-]{8,64}$/.test(packet.packetId))
      return refuse(422, 'BAD_PACKET_ID', 'packetId must be a UUID');
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
    let header;
    try {
      header = await readPacketHeader(path);
    } catch (error) {
      const reason = error instanceof PacketError ? error.reason : 'UNREADABLE';
      return refuse(422, reason, String((error as Error).message));
    }
    const existing = await this.db
      .selectFrom('packets')
      .selectAll()
      .where('packet_id', '=', header.packetId)
      .executeTakeFirst();
    if (existing?.state === 'committed' && existing.receipt)
      return { ok: true, receipt: JSON.parse(existing.receipt) as Receipt, isDuplicate: true };
    const size = (await stat(path)).size;
    if (size > MAX_PACKET_BYTES) return refuse(413, 'TOO_LARGE', 'packet too large');
    const staged = this.#stagingFile(header.packetId);
    rmSync(staged, { force: true });
    const sha256 = await copyHashing(path, staged);
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
    return this.#accept(staged, {
      packetId: header.packetId,
      unitId: header.unitId,
      channel: 'usb',
      sha256,
    });
  }

  /**
   * Imports every station folder on a drive (docs/sync-protocol.md, "USB"): each packet, then a
   * signed receipt file next to it, and the station's updates bundle from its cursor.
   */
  async importDrive(drive: string): Promise<DriveImport[]> {
    const root = join(drive, 'lakon-mandira');
    const results: DriveImport[] = [];
    const units = existsSync(root) ? await readdir(root) : [];
    for (const unitId of units) {
      const folder = join(root, unitId);
      const packetsDir = join(folder, 'packets');
      const receiptsDir = join(folder, 'receipts');
      await mkdir(receiptsDir, { recursive: true });
      const names = existsSync(packetsDir)
        ? (await readdir(packetsDir)).filter((n) => n.endsWith('.lmp'))
        : [];
      for (const name of names) {
        const result = await this.importFile(join(packetsDir, name));
        const packetId = name.slice(0, -'.lmp'.length);
        if (result.ok) {
          await writeFileAtomic(
            join(receiptsDir, `${packetId}.json`),
            JSON.stringify(result.receipt),
          );
          results.push({
            unitId,
            file: name,
            ok: true,
            isDuplicate: result.isDuplicate,
            reason: null,
          });
        } else {
          results.push({
            unitId,
            file: name,
            ok: false,
            isDuplicate: false,
            reason: result.reason,
          });
        }
      }
      if (await this.activeStationKey(unitId)) {
        let after = 0;
        try {
          const cursor = JSON.parse(await readFile(join(folder, 'cursor.json'), 'utf8')) as {
            after?: unknown;
          };
          after = Number.isSafeInteger(cursor.after) ? (cursor.after as number) : 0;
        } catch {
          after = 0;
        }
        const bundle = await updatesFor(this, unitId, after, this.#at());
        await writeFileAtomic(join(folder, 'updates.json'), JSON.stringify(bundle));
      }
    }
    return results;
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
          const path = join(entryDir, name.replaceAll('/', '__'));
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
    const receipt = signDocument(this.keys.signing.privateKey, body) as Receipt;
    const packetDir = join(this.dataDir, 'packets', meta.unitId);
    mkdirSync(packetDir, { recursive: true, mode: 0o700 });
    const fileName = join(meta.unitId, `${meta.packetId}.lmp`);
    const attachments = files.filter((f) => f.name.startsWith('attachments/'));
    await this.db.transaction().execute(async (trx) => {
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
        await trx
          .insertInto('attachments')
          .values({
            sha256: name.split('.')[0] ?? name,
            size: file.size,
            file_name: name,
            packet_id: meta.packetId,
          })
          .onConflict((oc) => oc.column('sha256').doNothing())
          .execute();
      }
      await trx
        .updateTable('packets')
        .set({
          state: 'committed',
          committed_at: at,
          receipt: JSON.stringify(receipt),
          file_name: fileName,
          received_bytes: read.size,
        })
        .where('packet_id', '=', meta.packetId)
        .execute();
    });
    for (const file of attachments) {
      const target = join(this.dataDir, 'attachments', file.name.slice('attachments/'.length));
      if (existsSync(target)) rmSync(file.path, { force: true });
      else renameSync(file.path, target);
    }
    renameSync(staged, join(this.dataDir, 'packets', fileName));
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
    return join(this.dataDir, 'staging', `${packetId}.lmp`);
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

async function writeFileAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.part`, text, { mode: 0o600 });
  await rename(`${path}.part`, path);
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

/** Copies a file and returns the sha-256 of what was copied (one read of the source). */
async function copyHashing(from: string, to: string): Promise<string> {
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(to, { mode: 0o600 });
    createReadStream(from)
      .on('data', (chunk) => hash.update(chunk as Buffer))
      .on('error', reject)
      .pipe(out)
      .on('error', reject)
      .on('finish', resolve);
  });
  return hash.digest('hex');
}
