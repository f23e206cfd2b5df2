import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DbOpenError, openDatabase, type OpenedDb } from '../../db/open';
import { createUnit, getUnit } from '../../db/queries/unit';
import { Dispatcher, type Session } from '../transport/dispatcher';
import { registerApplications } from './applications/app';
import { registerAudit } from './audit/app';
import { flushAuditRepeats, recordAudit } from './audit/record';
import { registerAuth, type AuthService } from './auth/app';
import { DEFAULT_SCRYPT, type ScryptParams } from './auth/pin';
import { seedDemoResidents } from './demo/seed';
import { trainingUnit, unconfiguredUnit } from './demo/training-unit';
import type { CoreDeps } from './deps';
import { registerDesk } from './desk/app';
import { registerHardwareCheck } from './hardware/app';
import { registerDevices } from './devices/app';
import { createDevices, type Devices } from './devices/layer';
import { registerKiosk } from './kiosk/app';
import { registerLan } from './lan/app';
import type { LanService } from './lan/service';
import { registerOutreach } from './outreach/app';
import { AnonymousLimits } from './limits/anonymous';
import { DEFAULT_LIMITS, type LimitSettings } from './limits/settings';
import { loadCatalogue, toServiceItems } from './kiosk/catalogue';
import { registerRegistry } from './registry/app';
import { registerCardBind } from './registry/app-card';
import { registerRegistryImport } from './registry/app-import';
import { registerNikOverride } from './registry/app-override';
import { registerRegistrySearch } from './registry/app-search';
import { loadCodeLists } from './registry/code-lists';
import { ensureRegions } from './registry/regions';
import type { Ports } from './ports';
import { registerPrinting } from './print/app';
import { registerRecording } from './recording/app';
import { registerStock } from './stock/app';
import { registerStation } from './station/app';
import { registerSync } from './sync/app';
import { hubFetch } from './sync/hub-fetch';
import type { SyncService } from './sync/service';
import { freeBytes } from './sync/status';
import { jakartaDay } from './common/jakarta';

export interface StationConfig {
  host: 'electron' | 'station-server';
  /** Encrypt the database (the default everywhere; off only for explicit diagnostics). */
  encrypt: boolean;
  /** Create a training station with synthetic data on first start. */
  demo: boolean;
  /** better-sqlite3 native binding built for the running ABI (Electron). */
  nativeBinding?: string | undefined;
  versions: Record<string, string>;
  /**
   * Sync with the district in the background every so many ms once enrolled (hosts: 60 s), and
   * in between wait for the district's updates (a long-poll; docs/sync-protocol.md).
   */
  autoSyncMs?: number | undefined;
  /**
   * The district's own CA certificate (PEM) for an https:// hub, trusted besides the bundled CAs
   * (hosts: --hub-ca FILE or LM_HUB_CA_FILE; core/sync/hub-fetch.ts).
   */
  hubCa?: string | Buffer | undefined;
  /** scrypt cost of new PIN hashes; tests pass a cheap one, hosts leave the default. */
  scrypt?: ScryptParams | undefined;
  /** Limits of anonymous kiosk calls (DEFAULT_LIMITS; load benches raise the shared ones). */
  limits?: LimitSettings | undefined;
  /** Free bytes of the data folder's disk; statfs unless a test fakes a full disk. */
  freeBytes?: (() => Promise<number | null>) | undefined;
}

export interface Station {
  dispatcher: Dispatcher;
  deps: CoreDeps;
  /** Card reader and scanner (docs/devices.md); stopped by close(). */
  devices: Devices;
  /** The session every new connection starts with: an anonymous kiosk. */
  initialSession(): Session;
  /** District sync in the background (docs/sync-protocol.md). */
  sync: SyncService;
  /** The first-run setup code, for the hosts to show on the machine itself (docs/accounts.md). */
  auth: AuthService;
  /** Paired LAN browsers (docs/lan.md); the station server attaches itself in --lan mode. */
  lan: LanService;
  close(): Promise<void>;
}

export type StationOpenErrorCode =
  'DB_KEY_MISSING' | 'DB_WRONG_KEY' | 'DB_UNREADABLE' | 'DB_MIGRATION_FAILED' | 'DEMO_ON_REAL_DATA';

const MESSAGES_ID: Record<StationOpenErrorCode, string> = {
  DB_KEY_MISSING:
    'Kunci basis data stasiun ini tidak ditemukan. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
  DB_WRONG_KEY:
    'Basis data tidak dapat dibuka dengan kunci stasiun ini. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
  DB_UNREADABLE:
    'Basis data tidak dapat dibaca. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
  DB_MIGRATION_FAILED: 'Pembaruan struktur basis data gagal. Tidak ada data yang hilang.',
  DEMO_ON_REAL_DATA:
    'Folder data ini berisi data sungguhan. Mode pelatihan harus memakai folder data lain.',
};

/** A start-up failure with a message for the person at the station (Bahasa Indonesia). */
export class StationOpenError extends Error {
  readonly code: StationOpenErrorCode;
  readonly messageId: string;
  constructor(code: StationOpenErrorCode, detail: string, options?: { cause: unknown }) {
    super(`${code}: ${detail}`, options);
    this.name = 'StationOpenError';
    this.code = code;
    this.messageId = MESSAGES_ID[code];
  }
}

