/**
 * `npm run torture -- hub-fuzz [--requests 3000] [--drives 200] [--seed S] [--database URL]`
 * (issue 13 §2 "Fuzz", the district hub's half; torture/fuzz.ts is the station's). With
 * `--database postgres://...` the hub's database is that PostgreSQL database (it must be empty).
 *
 * A real hub in a temp folder: `hub serve` as its own process, `hub import` as a process per drive
 * (the commands district staff run, bundled from electron/hub/main.ts). It sends malformed HTTP
 * requests (raw garbage, unsigned and mis-signed, signed with broken bodies, forged packets
 * uploaded piece by piece) and hands it hostile USB drives (links to the hub's keys, database and
 * folders and to files outside, FIFOs, huge sparse files, odd names, forged packets). Passes when
 * the serve process never dies, every import ends by itself with 0 or 1, no write happens outside
 * the hub's folders (a sentinel tree and the hub's key files are byte-identical before and after),
 * and nothing refused changes the hub database (content hash of every table; `refusals` logs
 * refusals by design and `request_nonces` remembers every signed request, so both are left out).
 * A legitimate drive at the end proves the imports really ran.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { signDocument } from '../electron/protocol/canonical';
import { ENROLMENT_REQUEST } from '../electron/protocol/documents';
import { keyPairFromSeed, type KeyPair } from '../electron/protocol/packet/keys';
import { PacketWriter } from '../electron/protocol/packet/writer';
import { signRequest } from '../electron/protocol/request-signing';
import { bundleForNode } from '../scripts/bundle-node.mjs';
import { repoRoot } from './lib/fuzz-station';
import { seeded } from './lib/random';

export interface HubFuzzOptions {
  requests: number;
  drives: number;
  seed: number;
  /** The hub's database in PostgreSQL (`--database`); default hub.db in its folder. */
  databaseUrl?: string | undefined;
  log?: (line: string) => void;
}

export interface HubFuzzFailure {
  kind: 'crash' | 'hang' | 'refusal-changed-db' | 'outside-write' | 'keys-changed' | 'harness';
  call: string;
  detail: string;
}

export interface HubFuzzReport {
  seed: number;
  requests: number;
  drives: number;
  /** HTTP answers by status ('closed' when the hub ended the connection). */
  statuses: Record<string, number>;
  /** Import exit codes by drive kind. */
  imports: Record<string, number>;
  dbChecks: number;
  failures: HubFuzzFailure[];
  /** The legitimate drive at the end was imported (receipt written, records stored). */
  isControlImported: boolean;
  ms: number;
}

/** Bundles the hub's entry once per run (Node cannot run TypeScript). */
function buildHub(root: string): Promise<string> {
  return bundleForNode(join(root, 'electron/hub/main.ts'), join(root, 'dist/torture/fuzz-hub.mjs'));
}

function runHub(
  bundle: string,
  args: string[],
  cwd: string,
  hangMs: number,
): Promise<{ code: number | null; signal: string | null; output: string; isHung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, ...args], { cwd, stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    // Not a speed assumption: an import that has not ended after this long is stuck (a FIFO).
    let isHung = false;
    const timer = setTimeout(() => {
      isHung = true;
      child.kill('SIGKILL');
    }, hangMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, isHung });
    });
  });
}

/** sha-256 of every file under `dir` (links listed by target text, never followed). */
function treeHash(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const p = join(d, e.name);
      hash.update(`${p}\0`);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) hash.update(readFileSync(p));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

const IGNORED_TABLES = new Set(['refusals', 'request_nonces']);

/**
 * Tables seen without what any signed request may touch: a station's last contact is written for
 * every signed request the hub accepts to read (like its nonce), refused or not; what its packets
 * reported (health) must still only change with an accepted packet.
 */
const TABLE_VIEWS: Record<string, string> = {
  station_health: `SELECT unit_id, last_packet_id, last_packet_at, last_packet_channel, health_seq,
    software_version, backlog_records, oldest_unsynced_at, guard_level, guard_reasons, free_bytes,
    station_time, packet_created_at FROM station_health WHERE last_packet_id IS NOT NULL`,
};
const viewOf = (table: string) => TABLE_VIEWS[table] ?? `SELECT * FROM "${table}"`;

