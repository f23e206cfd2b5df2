import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEnrolmentAnswer, enrolmentRequest } from '../core/sync/enrolment';
import { syncRun } from '../core/sync/run';
import type { SyncEvent, SyncService } from '../core/sync/service';
import { stationKeys } from '../core/sync/station-keys';
import { FileKeyStore } from '../protocol/key-store.file';
import { signRequest } from '../protocol/request-signing';
import { HUB_BACKENDS } from '../testing/hub';
import { fillOutbox, stationCount, syncWorld, type SyncWorld } from '../testing/sync';
import { decideApplication, revokeDocument } from './decisions';
import type { HubServerOptions } from './server';
import type { WaitEvent } from './update-waits';

/**
 * Faster updates (issue 15 item 8; docs/sync-protocol.md, "Faster updates"): the signed
 * long-poll POST /v1/updates/wait at the hub, and the station's loop that pulls as soon as it
 * answers ready. No test waits a fixed time: each synchronises on what the hub (onWait) or the
 * station (sync.onEvent) announces.
 */

const SIGNER = {
  signerName: 'Drs. H. Contoh, M.Si',
  signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
};
/** A periodic pass that cannot fire within a test: only the long-poll can bring an update. */
const NEVER_MS = 24 * 3600 * 1000;
/** Backoff of the loop in tests: the retry after a failure comes within milliseconds. */
const QUICK = { backoff: { baseMs: 5, capMs: 20, random: () => 0.5 } };

let world: SyncWorld | null = null;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await world?.dispose();
  world = null;
  waitListeners.clear();
});

const waitListeners = new Set<(event: WaitEvent) => void>();
const onWait = (event: WaitEvent) => {
  for (const listener of [...waitListeners]) listener(event);
};
/** The hub's next wait event of `phase` (registered before the action that causes it). */
function nextWait(phase: WaitEvent['phase']): Promise<WaitEvent> {
  return new Promise((resolve) => {
    const listener = (event: WaitEvent) => {
      if (event.phase !== phase) return;
      waitListeners.delete(listener);
      resolve(event);
    };
    waitListeners.add(listener);
  });
}

