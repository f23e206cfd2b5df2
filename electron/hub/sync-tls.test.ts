import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { syncStatus } from '../core/sync/status';
import { hubFetch } from '../core/sync/hub-fetch';
import { pullUpdates } from '../core/sync/pull';
import { DEFAULT_UPLOAD, tlsProblem } from '../core/sync/upload';
import { HUB_BACKENDS } from '../testing/hub';
import { fillOutbox, stationCount, syncWorld, type SyncWorld } from '../testing/sync';
import { makeTestCertificate, type TestCertificate } from '../testing/tls';
import { runCli } from './cli';
import { decideApplication } from './decisions';
import type { WaitEvent } from './update-waits';
import { insecureServeProblem, isLoopbackHost, startHubServer } from './server';

/**
 * TLS at the hub (issue 15 item 3; docs/sync-protocol.md, "TLS"): HTTPS with TLS 1.2 at least
 * and HSTS, no plain HTTP off loopback, and stations that trust the system CAs plus the
 * district's own CA and refuse any other certificate with a named reason.
 */

let world: SyncWorld | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await world?.dispose();
  world = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SIGNER = {
  signerName: 'Drs. H. Contoh, M.Si',
  signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
};

/** One certificate for every test of the file (openssl takes a moment). */
let shared: TestCertificate | null = null;
const certificate = () => (shared ??= makeTestCertificate({ hosts: ['hub.kabupaten.example'] }));

const tlsOf = (cert: TestCertificate) => ({ cert: cert.cert, key: cert.key });

const applicationIdOf = (w: SyncWorld) =>
  w.station.deps.sqlite.prepare('SELECT id FROM applications').pluck().get() as string;

/** What the station's sync status says went wrong last (null when nothing did). */
async function lastProblem(w: SyncWorld): Promise<string | null> {
  return (await syncStatus(w.station.deps, w.keys, false)).lastProblem?.reason ?? null;
}