/** A content hash per table of the hub's database (SQLite or PostgreSQL). */
interface DbWatch {
  hashes(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

function tableHash(rows: unknown[][]): string {
  const lines = rows.map((row) =>
    JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v))),
  );
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex');
}

/** A read-only view of the hub's encrypted database: a content hash per table. */
class HubDbWatch implements DbWatch {
  readonly #db: SQLite.Database;
  constructor(dataDir: string) {
    const key = readFileSync(join(dataDir, 'keys', 'database.key'), 'utf8').trim();
    this.#db = new SQLite(join(dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
    this.#db.pragma(`cipher='sqlcipher'`);
    this.#db.pragma('legacy=4');
    this.#db.pragma(`key="x'${key}'"`);
  }
  async hashes(): Promise<Record<string, string>> {
    const tables = this.#db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const out: Record<string, string> = {};
    for (const table of tables) {
      if (IGNORED_TABLES.has(table)) continue;
      out[table] = tableHash(this.#db.prepare(viewOf(table)).raw().all() as unknown[][]);
    }
    return out;
  }
  async close(): Promise<void> {
    this.#db.close();
  }
}

/** The same view of a hub database in PostgreSQL. */
class PgDbWatch implements DbWatch {
  readonly #client: pg.Client;
  constructor(databaseUrl: string) {
    this.#client = new pg.Client({ connectionString: databaseUrl });
  }
  async open(): Promise<this> {
    await this.#client.connect();
    return this;
  }
  async hashes(): Promise<Record<string, string>> {
    const tables = await this.#client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      if (IGNORED_TABLES.has(name)) continue;
      const rows = await this.#client.query<unknown[]>({
        text: viewOf(name),
        rowMode: 'array',
      });
      out[name] = tableHash(rows.rows);
    }
    return out;
  }
  async close(): Promise<void> {
    await this.#client.end();
  }
}

function diff(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]);
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seeded(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const uuid = (rng: Rng): string => {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[rng.int(16)]).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
};

const ODD_NAMES = [
  '...',
  'x'.repeat(250),
  'ünïcødé-ユニット',
  'a\u0001b',
  'line\nbreak',
  ' ',
  '-rf',
  '.hidden',
  'con',
  '%2e%2e',
];

interface World {
  root: string;
  bundle: string;
  dataDir: string;
  sentinel: string;
  unitId: string;
  station: { signing: KeyPair; encryption: KeyPair };
  districtKey: Buffer;
  url: string;
  serve: ChildProcess;
  serveOutput: () => string;
  isServeDead: () => boolean;
}