/** The station's next sync event that `match` accepts. */
function nextEvent<T extends SyncEvent['type']>(
  sync: SyncService,
  type: T,
  match: (event: Extract<SyncEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<SyncEvent, { type: T }>> {
  return new Promise((resolve) => {
    const stop = sync.onEvent((event) => {
      if (event.type !== type) return;
      const typed = event as Extract<SyncEvent, { type: T }>;
      if (!match(typed)) return;
      stop();
      resolve(typed);
    });
  });
}

async function open(
  backend: (typeof HUB_BACKENDS)[number],
  server: Omit<HubServerOptions, 'now'> = {},
): Promise<SyncWorld> {
  world = await syncWorld(backend, { server: { onWait, ...server } });
  return world;
}

/** One kiosk application, uploaded to the hub; its id. */
async function uploadedApplication(w: SyncWorld): Promise<string> {
  await fillOutbox(w, 1, 0);
  const summary = await syncRun(w.station.deps, w.keys, await w.target());
  expect(summary.failed).toEqual([]);
  return w.station.deps.sqlite
    .prepare('SELECT id FROM applications ORDER BY number DESC LIMIT 1')
    .pluck()
    .get() as string;
}

const reject = (w: SyncWorld, applicationId: string) =>
  decideApplication(
    w.hub,
    { applicationId, decision: 'reject', reason: 'Foto KK tidak terbaca', ...SIGNER },
    w.hub.at(),
  );

/** A wait request signed by the world's station (or `as` another key and unit); status, JSON. */
async function wait(
  w: SyncWorld,
  after: number,
  options: {
    signal?: AbortSignal;
    as?: { unitId: string; key: Parameters<typeof signRequest>[0] };
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  const path = '/v1/updates/wait';
  const body = Buffer.from(JSON.stringify({ after }));
  const headers =
    options.headers ??
    signRequest(
      options.as?.key ?? w.keys.signing.privateKey,
      options.as?.unitId ?? w.station.deps.unit.unit_id,
      'POST',
      path,
      body,
      w.station.ports.clock.now(),
    );
  const answer = (async () => {
    const response = await fetch(new URL(path, w.server.url), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body,
      signal: options.signal ?? null,
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers,
    };
  })();
  // A wait a failed test leaves behind ends when the hub closes: never an unhandled rejection.
  answer.catch(() => {});
  return answer;
}

/** Another enrolled unit at the world's hub (its own id and keys); what signs as it. */
async function anotherUnit(w: SyncWorld) {
  const unitId = randomUUID();
  const keyDir = mkdtempSync(join(tmpdir(), 'lm-other-keys-'));
  cleanups.push(async () => rmSync(keyDir, { recursive: true, force: true }));
  const keys = stationKeys(new FileKeyStore(keyDir));
  const deps = { ...w.station.deps, unit: { ...w.station.deps.unit, unit_id: unitId } };
  await w.hub.enrol(enrolmentRequest(deps, keys), w.server.url);
  return { unitId, key: keys.signing.privateKey };
}

const revokeStation = (w: SyncWorld) =>
  w.hub.db
    .updateTable('stations')
    .set({ revoked_at: w.hub.at() })
    .where('unit_id', '=', w.station.deps.unit.unit_id)
    .execute();

describe.each(HUB_BACKENDS)('the long-poll at the hub (%s)', (backend) => {
  it('answers ready at once when an update after the cursor is there, and not ready after the hold', async () => {
    const w = await open(backend, { waits: { holdMs: 150 } });
    const applicationId = await uploadedApplication(w);
    expect(await wait(w, 0)).toMatchObject({ status: 201, body: { ready: false } });
    await reject(w, applicationId);
    expect(await wait(w, 0)).toMatchObject({ status: 201, body: { ready: true } });
    // Past the newest update there is nothing: the hold ends with "not yet".
    const newest = await w.hub.db
      .selectFrom('updates')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    expect(await wait(w, Number(newest.seq))).toMatchObject({ body: { ready: false } });
    expect(w.server.waiting).toBe(0);
  });

  it('a held wait is woken by a decision for its unit, and by a revocation for every unit', async () => {
    const w = await open(backend);
    const applicationId = await uploadedApplication(w);
    let held = nextWait('held');
    const woken = wait(w, 0);
    await held;
    const issued = await decideApplication(
      w.hub,
      { applicationId, decision: 'issue', kind: 'kk', ...SIGNER },
      w.hub.at(),
    );
    expect(await woken).toMatchObject({ status: 201, body: { ready: true } });
    if (!issued.ok || !issued.documentNumber) throw new Error('not issued');

    const last = await w.hub.db
      .selectFrom('updates')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    held = nextWait('held');
    const revoked = wait(w, Number(last.seq));
    await held;
    await revokeDocument(
      w.hub,
      { documentNumber: issued.documentNumber, reason: 'Salah cetak' },
      w.hub.at(),
    );
    expect(await revoked).toMatchObject({ status: 201, body: { ready: true } });
  });

  it('refuses a replayed wait request (the same signed bytes again)', async () => {
    const w = await open(backend, { waits: { holdMs: 50 } });
    const first = await wait(w, 0);
    expect(first.status).toBe(201);
    const replayed = await wait(w, 0, { headers: first.headers });
    expect(replayed).toMatchObject({ status: 409, body: { reason: 'REPLAYED' } });
  });

  it('an unknown unit and a revoked unit get BAD_SIGNATURE, and a unit revoked while it waits learns nothing', async () => {
    const w = await open(backend);
    const applicationId = await uploadedApplication(w);
    const stranger = {
      unitId: randomUUID(),
      key: generateKeyPairSync('ed25519').privateKey,
    };
    expect(await wait(w, 0, { as: stranger })).toMatchObject({
      status: 401,
      body: { reason: 'BAD_SIGNATURE' },
    });

    const held = nextWait('held');
    const waiting = wait(w, 0);
    await held;
    await revokeStation(w);
    await reject(w, applicationId);
    expect(await waiting).toMatchObject({ status: 401, body: { reason: 'BAD_SIGNATURE' } });
    expect(await wait(w, 0)).toMatchObject({ status: 401, body: { reason: 'BAD_SIGNATURE' } });
  });

  it('a closed connection removes its wait at once', async () => {
    const w = await open(backend);
    const held = nextWait('held');
    const closed = nextWait('closed');
    const controller = new AbortController();
    const waiting = wait(w, 0, { signal: controller.signal });
    await held;
    expect(w.server.waiting).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    await closed;
    expect(w.server.waiting).toBe(0);
  });

  it('holds at most two waits per unit (a newer one ends the oldest) and refuses beyond the total as BUSY', async () => {
    const w = await open(backend, { waits: { total: 3 } });
    const waits: Promise<{ status: number; body: Record<string, unknown> }>[] = [];
    for (let i = 0; i < 2; i += 1) {
      const held = nextWait('held');
      waits.push(wait(w, 0));
      await held;
    }
    const replaced = nextWait('replaced');
    const held = nextWait('held');
    waits.push(wait(w, 0));
    await Promise.all([replaced, held]);
    expect(await waits[0]).toMatchObject({ status: 201, body: { ready: false } });
    expect(w.server.waiting).toBe(2);

    // Another unit takes the third place of the total; a wait of a third unit is refused.
    const otherHeld = nextWait('held');
    const otherWait = wait(w, 0, { as: await anotherUnit(w) });
    await otherHeld;
    expect(await wait(w, 0, { as: await anotherUnit(w) })).toMatchObject({
      status: 503,
      body: { reason: 'BUSY' },
    });
    // A unit at its own limit still gets its place: its oldest wait makes room.
    const replacing = nextWait('replaced');
    const renewed = wait(w, 0);
    await replacing;
    expect(await waits[1]).toMatchObject({ status: 201, body: { ready: false } });
    waits.push(renewed);
    const closing = w.server.close();
    await Promise.allSettled([...waits, otherWait]);
    await closing;
    expect(w.server.waiting).toBe(0);
  });
});

describe.each(HUB_BACKENDS)('the station waits for district updates (%s)', (backend) => {
  it('a decision at the hub is applied at the station through the long-poll, the periodic pass never firing', async () => {
    const w = await open(backend);
    const applicationId = await uploadedApplication(w);
    const sync = w.station.sync;
    const held = nextWait('held');
    sync.start(NEVER_MS, QUICK);
    await held;
    const pulled = nextEvent(sync, 'pulled', (e) => e.by === 'wait' && e.applied > 0);
    const decidedAt = Date.now();
    await reject(w, applicationId);
    await pulled;
    expect(Date.now() - decidedAt).toBeLessThan(10_000);
    expect(stationCount(w, 'applications', `id = '${applicationId}' AND status = 'ditolak'`)).toBe(
      1,
    );
    // A pass after it brings nothing new: the update is applied once whichever pull sees it.
    const again = nextEvent(sync, 'pulled', (e) => e.by === 'pass');
    await sync.runOnce();
    expect((await again).applied).toBe(0);
    expect(stationCount(w, 'district_updates')).toBe(1);
    const stopped = nextEvent(sync, 'stopped');
    await sync.stop();
    await stopped;
  });

  it('a dropped wait connection: the station backs off, waits again, and the decision still arrives', async () => {
    const w = await open(backend);
    const applicationId = await uploadedApplication(w);
    const sync = w.station.sync;
    let held = nextWait('held');
    sync.start(NEVER_MS, QUICK);
    await held;
    const failed = nextEvent(sync, 'wait-failed');
    held = nextWait('held');
    // The link dies under the held request (the hub side drops every connection).
    w.server.server.closeAllConnections();
    expect(await failed).toMatchObject({ reason: 'NETWORK' });
    await held;
    const pulled = nextEvent(sync, 'pulled', (e) => e.by === 'wait' && e.applied > 0);
    await reject(w, applicationId);
    await pulled;
    expect(stationCount(w, 'applications', "status = 'ditolak'")).toBe(1);
    await sync.stop();
  });

  it('when every wait is refused the 60 s pass (here every 50 ms) still brings the decision', async () => {
    const w = await open(backend, { waits: { total: 0 } });
    const applicationId = await uploadedApplication(w);
    await reject(w, applicationId);
    const sync = w.station.sync;
    const refused = nextEvent(sync, 'wait-failed', (e) => e.reason === 'BUSY');
    const pulled = nextEvent(sync, 'pulled', (e) => e.by === 'pass' && e.applied > 0);
    sync.start(50, QUICK);
    await Promise.all([refused, pulled]);
    expect(stationCount(w, 'applications', "status = 'ditolak'")).toBe(1);
    await sync.stop();
  });

  it('a revoked station gets nothing: its waits are refused and it keeps backing off', async () => {
    const w = await open(backend);
    const applicationId = await uploadedApplication(w);
    await revokeStation(w);
    await reject(w, applicationId);
    const sync = w.station.sync;
    let failures = 0;
    const twice = nextEvent(sync, 'wait-failed', (e) => {
      expect(e.reason).toBe('BAD_SIGNATURE');
      failures += 1;
      return failures === 2;
    });
    sync.start(NEVER_MS, QUICK);
    await twice;
    await sync.stop();
    expect(stationCount(w, 'applications', "status = 'ditolak'")).toBe(0);
    expect(stationCount(w, 'district_updates')).toBe(0);
  });

  it('an unenrolled station idles without asking the hub, and starts waiting once enrolled', async () => {
    const w = await open(backend);
    const { station, keys } = w;
    // The world's station forgets its enrolment: it is a station the district does not know yet.
    station.deps.sqlite.prepare("DELETE FROM settings WHERE key = 'sync.enrolment'").run();
    const idle = nextEvent(station.sync, 'idle');
    station.sync.start(NEVER_MS, QUICK);
    await idle;
    expect(w.server.waiting).toBe(0);
    const answer = await w.hub.enrol(enrolmentRequest(station.deps, keys), w.server.url);
    expect((await applyEnrolmentAnswer(station.deps, answer)).ok).toBe(true);
    const held = nextWait('held');
    station.sync.wake();
    expect((await held).unitId).toBe(station.deps.unit.unit_id);
    await station.sync.stop();
  });

  it('stop ends a held wait at once and the hub forgets it', async () => {
    const w = await open(backend);
    const sync = w.station.sync;
    const held = nextWait('held');
    sync.start(NEVER_MS, QUICK);
    await held;
    const closed = nextWait('closed');
    await sync.stop();
    await closed;
    expect(w.server.waiting).toBe(0);
  });
});
