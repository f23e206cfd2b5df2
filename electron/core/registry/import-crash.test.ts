import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDb } from '../../../db/open';
import { writeSyntheticExtract } from '../demo/extract';
import { loadCodeLists } from './code-lists';
import { cancelImport, getImport, importExtract, markInterrupted } from './import';

/**
 * A real crash: the import runs in a child process that is killed with SIGKILL between (or
 * inside) chunk transactions. Node 20 cannot run TypeScript, so the child is an esbuild bundle
 * placed under node_modules/.cache, where the native SQLite module resolves.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const resourcesDir = join(root, 'resources');
const codeLists = loadCodeLists(resourcesDir);
const key = Buffer.alloc(32, 9);
const dir = mkdtempSync(join(tmpdir(), 'lm-crash-'));
const bundleDir = join(root, 'node_modules', '.cache', `lm-import-crash-${process.pid}`);
const script = join(bundleDir, 'child.mjs');
const csvFile = join(dir, 'extract.csv');
let residents = 0;

const ENTRY = `
import { openDatabase } from './db/open';
import { importExtract } from './electron/core/registry/import';
const [dbFile, keyHex, csvFile, importId, resourcesDir] = process.argv.slice(2);
const opened = await openDatabase({ file: dbFile, key: Buffer.from(keyHex, 'hex') });
await importExtract(opened, {
  file: csvFile, newId: () => importId, resourcesDir, chunkRows: 200,
  onProgress: (p) => process.stdout.write(JSON.stringify(p) + '\\n'),
});
process.stdout.write('DONE\\n');
`;

beforeAll(async () => {
  mkdirSync(bundleDir, { recursive: true });
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'child.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    external: ['better-sqlite3-multiple-ciphers'],
    logLevel: 'silent',
  });
  residents = (await writeSyntheticExtract(csvFile, { residents: 30_000, seed: 5 })).residents;
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Runs the child until it reported `killAfterRows` rows, then SIGKILLs it. */
function runAndKill(dbFile: string, importId: string, killAfterRows: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [script, dbFile, key.toString('hex'), csvFile, importId, resourcesDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let lastRows = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'DONE') return;
      lastRows = (JSON.parse(line) as { rowsRead: number }).rowsRead;
      if (lastRows >= killAfterRows) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lastRows);
      else reject(new Error(`child ended before the kill: ${code}`));
    });
  });
}

const dump = (o: OpenedDb) =>
  JSON.stringify(
    ['families', 'residents', 'family_memberships', 'resident_name_tokens'].map((t) =>
      o.sqlite.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
    ),
  );

/** A database that already holds 300-odd residents of another kecamatan (no NIK in common). */
async function seeded(name: string): Promise<{ file: string; before: string; seed: number }> {
  const file = join(dir, `${name}.db`);
  const opened = await openDatabase({ file, key });
  const small = join(dir, `${name}.csv`);
  writeFileSync(small, '');
  const { residents: seed } = await writeSyntheticExtract(small, {
    residents: 300,
    seed: 99,
    villageCodes: ['1602122001'],
  });
  await importExtract(opened, { file: small, codeLists, newId: () => `${name}-seed` });
  const before = dump(opened);
  await opened.close();
  return { file, before, seed };
}

describe('an import killed with SIGKILL', () => {
  it('is found interrupted at a chunk boundary and resumes to the same end state', async () => {
    const { file, seed } = await seeded('resume');
    const reported = await runAndKill(file, 'crash-1', 1000);
    const opened = await openDatabase({ file, key });
    try {
      expect(getImport(opened.sqlite, 'crash-1')?.status).toBe('running');
      expect(markInterrupted(opened.sqlite).interrupted).toBe(1);
      const row = getImport(opened.sqlite, 'crash-1');
      expect(row?.status).toBe('interrupted');
      const done = row?.records_done ?? 0;
      expect(done % 200).toBe(0);
      expect(done).toBeGreaterThanOrEqual(reported);
      expect(done).toBeLessThan(residents);
      const tagged = opened.sqlite
        .prepare("SELECT count(*) FROM residents WHERE source = 'import:crash-1'")
        .pluck()
        .get();
      expect(tagged).toBe(done);
      const result = await importExtract(opened, { file: csvFile, importId: 'crash-1', codeLists });
      expect(result).toMatchObject({
        status: 'done',
        rowsRead: residents,
        rowsAccepted: residents,
      });
      const count = (t: string) =>
        opened.sqlite.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
      expect(count('residents')).toBe(residents + seed);
      expect(count("residents WHERE source = 'import:crash-1'")).toBe(residents);
      expect(count('family_memberships WHERE until_at IS NULL')).toBe(count('residents'));
      const rows = (o: OpenedDb) =>
        JSON.stringify([
          o.sqlite.prepare('SELECT id, nik, kk_number, name_key FROM residents ORDER BY id').all(),
          o.sqlite.prepare('SELECT * FROM resident_name_tokens ORDER BY 1, 2').all(),
          o.sqlite.prepare('SELECT kk_number, head_nik FROM families ORDER BY 1').all(),
        ]);
      const clean = await seeded('clean');
      const reference = await openDatabase({ file: clean.file, key });
      await importExtract(reference, { file: csvFile, importId: undefined, codeLists });
      expect(rows(opened)).toBe(rows(reference));
      await reference.close();
    } finally {
      await opened.close();
    }
  }, 60_000);

  it('can instead be cancelled: everything it wrote is rolled back', async () => {
    const { file, before } = await seeded('rollback');
    await runAndKill(file, 'crash-2', 1400);
    const opened = await openDatabase({ file, key });
    try {
      markInterrupted(opened.sqlite);
      expect(dump(opened)).not.toBe(before);
      const row = await cancelImport(opened.sqlite, 'crash-2', new Date().toISOString());
      expect(row.status).toBe('cancelled');
      expect(dump(opened)).toBe(before);
    } finally {
      await opened.close();
    }
  }, 60_000);
});