async function setUp(log: (line: string) => void, database: string[]): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'lm-hub-fuzz-'));
  const bundle = await buildHub(repoRoot());
  const dataDir = join(root, 'hub-data');
  const sentinel = join(root, 'sentinel');
  mkdirSync(join(sentinel, 'inner'), { recursive: true });
  writeFileSync(join(sentinel, 'precious.txt'), 'must stay as it is');
  writeFileSync(join(sentinel, 'inner', 'deep.bin'), randomBytes(2048));
  const station = {
    signing: keyPairFromSeed('ed25519', randomBytes(32)),
    encryption: keyPairFromSeed('x25519', randomBytes(32)),
  };
  const unitId = '019af000-0000-7000-8000-00000000f022';
  const requestFile = join(root, 'request.json');
  writeFileSync(
    requestFile,
    JSON.stringify(
      signDocument(station.signing.privateKey, {
        format: ENROLMENT_REQUEST,
        version: 1 as const,
        unitId,
        unitCode: 'FUZZ-01',
        unitName: 'Stasiun Uji Fuzz',
        regionCode: '1602',
        signingPublicKey: station.signing.publicRaw.toString('base64'),
        encryptionPublicKey: station.encryption.publicRaw.toString('base64'),
        createdAt: new Date().toISOString(),
      }),
    ),
  );
  const answerFile = join(root, 'answer.json');
  const enrolled = await runHub(
    bundle,
    [
      'enrol',
      requestFile,
      '--hub-url',
      'http://127.0.0.1:1',
      '--out',
      answerFile,
      '--data',
      dataDir,
      ...database,
    ],
    root,
    120_000,
  );
  if (enrolled.code !== 0) throw new Error(`enrol failed: ${enrolled.output}`);
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as { districtEncryptionKey: string };
  const serve = spawn(
    process.execPath,
    [bundle, 'serve', '--port', '0', '--data', dataDir, ...database],
    { cwd: root, stdio: 'pipe' },
  );
  let output = '';
  let isDead = false;
  serve.on('exit', () => (isDead = true));
  const url = await new Promise<string>((resolve, reject) => {
    serve.stdout.on('data', (b: Buffer) => {
      output += b.toString();
      const match = /Hub listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    serve.stderr.on('data', (b: Buffer) => (output += b.toString()));
    serve.on('exit', () => reject(new Error(`hub serve ended: ${output}`)));
  });
  log(`hub at ${url}, data ${dataDir}`);
  return {
    root,
    bundle,
    dataDir,
    sentinel,
    unitId,
    station,
    districtKey: Buffer.from(answer.districtEncryptionKey, 'base64'),
    url,
    serve,
    serveOutput: () => output,
    isServeDead: () => isDead,
  };
}

/** A packet file signed by `signing` for `unitId` (header fields as given, even hostile ones). */
async function packetFile(
  world: World,
  path: string,
  fields: { packetId: string; unitId?: string; signing?: KeyPair; records?: string },
): Promise<Buffer> {
  const writer = await PacketWriter.create(path, {
    packetId: fields.packetId,
    unitId: fields.unitId ?? world.unitId,
    createdAt: new Date().toISOString(),
    signing: fields.signing ?? world.station.signing,
    recipientPublicKey: world.districtKey,
  });
  const id = randomBytes(16).toString('hex');
  const line =
    fields.records ??
    `${JSON.stringify({ id, seq: 1, aggregate: 'application-activity', aggregateId: id, op: 'upsert', at: new Date().toISOString(), data: { step: 'fuzz' } })}\n`;
  await writer.addEntry('records-0001.jsonl', Buffer.from(line));
  await writer.finish({ fromSeq: 1, toSeq: 1, count: 1 });
  return readFileSync(path);
}

// ---- HTTP --------------------------------------------------------------------------------------

type Answer = { status: string; body: string };

function send(
  world: World,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<Answer> {
  return new Promise((resolve) => {
    const url = new URL(path.startsWith('/') ? path : `/${path}`, world.url);
    const req = httpRequest(
      url,
      { method, headers: { ...headers, 'content-length': String(body.length) } },
      (res) => {
        let text = '';
        res.on('data', (b: Buffer) => (text += b.toString()));
        res.on('end', () => resolve({ status: String(res.statusCode), body: text }));
        res.on('error', () => resolve({ status: 'closed', body: text }));
      },
    );
    req.on('error', () => resolve({ status: 'closed', body: '' }));
    req.end(body);
  });
}

function sendRaw(world: World, bytes: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(world.url);
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.on('data', (b: Buffer) => (text += b.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () =>
      resolve({ status: /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 'closed', body: text }),
    );
    socket.write(bytes, () => socket.end());
  });
}

function signed(
  world: World,
  method: string,
  path: string,
  body: Buffer,
  key = world.station.signing,
  unitId = world.unitId,
  at = new Date(),
): Record<string, string> {
  return {
    ...signRequest(key.privateKey, unitId, method, path, body, at),
    'content-type': 'application/json',
  };
}

const ODD_IDS = [
  '../packets/x/y',
  '..%2f..%2fkeys',
  'a'.repeat(100),
  '',
  '00000000-0000-0000-0000-000000000000/../../x',
  'ÜNICODE',
  '12345678',
  '\u0000',
];

function hostileJson(rng: Rng): unknown {
  return rng.pick([
    null,
    [],
    'text',
    -1,
    Number.MAX_SAFE_INTEGER + 2,
    { packetId: rng.pick(ODD_IDS), sha256: 'x', size: 10 },
    { packetId: randomBytes(16).toString('hex'), sha256: 'f'.repeat(64), size: -5 },
    { packetId: '019af000-0000-7000-8000-000000000001', sha256: 'f'.repeat(64), size: 1e12 },
    JSON.parse('{"__proto__":{"size":1},"packetId":1}') as unknown,
    { after: 'NaN' },
    { after: -1 },
    { after: 1.5 },
    JSON.parse('{"a":'.repeat(200) + '1' + '}'.repeat(200)) as unknown,
  ]);
}

/**
 * One fuzz call. A forged packet upload is one call of three requests (announce, piece, commit):
 * judged by the commit, against the database before the announce (a refused packet is forgotten).
 */
async function oneRequest(world: World, rng: Rng): Promise<{ name: string; answer: Answer }> {
  const packetPath = () => `/v1/packets/${rng.chance(0.5) ? rng.pick(ODD_IDS) : uuid(rng)}`;
  switch (rng.int(6)) {
    case 0: {
      const raw = rng.pick([
        randomBytes(rng.int(2000) + 1),
        Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'),
        Buffer.from('POST /v1/packets HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n{'),
        Buffer.from(`POST /v1/updates HTTP/1.1\r\n${'X-A: b\r\n'.repeat(5000)}\r\n`),
        Buffer.from(
          'PUT /v1/packets/../../keys HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
        ),
        Buffer.from('\r\n\r\n\r\n'),
      ]);
      return { name: 'raw', answer: await sendRaw(world, raw) };
    }
    case 1: {
      const path = rng.pick([
        '/v1/packets',
        '/v1/updates',
        packetPath(),
        `${packetPath()}/commit`,
        '/',
        '/v1',
      ]);
      const method = rng.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
      return {
        name: `unsigned ${method} ${path}`,
        answer: await send(world, method, path, {}, Buffer.from(JSON.stringify(hostileJson(rng)))),
      };
    }
    case 2: {
      // Mis-signed: another key, another unit, an old time, a header mangled.
      const body = Buffer.from(JSON.stringify({ after: 0 }));
      const other = keyPairFromSeed('ed25519', randomBytes(32));
      const headers = rng.pick([
        signed(world, 'POST', '/v1/updates', body, other),
        signed(world, 'POST', '/v1/updates', body, world.station.signing, uuid(rng)),
        signed(
          world,
          'POST',
          '/v1/updates',
          body,
          world.station.signing,
          world.unitId,
          new Date(Date.now() - 6 * 86_400_000),
        ),
        Object.fromEntries(
          Object.entries(signed(world, 'POST', '/v1/updates', body)).map(([k, v]) => [
            k,
            rng.chance(0.3) ? `${v}x` : v,
          ]),
        ),
      ]);
      return {
        name: 'mis-signed updates',
        answer: await send(world, 'POST', '/v1/updates', headers, body),
      };
    }
    case 3: {
      const path = rng.pick(['/v1/packets', '/v1/updates']);
      const body = Buffer.from(JSON.stringify(hostileJson(rng)));
      return {
        name: `signed ${path} hostile body`,
        answer: await send(world, 'POST', path, signed(world, 'POST', path, body), body),
      };
    }
    case 4: {
      const id = rng.chance(0.5)
        ? (rng.pick(ODD_IDS.filter((i) => /^[0-9a-f-]+$/.test(i))) ?? uuid(rng))
        : uuid(rng);
      const isCommit = rng.chance(0.5);
      const path = isCommit
        ? `/v1/packets/${id}/commit`
        : `/v1/packets/${id}?offset=${rng.pick(['0', '-1', 'NaN', '1e99', String(rng.int(1000))])}`;
      const body = isCommit ? Buffer.from('{}') : randomBytes(rng.int(4096));
      const method = isCommit ? 'POST' : 'PUT';
      return {
        name: `signed ${method} ${path}`,
        answer: await send(world, method, path, signed(world, method, path, body), body),
      };
    }
    default: {
      // A forged packet, uploaded properly: announce, one piece, commit; the commit must refuse it.
      const packetId = uuid(rng);
      const file = join(world.root, 'forged.lmp');
      rmSync(file, { force: true });
      let bytes = await packetFile(world, file, {
        packetId,
        signing: rng.chance(0.5)
          ? keyPairFromSeed('ed25519', randomBytes(32))
          : world.station.signing,
        records: rng.chance(0.5) ? 'not json\n' : undefined,
      });
      if (rng.chance(0.5)) {
        bytes = Buffer.from(bytes);
        const at = 40 + rng.int(bytes.length - 40);
        bytes[at] = (bytes[at] ?? 0) ^ 0x55;
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const announce = Buffer.from(JSON.stringify({ packetId, sha256, size: bytes.length }));
      await send(
        world,
        'POST',
        '/v1/packets',
        signed(world, 'POST', '/v1/packets', announce),
        announce,
      );
      const piecePath = `/v1/packets/${packetId}?offset=0`;
      await send(world, 'PUT', piecePath, signed(world, 'PUT', piecePath, bytes), bytes);
      const commitPath = `/v1/packets/${packetId}/commit`;
      const body = Buffer.from('{}');
      return {
        name: 'forged packet upload',
        answer: await send(
          world,
          'POST',
          commitPath,
          signed(world, 'POST', commitPath, body),
          body,
        ),
      };
    }
  }
}

// ---- USB drives -------------------------------------------------------------------------------

const LINK_POSITIONS = [
  'lakon-mandira',
  'lakon-mandira/<unit>',
  'lakon-mandira/<unit>/packets',
  'lakon-mandira/<unit>/receipts',
  'lakon-mandira/<unit>/packets/<id>.lmp',
  'lakon-mandira/<unit>/receipts/<id>.json',
  'lakon-mandira/<unit>/receipts/<id>.json.part',
  'lakon-mandira/<unit>/cursor.json',
  'lakon-mandira/<unit>/updates.json',
  'lakon-mandira/<unit>/updates.json.part',
];
const FILE_POSITIONS = LINK_POSITIONS.filter((p) => p.includes('.'));

/** Builds one hostile drive; returns its kind. Nothing on it may be imported. */
async function hostileDrive(world: World, drive: string, rng: Rng): Promise<string> {
  const packetId = uuid(rng);
  const at = (position: string) =>
    join(drive, position.replace('<unit>', world.unitId).replace('<id>', packetId));
  const parentOf = (path: string) => mkdirSync(dirname(path), { recursive: true });
  const unitFolder = at('lakon-mandira/<unit>');
  mkdirSync(join(unitFolder, 'packets'), { recursive: true });
  const kind = rng.pick(['link', 'fifo', 'huge', 'odd-name', 'forged']);
  // A genuine packet beside a link or FIFO: the whole folder must still be refused. (A huge,
  // forged or oddly named file is refused alone, so a genuine packet beside it would be taken.)
  const withGenuine = (kind === 'link' || kind === 'fifo') && rng.chance(0.5);
  const place = (position: string, make: (path: string) => void) => {
    const path = at(position);
    rmSync(path, { recursive: true, force: true });
    parentOf(path);
    make(path);
  };
  switch (kind) {
    case 'link': {
      const target = rng.pick([
        join(world.dataDir, 'keys', 'hub-signing.key'),
        join(world.dataDir, 'keys', 'database.key'),
        join(world.dataDir, 'hub.db'),
        join(world.dataDir, 'packets'),
        world.dataDir,
        join(world.sentinel, 'precious.txt'),
        world.sentinel,
        '/etc/passwd',
        join(world.root, 'does-not-exist'),
      ]);
      place(rng.pick(LINK_POSITIONS), (p) => symlinkSync(target, p));
      break;
    }
    case 'fifo':
      place(rng.pick(FILE_POSITIONS), (p) => execFileSync('mkfifo', [p]));
      break;
    case 'huge':
      place(
        rng.pick(['lakon-mandira/<unit>/packets/<id>.lmp', 'lakon-mandira/<unit>/cursor.json']),
        (p) => {
          writeFileSync(p, '');
          truncateSync(p, rng.pick([513 * 1024 * 1024, 1024 ** 3, 5000]));
        },
      );
      break;
    case 'odd-name': {
      const name = rng.pick(ODD_NAMES);
      const where = rng.pick(['root', 'packets']);
      if (where === 'root') mkdirSync(join(drive, 'lakon-mandira', name), { recursive: true });
      else writeFileSync(join(unitFolder, 'packets', `${name}.lmp`), randomBytes(200));
      // An odd name next to genuine work is not a hazard: the genuine packet is left out here.
      return `odd-name ${where}`;
    }
    default: {
      const variant = rng.int(5);
      const path = join(unitFolder, 'packets', `${packetId}.lmp`);
      if (variant === 0) writeFileSync(path, randomBytes(rng.int(5000)));
      else if (variant === 1)
        await packetFile(world, path, { packetId: `../packets/${world.unitId}/${packetId}` });
      else if (variant === 2)
        await packetFile(world, path, {
          packetId,
          signing: keyPairFromSeed('ed25519', randomBytes(32)),
        });
      else if (variant === 3) {
        const bytes = await packetFile(world, path, { packetId });
        writeFileSync(path, bytes.subarray(0, bytes.length - 1 - rng.int(100)));
      } else {
        // A genuine packet under another packet's name (or another unit's folder).
        await packetFile(world, join(world.root, 'g.lmp'), { packetId });
        writeFileSync(
          join(unitFolder, 'packets', `${uuid(rng)}.lmp`),
          readFileSync(join(world.root, 'g.lmp')),
        );
        rmSync(path, { force: true });
      }
      return `forged ${variant}`;
    }
  }
  if (withGenuine && existsSync(join(unitFolder, 'packets'))) {
    try {
      const genuine = uuid(rng);
      await packetFile(world, join(world.root, 'genuine.lmp'), { packetId: genuine });
      writeFileSync(
        join(unitFolder, 'packets', `${genuine}.lmp`),
        readFileSync(join(world.root, 'genuine.lmp')),
      );
    } catch {
      // The packets folder is itself the hazard (a link or FIFO): nothing to add.
    }
  }
  return `${kind}${withGenuine ? ' + genuine packet' : ''}`;
}

// ---- the run ----------------------------------------------------------------------------------

export async function runHubFuzz(options: HubFuzzOptions): Promise<HubFuzzReport> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const rng = new Rng(options.seed);
  const report: HubFuzzReport = {
    seed: options.seed,
    requests: 0,
    drives: 0,
    statuses: {},
    imports: {},
    dbChecks: 0,
    failures: [],
    isControlImported: false,
    ms: 0,
  };
  const database = options.databaseUrl ? ['--database', options.databaseUrl] : [];
  const world = await setUp(log, database);
  const watch: DbWatch = options.databaseUrl
    ? await new PgDbWatch(options.databaseUrl).open()
    : new HubDbWatch(world.dataDir);
  const sentinelBefore = treeHash(world.sentinel);
  const keysBefore = treeHash(join(world.dataDir, 'keys'));
  const checkOutside = (call: string) => {
    if (treeHash(world.sentinel) !== sentinelBefore)
      report.failures.push({ kind: 'outside-write', call, detail: 'the sentinel tree changed' });
    if (treeHash(join(world.dataDir, 'keys')) !== keysBefore)
      report.failures.push({ kind: 'keys-changed', call, detail: 'a hub key file changed' });
  };
  try {
    let before = await watch.hashes();
    for (let i = 0; i < options.requests && report.failures.length < 20; i += 1) {
      const { name, answer } = await oneRequest(world, rng);
      report.requests += 1;
      report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
      if (world.isServeDead()) {
        report.failures.push({
          kind: 'crash',
          call: name,
          detail: world.serveOutput().slice(-2000),
        });
        break;
      }
      const after = await watch.hashes();
      report.dbChecks += 1;
      const changed = diff(before, after);
      if (!/^2\d\d$/.test(answer.status) && changed.length > 0)
        report.failures.push({
          kind: 'refusal-changed-db',
          call: name,
          detail: `${answer.status} ${answer.body.slice(0, 200)}; changed ${changed.join(', ')}`,
        });
      before = after;
      if (i % 50 === 0) checkOutside(name);
    }
    checkOutside('http');

    const importDrive = (drive: string) =>
      runHub(
        world.bundle,
        ['import', drive, '--data', world.dataDir, ...database],
        world.root,
        120_000,
      );
    for (let i = 0; i < options.drives && report.failures.length < 20; i += 1) {
      const drive = mkdtempSync(join(world.root, 'drive-'));
      const kind = await hostileDrive(world, drive, rng);
      const dbBefore = await watch.hashes();
      const result = await importDrive(drive);
      report.drives += 1;
      const key = `${kind.split(' ')[0]} exit ${result.code ?? result.signal}`;
      report.imports[key] = (report.imports[key] ?? 0) + 1;
      if (result.isHung)
        report.failures.push({
          kind: 'hang',
          call: `drive ${kind}`,
          detail: result.output.slice(-1000),
        });
      else if (result.code !== 0 && result.code !== 1)
        report.failures.push({
          kind: 'crash',
          call: `drive ${kind}`,
          detail: result.output.slice(-2000),
        });
      const changed = diff(dbBefore, await watch.hashes());
      report.dbChecks += 1;
      if (changed.length > 0)
        report.failures.push({
          kind: 'refusal-changed-db',
          call: `drive ${kind}`,
          detail: `changed ${changed.join(', ')}; ${result.output.slice(-500)}`,
        });
      checkOutside(`drive ${kind}`);
      rmSync(drive, { recursive: true, force: true });
    }

    // The control: a genuine drive is imported, so the hostile ones really reached the import.
    const control = mkdtempSync(join(world.root, 'drive-'));
    const packetId = uuid(rng);
    const packets = join(control, 'lakon-mandira', world.unitId, 'packets');
    mkdirSync(packets, { recursive: true });
    await packetFile(world, join(packets, `${packetId}.lmp`), { packetId });
    const dbBefore = await watch.hashes();
    const result = await importDrive(control);
    report.isControlImported =
      result.code === 0 &&
      existsSync(join(control, 'lakon-mandira', world.unitId, 'receipts', `${packetId}.json`)) &&
      diff(dbBefore, await watch.hashes()).includes('records');
    if (!report.isControlImported)
      report.failures.push({
        kind: 'harness',
        call: 'control drive',
        detail: result.output.slice(-1000),
      });
    checkOutside('control drive');
    if (world.isServeDead())
      report.failures.push({
        kind: 'crash',
        call: 'end',
        detail: world.serveOutput().slice(-2000),
      });
  } finally {
    await watch.close();
    world.serve.kill('SIGTERM');
    if (!world.isServeDead()) await new Promise((r) => world.serve.once('exit', r));
    rmSync(world.root, { recursive: true, force: true });
  }
  report.ms = Date.now() - started;
  return report;
}

export function formatReport(report: HubFuzzReport): string {
  return [
    `hub fuzz: seed ${report.seed}, ${report.requests} requests, ${report.drives} drives, ${report.dbChecks} database checks, ${(report.ms / 1000).toFixed(1)} s`,
    `HTTP answers: ${JSON.stringify(report.statuses)}`,
    `imports: ${JSON.stringify(report.imports)}`,
    `control drive imported: ${report.isControlImported}`,
    `failures: ${report.failures.length}`,
    ...report.failures.map((f) => `  ${f.kind} at ${JSON.stringify(f.call)}: ${f.detail}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string', default: '3000' },
      drives: { type: 'string', default: '200' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      database: { type: 'string' },
    },
  });
  const report = await runHubFuzz({
    requests: Number(values.requests),
    drives: Number(values.drives),
    seed: Number(values.seed),
    databaseUrl: values.database,
    log: (line) => console.log(line),
  });
  console.log(formatReport(report));
  return report.failures.length === 0 ? 0 : 1;
}
