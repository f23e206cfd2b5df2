import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../transport/dispatcher';
import { memoryPair } from '../transport/memory-pair';
import { submitAtKiosk, desk, value } from '../testing/desk';
import type { fixedClock } from '../core/system-ports';
import { createTestStation, type TestStation } from '../testing/station';
import { HUB_BACKENDS, openTestHub, type TestHub } from '../testing/hub';
import type { Hub } from './hub';
import { startHubServer, type HubServer } from './server';

const ADMIN: Session = { role: 'admin', userName: 'Admin Uji', userId: 'u-admin', mode: 'officer' };
const OPERATOR: Session = { role: 'operator', userName: 'Sri', userId: 'u-sri', mode: 'officer' };

let station: TestStation;
let hub: Hub;
let server: HubServer;
let opened: TestHub;
let connections = 0;
const as = (session: Session) => memoryPair(station.dispatcher, `sync-${connections++}`, session);

describe.each(HUB_BACKENDS)('hub on %s', (backend) => {
  beforeEach(async () => {
    station = await createTestStation();
    opened = await openTestHub(backend, {
      districtName: 'Disdukcapil Kabupaten Ogan Komering Ilir',
      now: () => station.ports.clock.now(),
    });
    hub = opened.hub;
    server = await startHubServer(hub, { now: () => station.ports.clock.now() });
  });
  afterEach(async () => {
    await server.close();
    await opened.close();
    await station.dispose();
  });

  async function enrol(): Promise<void> {
    const request = value(await as(ADMIN).send('sync-enrolment-request', {}));
    expect(request.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const answer = await hub.enrol(JSON.parse(request.json), server.url);
    const status = value(
      await as(ADMIN).send('sync-enrolment-apply', { json: JSON.stringify(answer) }),
    );
    expect(status).toMatchObject({ isEnrolled: true, hubUrl: server.url });
  }

  const settingRows = () =>
    station.deps.sqlite
      .prepare("SELECT count(*) FROM settings WHERE key LIKE 'sync.%'")
      .pluck()
      .get();

  describe('enrolment', () => {
    it('a station that is not enrolled says so and still works offline', async () => {
      const status = value(await as(OPERATOR).send('sync-status', {}));
      expect(status).toMatchObject({ isEnrolled: false, hubUrl: null, pending: { records: 0 } });
      const run = await as(OPERATOR).send('sync-run', {});
      expect(run).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'NOT_ENROLLED' } });
      await submitAtKiosk(desk(station));
      expect(value(await as(OPERATOR).send('sync-status', {})).pending.records).toBe(1);
    });

    it('refuses an answer that is not JSON, not signed, or for another unit, storing nothing', async () => {
      const request = value(await as(ADMIN).send('sync-enrolment-request', {}));
      const answer = await hub.enrol(JSON.parse(request.json), server.url);
      const before = settingRows();
      const cases: [string, string][] = [
        ['{not json', 'NOT_AN_ANSWER'],
        [JSON.stringify({ ...answer, hubUrl: 'http://evil.example' }), 'BAD_SIGNATURE'],
        [JSON.stringify({ hello: 'world' }), 'NOT_AN_ANSWER'],
      ];
      for (const [json, reason] of cases) {
        const result = await as(ADMIN).send('sync-enrolment-apply', { json });
        expect(result).toMatchObject({ ok: false, error: { reason } });
      }
      expect(settingRows()).toBe(before);
      // An operator cannot enrol.
      expect(
        await as(OPERATOR).send('sync-enrolment-apply', { json: JSON.stringify(answer) }),
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    });
  });

  describe('sync-run and status', () => {
    it('sends, reports progress, and the status shows nothing pending and the last success', async () => {
      await enrol();
      const d = desk(station);
      await submitAtKiosk(d);
      await submitAtKiosk(d);
      const client = as(OPERATOR);
      const progress: number[] = [];
      client.listen('progress', (p) => p.taskId === 'sync' && progress.push(p.done));
      const result = value(await client.send('sync-run', {}));
      expect(result).toMatchObject({ built: 1, receipted: 1, exported: 2, problems: [] });
      // Nothing to pull yet: the desk has not verified them, so the district has not said "dikirim".
      expect(result.pulled).toBe(0);
      expect(progress.length).toBeGreaterThan(0);
      expect(result.status).toMatchObject({
        pending: { records: 0, packets: 0 },
        lastProblem: null,
        lastSuccessAt: station.ports.clock.now().toISOString(),
      });
    });

    it('a hub that does not answer is a problem in the status, and nothing is lost', async () => {
      await enrol();
      await submitAtKiosk(desk(station));
      await server.close();
      const result = value(await as(OPERATOR).send('sync-run', {}));
      expect(result.problems[0]).toMatchObject({ reason: 'NETWORK' });
      expect(result.status.lastProblem).toMatchObject({ reason: 'NETWORK' });
      expect(result.status.pending).toMatchObject({ records: 1, packets: 1 });
      server = await startHubServer(hub, { now: () => station.ports.clock.now() });
    });
  });

  describe('automatic sync', () => {
    it('a pass sends what is due; after a failure it waits for the backoff before trying again', async () => {
      expect(await station.sync.runOnce()).toBe('not-enrolled');
      await enrol();
      await submitAtKiosk(desk(station));
      await server.close();
      expect(await station.sync.runOnce()).toBe('ran');
      const attempts = () =>
        station.deps.sqlite.prepare('SELECT attempts FROM sync_packets').pluck().get() as number;
      expect(attempts()).toBe(1);
      server = await startHubServer(hub, { now: () => station.ports.clock.now() });
      // The hub is back, but the packet's retry time has not come: the pass leaves it alone.
      await enrolAgainAt(server.url);
      await station.sync.runOnce();
      expect(attempts()).toBe(1);
      (station.ports.clock as ReturnType<typeof fixedClock>).advance(16 * 60_000);
      expect(await station.sync.runOnce()).toBe('ran');
      expect(value(await as(OPERATOR).send('sync-status', {})).pending).toMatchObject({
        records: 0,
        packets: 0,
      });
    });
  });

  /** The restarted hub listens on another port: the district sends a new answer. */
  async function enrolAgainAt(url: string): Promise<void> {
    const request = value(await as(ADMIN).send('sync-enrolment-request', {}));
    const answer = await hub.enrol(JSON.parse(request.json), url);
    value(await as(ADMIN).send('sync-enrolment-apply', { json: JSON.stringify(answer) }));
  }

  describe('offline guards', () => {
    it('warns, then blocks, as unsynced work ages', async () => {
      const clock = station.ports.clock as ReturnType<typeof fixedClock>;
      await submitAtKiosk(desk(station));
      expect(value(await as(OPERATOR).send('sync-status', {})).guard.level).toBe('ok');
      clock.advance(3 * 24 * 3600 * 1000);
      expect(value(await as(OPERATOR).send('sync-status', {})).guard).toMatchObject({
        level: 'warn',
        reasons: ['UNSYNCED_OLD'],
        oldestUnsyncedDays: 3,
      });
      clock.advance(4 * 24 * 3600 * 1000);
      expect(value(await as(OPERATOR).send('sync-status', {})).guard.level).toBe('block');
      // The thresholds are settings (admin), validated.
      const bad = await as(ADMIN).send('sync-settings-set', {
        warnDays: 10,
        blockDays: 5,
        minFreeMb: 2048,
        retentionDays: 30,
      });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS' } });
      value(
        await as(ADMIN).send('sync-settings-set', {
          warnDays: 10,
          blockDays: 20,
          minFreeMb: 2048,
          retentionDays: 30,
        }),
      );
      expect(value(await as(OPERATOR).send('sync-status', {})).guard.level).toBe('ok');
    });
  });

  describe('USB paths and verify', () => {
    it('refuses a relative path, the data folder and a missing folder', async () => {
      await enrol();
      const client = as(OPERATOR);
      expect(await client.send('sync-usb-export', { path: 'relative/path' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS' },
      });
      expect(await client.send('sync-usb-export', { path: station.dataDir })).toMatchObject({
        ok: false,
        error: { reason: 'FOLDER_IS_DATA' },
      });
      expect(await client.send('sync-usb-export', { path: '/no/such/drive' })).toMatchObject({
        ok: false,
        error: { reason: 'FOLDER_UNAVAILABLE' },
      });
      expect(stationCountPackets()).toBe(0);
    });

    it('verify: not enrolled, then not a Lakon Mandira QR', async () => {
      expect(
        value(await as(OPERATOR).send('sync-document-verify', { text: 'LMV1.x.y' })).status,
      ).toBe('not-enrolled');
      await enrol();
      expect(
        value(await as(OPERATOR).send('sync-document-verify', { text: 'https://example.com' })),
      ).toMatchObject({
        status: 'invalid',
        problem: 'NOT_OURS',
      });
    });
  });

  function stationCountPackets(): number {
    return station.deps.sqlite.prepare('SELECT count(*) FROM sync_packets').pluck().get() as number;
  }
});
