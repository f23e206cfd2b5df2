import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../contract';
import { Client } from '../transport/client';
import { clientFrame, upgradeRequest } from './ws-raw';

/**
 * Finding 1.1 (issue 13): one frame used to end the station server ("Unhandled 'error' event").
 * The server runs in a child process, as in the field, so a crash shows as a dead process, not as
 * an error inside the test runner. Node 20 cannot run TypeScript: the child is an esbuild bundle
 * under node_modules/.cache, where the native SQLite module resolves.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const bundleDir = join(root, 'node_modules', '.cache', `lm-ws-frames-${process.pid}`);
const script = join(bundleDir, 'child.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'lm-ws-frames-'));
const rendererDir = join(dataDir, 'renderer');

const ENTRY = `
import { createTestStation } from './electron/testing/station';
import { startHost } from './electron/server/ws-host';
const [dataDir, rendererDir] = process.argv.slice(2);
const station = await createTestStation({}, dataDir);
const host = await startHost(station, {
  host: '127.0.0.1', port: 0, rendererDir, pairingToken: null, tls: null,
});
process.stdout.write('READY ' + host.url + '\\n');
`;

let child: ChildProcess;
let url: URL;
let exited: Promise<string>;

beforeAll(async () => {
  mkdirSync(bundleDir, { recursive: true });
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Lakon Mandira</title>');
  await build({
    stdin: { contents: ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'child.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    external: ['better-sqlite3-multiple-ciphers', 'node-hid'],
    // test-station finds resources/ from its own place, not from the bundle's.
    define: {
      'import.meta.url': JSON.stringify(
        pathToFileURL(join(root, 'electron', 'core', 'test-station.ts')).href,
      ),
    },
    // ws and other CommonJS dependencies require Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  child = spawn(process.execPath, [script, join(dataDir, 'station'), rendererDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  exited = new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve(`exit ${code ?? signal}: ${stderr}`)),
  );
  url = await new Promise<URL>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(new URL(line.slice(6)));
    });
    void exited.then((why) => reject(new Error(`station child ended: ${why}`)));
  });
}, 120_000);

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

/** A real WebSocket upgrade on a raw TCP socket; resolves once the server answered 101. */
function rawUpgrade(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(url.port), url.hostname);
    socket.once('error', reject);
    socket.once('connect', () => socket.write(upgradeRequest(url)));
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
  });
}

/** Writes `frame` on an upgraded socket and resolves when the server has closed it. */
async function sendAndAwaitClose(frame: Buffer): Promise<void> {
  const socket = await rawUpgrade();
  await new Promise<void>((resolve) => {
    // The server may close before the whole frame is written: EPIPE or a reset is expected.
    socket.on('error', () => {});
    socket.on('close', () => resolve());
    socket.write(frame);
  });
}

async function sessionGetOverNewSocket(): Promise<unknown> {
  const socket = new WebSocket(`ws://${url.host}/ws`, { origin: url.origin });
  const client = new Client((message) => socket.send(JSON.stringify(message)));
  socket.on('message', (data) => client.deliver(JSON.parse(data.toString()) as ServerMessage));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const result = await client.send('station-session-get', {});
  socket.close();
  return result;
}

describe('station server: frames that used to end the process', () => {
  it('finding 1.1: a 9 MiB text frame and a 6-byte reserved-opcode frame close only their own socket; the server keeps answering', async () => {
    const nineMiB = 9 * 1024 * 1024;
    const big = clientFrame(0x81, Buffer.alloc(nineMiB, 0x61));
    await sendAndAwaitClose(big);
    // FIN + opcode 3 (reserved), masked, no payload: exactly six bytes.
    const reserved = clientFrame(0x83, Buffer.alloc(0));
    expect(reserved).toHaveLength(6);
    await sendAndAwaitClose(reserved);
    expect(child.exitCode).toBeNull();
    expect(await sessionGetOverNewSocket()).toMatchObject({ ok: true, value: { role: 'kiosk' } });
    expect(child.exitCode).toBeNull();
  });
});
