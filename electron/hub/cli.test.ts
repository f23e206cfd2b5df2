import { createHash, randomUUID } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolmentRequest } from '../core/sync/enrolment';
import { stationKeys } from '../core/sync/station-keys';
import { driveFolder, usbExport } from '../core/sync/usb';
import { createTestStation, type TestStation } from '../testing/station';
import { FileKeyStore } from '../protocol/key-store.file';
import { runCli } from './cli';
import { fillOutbox, syncWorld, type SyncWorld } from '../testing/sync';
import { createTestDatabase, HUB_BACKENDS, type TestDatabase } from '../testing/hub';

let dir: string;
let station: TestStation;
/** The database the commands name with --database (null: hub.db in --data). */
let databaseUrl: string | null = null;

/** Runs one command on the hub in `dataDir`; what it printed, line by line. */
async function cliIn(
  dataDir: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const database = databaseUrl ? ['--database', databaseUrl] : [];
  const code = await runCli([...argv, '--data', dataDir, ...database], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const cli = (...argv: string[]) => cliIn(join(dir, 'hub'), ...argv);

describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lm-hub-cli-'));
    station = await createTestStation();
  });
  afterEach(async () => {
    await station.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('hub command line', () => {
    let database: TestDatabase | null = null;
    beforeEach(async () => {
      database = backend === 'postgres' ? await createTestDatabase() : null;
      databaseUrl = database?.url ?? null;
    });
    afterEach(async () => {
      await database?.drop();
      databaseUrl = null;
    });

    it('enrols a station from its request file and lists it', async () => {
      const request = join(dir, 'request.json');
      writeFileSync(
        request,
        JSON.stringify(enrolmentRequest(station.deps, stationKeys(station.ports.keyStore))),
      );
      const answerFile = join(dir, 'answer.json');
      const enrolled = await cli(
        'enrol',
        request,
        '--hub-url',
        'https://hub.example',
        '--out',
        answerFile,
      );
      expect(enrolled).toMatchObject({ code: 0 });
      const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as {
        hubUrl: string;
        unitId: string;
      };
      expect(answer).toMatchObject({
        hubUrl: 'https://hub.example',
        unitId: station.deps.unit.unit_id,
      });
      const listed = await cli('stations');
      expect(listed.out).toContain(station.deps.unit.unit_id);
      expect(listed.out).toContain('1 station(s)');
    });

    it('says what is wrong with a bad command, and changes nothing', async () => {
      expect(await cli('frobnicate')).toMatchObject({ code: 2, err: 'unknown command frobnicate' });
      expect(await cli('enrol')).toMatchObject({ code: 2, err: 'enrol needs <request.json>' });
      expect((await cli('issue', 'no-such-app', '--kind', 'kk', '--signer', 'X')).err).toMatch(
        /no application no-such-app/,
      );
      const forged = join(dir, 'forged.json');
      const request = enrolmentRequest(station.deps, stationKeys(station.ports.keyStore));
      writeFileSync(forged, JSON.stringify({ ...request, unitName: 'Someone else' }));
      const refused = await cli('enrol', forged, '--hub-url', 'https://hub.example');
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/not signed by the key it carries/);
      expect((await cli('stations')).out).toContain('0 station(s)');
    });

    it('prints its usage', async () => {
      expect((await cli('--help')).out).toContain('npm run hub -- <command>');
    });
  });

  describe('hub command line: USB import and attachments', () => {
    let world: SyncWorld;
    let drive: string;
    beforeEach(async () => {
      world = await syncWorld(backend);
      databaseUrl = world.databaseUrl;
      drive = mkdtempSync(join(tmpdir(), 'lm-cli-drive-'));
    });
    afterEach(async () => {
      databaseUrl = null;
      await world.dispose();
      rmSync(drive, { recursive: true, force: true });
    });

    /** A drive as the station leaves it: its packets (with photos) in its unit folder. */
    async function exportedDrive(): Promise<{ unitId: string; files: string[] }> {
      await fillOutbox(world, 2, 3);
      const exported = await usbExport(world.station.deps, world.keys, await world.target(), drive);
      expect(exported.written).toBeGreaterThan(0);
      const unitId = world.station.deps.unit.unit_id;
      const files = readdirSync(join(driveFolder(drive, unitId), 'packets')).sort();
      return { unitId, files };
    }

    it('import prints a line per packet and per station, a total, and exit 0; again, the same receipts', async () => {
      const { unitId, files } = await exportedDrive();
      const first = await cliIn(world.hubDir, 'import', drive);
      expect(first).toMatchObject({ code: 0, err: '' });
      expect(first.out.split('\n')).toEqual([
        ...files.map((file) => `${unitId}\t${file}\taccepted`),
        `${unitId}\tupdates written (sealed to the station)`,
        `${files.length} packet file(s), 1 updates file(s) written to the drive.`,
      ]);
      const receipts = readdirSync(join(driveFolder(drive, unitId), 'receipts')).sort();
      expect(receipts).toEqual(files.map((file) => file.replace(/\.lmp$/, '.json')));

      const again = await cliIn(world.hubDir, 'import', drive);
      expect(again.code).toBe(0);
      expect(again.out.split('\n').slice(0, files.length)).toEqual(
        files.map((file) => `${unitId}\t${file}\talready had it (same receipt)`),
      );
    });

    it('import names a refused packet and a refused folder (escaped), and exits 1', async () => {
      const { unitId, files } = await exportedDrive();
      const forged = `${randomUUID()}.lmp`;
      writeFileSync(join(driveFolder(drive, unitId), 'packets', forged), 'not a packet');
      // A folder name with a terminal escape: printed escaped, never as raw control characters.
      mkdirSync(join(drive, 'lakon-mandira', 'evil\u001b[2Jname'));
      const result = await cliIn(world.hubDir, 'import', drive);
      expect(result.code).toBe(1);
      const lines = result.out.split('\n');
      expect(lines, result.out).toContain(`${unitId}\t${forged}\tREFUSED BAD_MAGIC`);
      expect(lines).toContain('evil\\u001b[2Jname\tNO UPDATES BAD_NAME');
      expect(result.out).not.toContain('\u001b');
      // The genuine packets went in regardless, and the station still gets its updates.
      for (const file of files) expect(lines).toContain(`${unitId}\t${file}\taccepted`);
      expect(lines).toContain(`${unitId}\tupdates written (sealed to the station)`);
      expect(lines.at(-1)).toBe(
        `${files.length + 1} packet file(s), 1 updates file(s) written to the drive.`,
      );
    });

    it('attachment <sha256> --out FILE writes the photo as received, once, readable by its owner only', async () => {
      await exportedDrive();
      expect((await cliIn(world.hubDir, 'import', drive)).code).toBe(0);
      const row = await world.hub.db
        .selectFrom('attachments')
        .select(['sha256', 'file_name'])
        .orderBy('sha256')
        .executeTakeFirstOrThrow();
      const out = join(drive, 'photo.jpg');
      const written = await cliIn(world.hubDir, 'attachment', row.sha256, '--out', out);
      expect(written).toMatchObject({ code: 0, err: '' });
      const bytes = readFileSync(out);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(row.sha256);
      expect(written.out).toBe(
        `Attachment ${row.file_name} written to ${out} (${bytes.length} bytes).`,
      );
      expect(statSync(out).mode & 0o777).toBe(0o600);

      // Never over an existing file: the second run fails and the file keeps its bytes.
      writeFileSync(out, 'kept');
      const over = await cliIn(world.hubDir, 'attachment', row.sha256, '--out', out);
      expect(over.code).toBe(1);
      expect(over.err).toMatch(/EEXIST/);
      expect(readFileSync(out, 'utf8')).toBe('kept');
    });

    it.runIf(backend === 'sqlite')(
      'backup --out FILE while the hub serves: a copy that opens with the key only, with every row',
      async () => {
        await exportedDrive();
        expect((await cliIn(world.hubDir, 'import', drive)).code).toBe(0);
        // The serving hub keeps its database open; the command is another connection to it.
        const copy = join(drive, 'hub-copy.db');
        const done = await cliIn(world.hubDir, 'backup', '--out', copy);
        expect(done).toMatchObject({ code: 0, err: '' });
        expect(done.out).toContain(`written to ${copy}`);
        expect(statSync(copy).mode & 0o777).toBe(0o600);

        const key = new FileKeyStore(join(world.hubDir, 'keys')).load('database');
        expect(key).not.toBeNull();
        expect(() => readCopy(copy, null, 'select count(*) from records')).toThrow(
          /not a database/,
        );
        for (const table of ['stations', 'packets', 'records', 'attachments', 'updates']) {
          const served = await sql<Record<string, unknown>>`
            select * from ${sql.table(table)} order by 1`.execute(world.hub.db);
          expect(readCopy(copy, key, `select * from ${table} order by 1`), table).toEqual(
            served.rows,
          );
        }
        expect(readCopy(copy, key, 'select count(*) as n from attachments')).toEqual([
          { n: expect.any(Number) as number },
        ]);

        // Never over an existing file.
        const again = await cliIn(world.hubDir, 'backup', '--out', copy);
        expect(again.code).toBe(1);
        expect(again.err).toMatch(/EEXIST/);
      },
    );

    it.runIf(backend === 'postgres')(
      'backup on PostgreSQL refuses and names pg_dump, without the password',
      async () => {
        const copy = join(drive, 'hub-copy.db');
        const url = 'postgres://hub:s3cret-word@db.example/hub';
        const lines: string[] = [];
        const refused = await runCli(['backup', '--out', copy, '--database', url], {
          out: () => {},
          err: (line) => lines.push(line),
        });
        expect(refused).toBe(2);
        expect(lines.join('\n')).toContain('pg_dump --format=custom');
        expect(lines.join('\n')).not.toContain('s3cret-word');
        expect(readdirSync(drive)).toEqual([]);
      },
    );
    it('attachment says what is missing: an unknown hash or no --out, and writes nothing', async () => {
      await exportedDrive();
      await cliIn(world.hubDir, 'import', drive);
      const unknown = 'ab'.repeat(32);
      expect(
        await cliIn(world.hubDir, 'attachment', unknown, '--out', join(drive, 'x')),
      ).toMatchObject({ code: 2, err: `no attachment ${unknown}` });
      const { sha256 } = await world.hub.db
        .selectFrom('attachments')
        .select('sha256')
        .executeTakeFirstOrThrow();
      expect(await cliIn(world.hubDir, 'attachment', sha256)).toMatchObject({
        code: 2,
        err: 'attachment needs --out FILE',
      });
      expect(await cliIn(world.hubDir, 'attachment')).toMatchObject({
        code: 2,
        err: 'attachment needs <sha256>',
      });
      expect(readdirSync(drive)).toEqual(['lakon-mandira']);
    });
  });
});

/** Rows of a hub.db copy, read-only, opened with `key` (null: as plain SQLite). */
function readCopy(file: string, key: Buffer | null, query: string): unknown[] {
  const db = new SQLite(file, { readonly: true });
  try {
    if (key) {
      db.pragma("cipher='sqlcipher'");
      db.pragma('legacy=4');
      db.pragma(`key="x'${key.toString('hex')}'"`);
    }
    return db.prepare(query).all();
  } finally {
    db.close();
  }
}
