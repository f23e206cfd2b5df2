import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanIPv4 } from '../testing/lan';

/**
 * The station server as started in the field (`--demo --lan`, no --tls-cert, no token): it makes
 * its own certificate, prints LAN_CERT_FINGERPRINT, the URLs and a host URL, and serves exactly
 * the certificate it announced. Run as a child from an esbuild bundle of server/main.ts (Node 20
 * cannot run TypeScript), placed under node_modules/.cache so its packages resolve.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const bundleDir = join(root, 'node_modules', '.cache', `lm-lan-main-${process.pid}`);
const script = join(bundleDir, 'server.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'lm-lan-main-'));
const address = lanIPv4();

interface Started {
  child: ChildProcess;
  output(): string;
  port: number;
  fingerprint: string;
}

const running = new Set<ChildProcess>();

async function startServer(extra: string[] = []): Promise<Started> {
  const child = spawn(
    process.execPath,
    [script, '--demo', '--lan', '--port', '0', '--data', dataDir, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LM_PAIRING_TOKEN: '' } },
  );
  running.add(child);
  let text = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (/STATION_READY \S+/.test(text)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Station exited (${code}):\n${text}`)));
  });
  await ready;
  const port = Number(new URL(/STATION_READY (\S+)/.exec(text)![1]!).port);
  const fingerprint = /LAN_CERT_FINGERPRINT (\S+)/.exec(text)?.[1] ?? '';
  return { child, output: () => text, port, fingerprint };
}

function stopServer(started: Started): Promise<void> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) return resolve();
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
}

/** The certificate served at the LAN address, read with a handshake that trusts nothing. */
function servedFingerprint(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: address, port, rejectUnauthorized: false }, () => {
      resolve(new X509Certificate(socket.getPeerCertificate(true).raw).fingerprint256);
      socket.end();
    });
    socket.once('error', reject);
  });
}

function get(port: number, path: string): Promise<{ status: number; setCookie: string[] }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: address, port, path, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [] }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mkdirSync(bundleDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'electron/server/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: script,
    // main.ts finds package.json and resources/ two levels above its bundle (dist/electron/).
    define: {
      'import.meta.url': JSON.stringify(
        pathToFileURL(join(root, 'dist', 'electron', 'server.mjs')).href,
      ),
    },
    logLevel: 'silent',
  });
}, 60_000);

afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(bundleDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('station server --lan with its own certificate', () => {
  it('prints the fingerprint it serves, gates the LAN, re-uses the certificate and re-makes it for new names', async () => {
    const first = await startServer();
    const out = first.output();
    expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(await servedFingerprint(first.port)).toBe(first.fingerprint);
    expect(out).toContain(`LAN_URL https://${address}:${first.port}/`);
    expect(out).toMatch(/LAN_CERT_SPKI [A-Za-z0-9+/]{43}=/);
    const hostUrl = new URL(/LAN_HOST_URL (\S+)/.exec(out)![1]!);
    expect(hostUrl.host).toBe(`${address}:${first.port}`);
    const token = hostUrl.searchParams.get('pair')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Printed once only.
    expect(out.match(/LAN_HOST_URL/g)).toHaveLength(1);
    expect((await get(first.port, '/')).status).toBe(403);
    const host = await get(first.port, `/?pair=${token}`);
    expect(host.status).not.toBe(403);
    expect(host.setCookie[0]).toMatch(/^lm_host=/);
    await stopServer(first);

    // The next start re-uses it (same data folder, same addresses).
    const second = await startServer();
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.output()).not.toContain('RE-MADE');
    // A new token each start: the old host URL opens nothing.
    expect((await get(second.port, `/?pair=${token}`)).status).toBe(403);
    await stopServer(second);

    // A name the certificate does not cover: re-made, new fingerprint, said loudly.
    const third = await startServer(['--lan-name', 'stasiun.desa.lan']);
    expect(third.output()).toMatch(
      /LAN CERTIFICATE RE-MADE \(names: not covered: stasiun\.desa\.lan\)/,
    );
    expect(third.fingerprint).not.toBe(first.fingerprint);
    expect(await servedFingerprint(third.port)).toBe(third.fingerprint);
    await stopServer(third);
  }, 120_000);
});