describe.each(HUB_BACKENDS)('a station and a hub over HTTPS (%s)', (backend) => {
  it('uploads and pulls over HTTPS with the district CA, every answer still checked with the district key', async () => {
    const cert = certificate();
    world = await syncWorld(backend, {
      server: { tls: tlsOf(cert) },
      station: { hubCa: cert.ca },
    });
    expect(world.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect((await world.target()).hubUrl).toBe(world.server.url);
    await fillOutbox(world, 1, 3);
    expect(await world.station.sync.runOnce()).toBe('ran');
    expect(await lastProblem(world)).toBeNull();
    expect(stationCount(world, 'outbox', 'exported_at IS NULL')).toBe(0);
    await decideApplication(
      world.hub,
      { applicationId: applicationIdOf(world), decision: 'issue', kind: 'kk', ...SIGNER },
      world.hub.at(),
    );
    expect(await world.station.sync.runOnce()).toBe('ran');
    expect(stationCount(world, 'applications', "status = 'selesai'")).toBe(1);
    expect(stationCount(world, 'issued_documents')).toBe(1);
  });

  it('waits for updates over HTTPS: a decision arrives without a pass; stop ends the held wait', async () => {
    const cert = certificate();
    const waiting = new Map<WaitEvent['phase'], () => void>();
    /** The hub's next wait event of `phase` (asked for before what causes it). */
    const hubWait = (phase: WaitEvent['phase']) =>
      new Promise<void>((resolve) => waiting.set(phase, resolve));
    world = await syncWorld(backend, {
      server: {
        tls: tlsOf(cert),
        onWait: (event) => {
          waiting.get(event.phase)?.();
          waiting.delete(event.phase);
        },
      },
      station: { hubCa: cert.ca },
    });
    await fillOutbox(world, 1, 0);
    expect(await world.station.sync.runOnce()).toBe('ran');
    const sync = world.station.sync;
    const held = hubWait('held');
    sync.start(24 * 3600 * 1000, { backoff: { baseMs: 5, capMs: 20, random: () => 0.5 } });
    await held;
    const pulled = new Promise<void>((resolve) => {
      const stop = sync.onEvent((event) => {
        if (event.type === 'pulled' && event.by === 'wait' && event.applied > 0) {
          stop();
          resolve();
        }
      });
    });
    const heldAgain = hubWait('held');
    await decideApplication(
      world.hub,
      {
        applicationId: applicationIdOf(world),
        decision: 'reject',
        reason: 'Foto KK tidak terbaca',
        ...SIGNER,
      },
      world.hub.at(),
    );
    await pulled;
    expect(stationCount(world, 'applications', "status = 'ditolak'")).toBe(1);
    // Stopping the station ends its held wait over TLS at once.
    await heldAgain;
    const closed = hubWait('closed');
    await sync.stop();
    await closed;
  });

  it('refuses a hub whose certificate is for another name (HUB_CERT_NAME); nothing is sent', async () => {
    const elsewhere = makeTestCertificate({ hosts: ['hub.kabupaten.example'], loopback: false });
    world = await syncWorld(backend, {
      server: { tls: tlsOf(elsewhere) },
      station: { hubCa: elsewhere.ca },
    });
    await fillOutbox(world, 1, 0);
    await world.station.sync.runOnce();
    expect(await lastProblem(world)).toBe('HUB_CERT_NAME');
    expect(stationCount(world, 'outbox', 'exported_at IS NOT NULL')).toBe(0);
    expect(await world.hub.db.selectFrom('packets').selectAll().execute()).toEqual([]);
  });

  it('refuses a hub signed by a CA it does not trust (HUB_CERT_UNTRUSTED): system CAs only, or another CA', async () => {
    const cert = certificate();
    // No district CA given: the platform's fetch with the system's CAs.
    world = await syncWorld(backend, { server: { tls: tlsOf(cert) } });
    await fillOutbox(world, 1, 0);
    await world.station.sync.runOnce();
    expect(await lastProblem(world)).toBe('HUB_CERT_UNTRUSTED');
    // A district CA, but another district's.
    const other = makeTestCertificate({ hosts: [] });
    await expect(
      pullUpdates(world.station.deps, world.keys, await world.target(), {
        fetch: hubFetch(other.ca),
        timeoutMs: 10_000,
      }),
    ).rejects.toMatchObject({ name: 'SyncError', reason: 'HUB_CERT_UNTRUSTED' });
    expect(stationCount(world, 'outbox', 'exported_at IS NOT NULL')).toBe(0);
  });
});

describe('the hub serves TLS only as it should', () => {
  it('answers with HSTS, speaks TLS 1.3 and 1.2, and no older TLS', async () => {
    const cert = certificate();
    world = await syncWorld('sqlite', { server: { tls: tlsOf(cert) } });
    const url = new URL(world.server.url);
    const answer = await new Promise<{ status: number; hsts: unknown }>((resolve, reject) => {
      request(new URL('/v1/updates', url), { method: 'POST', ca: cert.ca }, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] });
      })
        .on('error', reject)
        .end();
    });
    expect(answer).toEqual({ status: 401, hsts: 'max-age=31536000' });
    const handshake = (versions: { minVersion: 'TLSv1' | 'TLSv1.2'; maxVersion: string }) =>
      new Promise<string>((resolve) => {
        const socket = connect({
          host: url.hostname,
          port: Number(url.port),
          ca: cert.ca,
          ...(versions as { minVersion: 'TLSv1'; maxVersion: 'TLSv1.1' }),
        });
        socket.once('secureConnect', () => {
          resolve(socket.getProtocol() ?? 'none');
          socket.destroy();
        });
        socket.once('error', () => resolve('refused'));
      });
    expect(await handshake({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' })).toBe('TLSv1.3');
    expect(await handshake({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).toBe('TLSv1.2');
    expect(await handshake({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1' })).toBe('refused');
  });

  it('names a hub that speaks no TLS at an https:// address (HUB_TLS)', async () => {
    world = await syncWorld('sqlite');
    const plain = new URL(world.server.url);
    const target = { ...(await world.target()), hubUrl: `https://${plain.host}` };
    const error = await pullUpdates(world.station.deps, world.keys, target, {
      ...DEFAULT_UPLOAD,
      timeoutMs: 10_000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'HUB_TLS' });
    expect(tlsProblem(new Error('no code'), target.hubUrl)).toBeNull();
  });

  it('refuses plain HTTP off loopback unless a lab asks for it', async () => {
    for (const host of ['127.0.0.1', '127.5.6.7', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      'hub.example',
      '128.0.0.1',
      '::ffff:10.0.0.1',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
    expect(insecureServeProblem('0.0.0.0', { hasTls: false })).toMatch(/--tls-cert/);
    expect(insecureServeProblem('0.0.0.0', { hasTls: true })).toBeNull();
    expect(insecureServeProblem('0.0.0.0', { hasTls: false, allowInsecureHttp: true })).toBeNull();
    world = await syncWorld('sqlite');
    await expect(startHubServer(world.hub, { host: '0.0.0.0' })).rejects.toThrow(/plain HTTP/);
  });
});

describe('hub serve on the command line', () => {
  const serve = async (...argv: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-hub-serve-'));
    dirs.push(dir);
    const data = join(dir, 'hub');
    const out: string[] = [];
    const err: string[] = [];
    let stop = () => {};
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let listening = (_url: string) => {};
    const url = new Promise<string>((resolve) => (listening = resolve));
    const code = runCli([...argv, '--port', '0', '--data', data], {
      out: (line) => {
        out.push(line);
        const match = /^Hub listening on (\S+)/.exec(line);
        if (match?.[1]) listening(match[1]);
      },
      err: (line) => err.push(line),
      stop: stopped,
    });
    return { data, out, err, code, url, stop };
  };

  it('refuses a non-loopback address without TLS, before touching the data folder', async () => {
    const run = await serve('serve', '--host', '0.0.0.0');
    expect(await run.code).toBe(2);
    expect(run.err.join('\n')).toMatch(/refusing to serve plain HTTP on 0\.0\.0\.0.*--tls-cert/s);
    expect(existsSync(run.data)).toBe(false);
    const half = await serve('serve', '--tls-cert', certificate().certFile);
    expect(await half.code).toBe(2);
    expect(half.err.join('\n')).toMatch(/go together/);
  });

  it('serves HTTPS with --tls-cert/--tls-key, and warns at every plain start with --insecure-http', async () => {
    const cert = certificate();
    const https = await serve('serve', '--tls-cert', cert.certFile, '--tls-key', cert.keyFile);
    expect(await https.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    https.stop();
    expect(await https.code).toBe(0);

    const lab = await serve('serve', '--host', '0.0.0.0', '--insecure-http');
    expect(await lab.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(lab.err.join('\n')).toMatch(/WARNING: --insecure-http/);
    lab.stop();
    expect(await lab.code).toBe(0);
  });
});