/** The one composition function both hosts call: database, keys, domains, dispatcher. */
export async function openStation(ports: Ports, config: StationConfig): Promise<Station> {
  // Before the database: a broken catalogue stops the start with its problems listed, touching nothing.
  const catalogue = loadCatalogue(ports.paths.resourcesDir);
  const file = join(ports.paths.dataDir, 'station.db');
  const opened = await openStationDb(ports, config, file);
  try {
    const now = ports.clock.now().toISOString();
    let unit = await getUnit(opened.db);
    if (!unit) {
      const make = config.demo ? trainingUnit : unconfiguredUnit;
      await createUnit(opened.db, make(ports.ids.uuid(), now));
      unit = await getUnit(opened.db);
    }
    if (!unit) throw new Error('Unit identity missing after creation');
    if (config.demo && unit.is_training !== 1) {
      throw new StationOpenError('DEMO_ON_REAL_DATA', `${file} holds a real station`);
    }
    // First start loads the shipped Kemendagri table (about 0.7 s); later starts skip it.
    const regions = await ensureRegions(opened, {
      resourcesDir: ports.paths.resourcesDir,
      at: now,
    });
    if (regions.status === 'missing') {
      ports.log.warn('Region table not found; NIK region checks are off', {
        searched: regions.searched.join(', '),
      });
    }
    const codeLists = loadCodeLists(ports.paths.resourcesDir);
    if (config.demo && unit.is_training === 1) {
      // Same write path as an import; only on an empty registry, so about 0.2 s once.
      seedDemoResidents(opened.sqlite, {
        villageCode: unit.region_code,
        codeLists,
        at: now,
        today: jakartaDay(ports.clock.now()),
      });
    }
    const deps: CoreDeps = {
      db: opened.db,
      sqlite: opened.sqlite,
      ports,
      auditKey: ports.keyStore.loadOrCreate('audit-subject'),
      unit,
      services: toServiceItems(catalogue),
      catalogue,
      codeLists,
      scrypt: config.scrypt ?? DEFAULT_SCRYPT,
      database: { file, cipher: opened.cipher },
      host: config.host,
      versions: config.versions,
      limits: new AnonymousLimits(config.limits ?? DEFAULT_LIMITS, ports.clock),
      disk: { freeBytes: config.freeBytes ?? (() => freeBytes(ports.paths.dataDir)) },
    };
    const dispatcher = new Dispatcher((error, where) =>
      ports.log.error('Handler failed', {
        ...where,
        error: String((error as Error)?.stack ?? error),
      }),
    );
    registerStation(dispatcher, deps);
    const auth = registerAuth(dispatcher, deps);
    registerKiosk(dispatcher, deps);
    registerApplications(dispatcher, deps);
    registerAudit(dispatcher, deps);
    registerRegistry(dispatcher, deps);
    registerRegistryImport(dispatcher, deps);
    registerNikOverride(dispatcher, deps);
    registerCardBind(dispatcher, deps);
    registerRegistrySearch(dispatcher, deps);
    registerDesk(dispatcher, deps);
    registerPrinting(dispatcher, deps);
    const devices = createDevices(deps, dispatcher);
    registerDevices(dispatcher, deps, devices);
    registerRecording(dispatcher, deps);
    registerStock(dispatcher, deps);
    const sync = registerSync(dispatcher, deps, { fetch: hubFetch(config.hubCa) });
    if (config.autoSyncMs) sync.start(config.autoSyncMs);
    registerHardwareCheck(dispatcher, deps, { deviceStatus: () => devices.service.status() });
    const lan = registerLan(dispatcher, deps);
    registerOutreach(dispatcher, deps, {
      deskOf: (id, source) => devices.desks.screenDesk(id, source),
      labelOf: (desk) => `Meja ${desk.replace(/^meja-/, '')}`,
    });
    await recordAudit(deps, deps.db, { role: 'admin', userName: 'system' }, 'station.started', {
      host: config.host,
      isNewDatabase: opened.isNew,
    });
    await auth.issueSetupCode();
    // Last: nothing after it can fail, so a failed start never leaves a poller behind.
    await devices.start();
    return {
      dispatcher,
      deps,
      devices,
      sync,
      auth,
      lan,
      initialSession: () => ({ role: 'kiosk', userName: null, mode: unit.start_mode }),
      close: async () => {
        await sync.stop();
        await devices.service.stop();
        // Counted repeats of the last audit entry are written before the database closes.
        await flushAuditRepeats(deps);
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}

async function openStationDb(ports: Ports, config: StationConfig, file: string): Promise<OpenedDb> {
  const exists = existsSync(file);
  let key: Buffer | null = null;
  if (config.encrypt) {
    key = exists ? ports.keyStore.load('database') : ports.keyStore.loadOrCreate('database');
    // Never create a fresh key for an existing database: that would lock its data away for good.
    if (!key) throw new StationOpenError('DB_KEY_MISSING', `No key for ${file}`);
  }
  try {
    return await openDatabase({ file, key, nativeBinding: config.nativeBinding });
  } catch (error) {
    if (error instanceof DbOpenError)
      throw new StationOpenError(error.code, error.message, { cause: error });
    throw error;
  }
}
