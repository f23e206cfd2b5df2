import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendOutbox } from '../../db/queries/outbox';
import { Hub } from '../hub/hub';
import { startHubServer, type HubServer, type HubServerOptions } from '../hub/server';
import type { StationConfig } from '../core/compose';
import { desk, submitAtKiosk } from './desk';
import { FileKeyStore } from '../protocol/key-store.file';
import { createTestDatabase, type HubBackend, type TestDatabase } from './hub';
import { createTestStation, type TestStation } from './station';
import { applyEnrolmentAnswer, enrolmentRequest, syncTarget } from '../core/sync/enrolment';
import { stationKeys, type StationKeys } from '../core/sync/station-keys';
import type { SyncTarget } from '../core/sync/upload';

/** A test station enrolled at a real hub (its own encrypted database) served over HTTP. */
export interface SyncWorld {
  station: TestStation;
  keys: StationKeys;
  /** The current hub and server (restartHub replaces both). */
  hub: Hub;
  server: HubServer;
  hubDir: string;
  /** The hub's PostgreSQL database (null: hub.db in hubDir). */
  databaseUrl: string | null;
  target(hubUrl?: string): Promise<SyncTarget>;
  /** Stops the hub and its server and opens them again on the same folder (a new port). */
  restartHub(): Promise<void>;
  /** Closes the station's database (another process takes the folder over); dispose still cleans. */
  closeStation(): Promise<void>;
  dispose(): Promise<void>;
}

/** A station and a hub on `backend` (its PostgreSQL database lives until dispose). */
export async function syncWorld(
  backend: HubBackend = 'sqlite',
  /** `server.tls` serves HTTPS (the station then needs the CA: `station: { hubCa }`). */
  options: {
    server?: Omit<HubServerOptions, 'now'> | undefined;
    station?: Partial<StationConfig> | undefined;
  } = {},
): Promise<SyncWorld> {
  const station = await createTestStation(options.station);
  const hubDir = mkdtempSync(join(tmpdir(), 'lm-hub-'));
  const database: TestDatabase | null = backend === 'postgres' ? await createTestDatabase() : null;
  const now = () => station.ports.clock.now();
  const openHub = () =>
    Hub.open({
      dataDir: hubDir,
      keyStore: new FileKeyStore(join(hubDir, 'keys')),
      districtName: 'Disdukcapil Kabupaten Ogan Komering Ilir',
      now,
      databaseUrl: database?.url ?? null,
    });
  const hub = await openHub();
  const server = await startHubServer(hub, { ...options.server, now });
  const keys = stationKeys(station.ports.keyStore);
  const answer = await hub.enrol(enrolmentRequest(station.deps, keys), server.url);
  const applied = await applyEnrolmentAnswer(station.deps, answer);
  if (!applied.ok) throw new Error(applied.problem);
  let isStationOpen = true;
  const world: SyncWorld = {
    station,
    keys,
    hub,
    server,
    hubDir,
    databaseUrl: database?.url ?? null,
    restartHub: async () => {
      await world.server.close();
      await world.hub.close();
      world.hub = await openHub();
      world.server = await startHubServer(world.hub, { ...options.server, now });
    },
    target: async (hubUrl) => {
      const target = await syncTarget(station.deps);
      if (!target) throw new Error('not enrolled');
      return hubUrl ? { ...target, hubUrl } : target;
    },
    closeStation: async () => {
      if (isStationOpen) await station.close();
      isStationOpen = false;
    },
    dispose: async () => {
      await world.server.close();
      await world.hub.close();
      if (isStationOpen) await station.dispose();
      else rmSync(station.dataDir, { recursive: true, force: true });
      await database?.drop();
      rmSync(hubDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** Real outbox content: kiosk applications with photos, plus `activity` small outbox rows. */
export async function fillOutbox(
  world: SyncWorld,
  applications: number,
  activity: number,
): Promise<void> {
  const d = desk(world.station);
  for (let i = 0; i < applications; i += 1) {
    await submitAtKiosk(d, {
      photos: [
        {
          requirementCode: 'kk',
          dataBase64: photoBytes(3000 + i, i + 1),
          width: 1200,
          height: 900,
          takenAt: '2026-11-29T01:59:00.000Z',
        },
      ],
    });
  }
  const { deps } = world.station;
  for (let i = 0; i < activity; i += 1) {
    await appendOutbox(deps.db, {
      id: deps.ports.ids.uuid(),
      aggregate: 'application-activity',
      aggregateId: `activity-${i}`,
      op: 'upsert',
      at: deps.ports.clock.now().toISOString(),
      payload: { step: 'check', note: `line ${i}`, name: 'Petugas Uji' },
    });
  }
}

function photoBytes(size: number, fill: number): string {
  const bytes = Buffer.alloc(size, fill % 250);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes.toString('base64');
}

export function stationCount(world: SyncWorld, table: string, where = '1'): number {
  return world.station.deps.sqlite
    .prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
    .pluck()
    .get() as number;
}

export async function hubCount(
  world: SyncWorld,
  table: 'records' | 'packets' | 'attachments' | 'refusals',
): Promise<number> {
  const row = await world.hub.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
