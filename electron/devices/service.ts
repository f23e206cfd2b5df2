import type {
  DeviceConfig,
  DeviceRead,
  DeviceRole,
  DeviceSettings,
  DeviceState,
  DeviceStatus,
  HidDeviceInfo,
} from '../contract';
import { detail, emptyStatus, pickEntry, type Channel } from './channel';
import { toDeviceInfo, type HidBackend, type HidDeviceEntry, type HidHandle } from './hid-backend';
import { ReportReader } from './reader';

export const POLL_MS = 1_000;
export const ROLES: readonly DeviceRole[] = ['card-reader', 'scanner'];

/** The same shape as the core's Logger; devices do not import the core. */
export interface DeviceLog {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface Timers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface DeviceServiceOptions {
  backend: HidBackend;
  /** Training station: a plugged fake device shows as 'training', never as 'connected'. */
  isTraining: boolean;
  now(): Date;
  log: DeviceLog;
  onStatus(statuses: DeviceStatus[]): void;
  /** A value read, with the settings of the device that read it (its desk decides who gets it). */
  onRead(read: DeviceRead, config: DeviceConfig): void;
  pollMs?: number;
  timers?: Timers;
}

/** A configured device as the service holds it: where it sits in the settings, role, config. */
export interface ConfiguredDevice {
  slot: string;
  role: DeviceRole;
  config: DeviceConfig;
}

const PRIMARY: readonly { slot: string; role: DeviceRole }[] = [
  { slot: 'cardReader', role: 'card-reader' },
  { slot: 'scanner', role: 'scanner' },
];

/**
 * The card reader, the scanner and any further devices (docs/devices.md): one channel per
 * configured device, opened by vendor and product id (and serial number, when set) from the
 * settings. The HID list is polled about every second, so arrival and
 * removal are seen within two seconds, and a device that went away or failed is reopened by
 * itself. Every change of state goes to onStatus, every value read to onRead.
 */
export class DeviceService {
  readonly #options: DeviceServiceOptions;
  #channels: Channel[];
  #interval: unknown = null;
  #running: Promise<void> | null = null;
  #again = false;
  #againTick = false;
  #isStopped = false;

  constructor(options: DeviceServiceOptions) {
    this.#options = options;
    const since = options.now().toISOString();
    this.#channels = PRIMARY.map(({ slot, role }) => newChannel(slot, role, since));
  }

  /** Applies the settings and starts polling; resolves after the first look at the devices. */
  async start(settings: DeviceSettings): Promise<void> {
    const timers = this.#options.timers ?? globalThis;
    this.#interval = timers.setInterval(
      () => void this.poll(true),
      this.#options.pollMs ?? POLL_MS,
    );
    await this.configure(settings);
  }

  /**
   * New settings: a changed channel is closed and reopened at once. Further devices are matched
   * by role and config, so removing one leaves the others open; one no longer chosen is closed.
   */
  async configure(settings: DeviceSettings): Promise<void> {
    const [cardReader, scanner, ...before] = this.#channels;
    const primaries = [cardReader!, scanner!];
    const since = this.#options.now().toISOString();
    const changed: Channel[] = [];
    const kept: Channel[] = [];
    let isListChanged = false;
    (settings.others ?? []).forEach(({ role, ...config }, i) => {
      const slot = `others.${i}`;
      const same = JSON.stringify(config);
      const at = before.findIndex((c) => c.role === role && JSON.stringify(c.config) === same);
      if (at >= 0) {
        const [channel] = before.splice(at, 1);
        if (channel!.slot !== slot) {
          channel!.slot = slot;
          channel!.status = { ...channel!.status, slot };
          isListChanged = true;
        }
        kept.push(channel!);
        return;
      }
      const channel = newChannel(slot, role, since);
      channel.config = config;
      changed.push(channel);
      kept.push(channel);
    });
    const removed = before;
    // The list changes first, so every status pushed from here on has the new devices in it.
    this.#channels = [...primaries, ...kept];
    for (const channel of removed) {
      await this.#close(channel);
      // A poll still holding the old list must not open it again (see #check).
      channel.config = null;
      isListChanged = true;
    }
    for (const channel of primaries) {
      const config = channel.role === 'card-reader' ? settings.cardReader : settings.scanner;
      if (JSON.stringify(config) === JSON.stringify(channel.config)) continue;
      await this.#close(channel);
      channel.config = config;
      channel.isHeld = false;
      this.#set(channel, config ? 'disconnected' : 'not-configured', null);
    }
    for (const channel of changed) this.#set(channel, 'disconnected', null);
    if (isListChanged) this.#emit();
    await this.poll();
  }

  status(): DeviceStatus[] {
    return this.#channels.map((c) => ({ ...c.status }));
  }

  /** The configured devices, in the order of the settings. */
  configured(): ConfiguredDevice[] {
    return this.#channels.flatMap((c) =>
      c.config ? [{ slot: c.slot, role: c.role, config: c.config }] : [],
    );
  }

  /** What is plugged in now, one line per interface (devices-list). Throws when HID is broken. */
  async list(): Promise<HidDeviceInfo[]> {
    const entries = await this.#options.backend.list();
    const seen = new Set<string>();
    return entries.map(toDeviceInfo).filter((info) => {
      const key = JSON.stringify(info);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }

  /** One look at the devices now (the interval calls it; so do settings and training changes). */
  poll(isTick = false): Promise<void> {
    if (this.#running) {
      this.#again = true;
      this.#againTick ||= isTick;
      return this.#running;
    }
    this.#running = (async () => {
      let tick = isTick;
      try {
        do {
          this.#again = false;
          await this.#pollOnce(tick);
          tick = this.#againTick;
          this.#againTick = false;
        } while (this.#again && !this.#isStopped);
      } catch (error) {
        this.#options.log.error('Device poll failed', { error: String(error) });
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    if (this.#interval !== null) (this.#options.timers ?? globalThis).clearInterval(this.#interval);
    this.#interval = null;
    await this.#running;
    for (const channel of this.#channels) await this.#close(channel);
  }

  async #pollOnce(isTick: boolean): Promise<void> {
    if (this.#isStopped) return;
    const configured = this.#channels.filter((c) => c.config !== null);
    if (configured.length === 0) return;
    let entries: HidDeviceEntry[];
    try {
      entries = await this.#options.backend.list();
    } catch (error) {
      for (const channel of configured) {
        if (channel.handle) continue;
        this.#set(channel, 'error', `Pustaka HID tidak dapat dipakai (${detail(error)}).`);
      }
      return;
    }
    for (const channel of configured) {
      if (isTick) channel.isHeld = false;
      await this.#check(channel, entries);
    }
  }

  async #check(channel: Channel, entries: HidDeviceEntry[]): Promise<void> {
    const config = channel.config;
    if (!config || this.#isStopped) return;
    if (channel.handle) {
      if (entries.some((e) => e.path === channel.path)) return;
      await this.#close(channel);
      this.#set(channel, 'disconnected', null);
      return;
    }
    const entry = pickEntry(entries, config);
    if (!entry) {
      // Gone: whenever it comes back, that is a fresh arrival, opened at once.
      channel.isHeld = false;
      return this.#set(channel, 'disconnected', null);
    }
    if (channel.isHeld) return;
    const generation = channel.generation;
    let handle: HidHandle;
    try {
      handle = await this.#options.backend.open(entry.path);
    } catch (error) {
      if (generation === channel.generation)
        this.#set(
          channel,
          'error',
          `Perangkat terpasang tetapi tidak dapat dibuka (${detail(error)}). Periksa izin ` +
            'akses (Linux: aturan udev hidraw); dicoba lagi tiap detik.',
        );
      return;
    }
    // Settings changed or the service stopped while the device was opening.
    if (generation !== channel.generation || this.#isStopped || channel.config !== config) {
      await handle.close().catch(() => {});
      return;
    }
    this.#attach(channel, handle, entry.path, config);
  }

  #attach(channel: Channel, handle: HidHandle, path: string, config: DeviceConfig): void {
    const generation = ++channel.generation;
    const reader = new ReportReader(channel.role, config);
    channel.handle = handle;
    channel.path = path;
    handle.onData((report) => {
      if (generation !== channel.generation) return;
      const at = this.#options.now();
      const outcome = reader.report(report, at.getTime());
      if (outcome.kind === 'refused')
        this.#options.log.warn('Device read refused', { role: channel.role, why: outcome.reason });
      if (outcome.kind !== 'value') return;
      const iso = at.toISOString();
      channel.status = { ...channel.status, lastReadAt: iso };
      this.#options.onRead({ role: channel.role, value: outcome.value, at: iso }, config);
      this.#emit();
    });
    handle.onError((error) => {
      if (generation !== channel.generation) return;
      void this.#close(channel);
      channel.isHeld = true;
      this.#set(
        channel,
        'error',
        `Perangkat berhenti mengirim data (${detail(error)}); dibuka lagi otomatis.`,
      );
      // Pulled out, or still there? The list says at once; a reopen waits for the next tick.
      void this.poll();
    });
    this.#set(channel, this.#options.isTraining ? 'training' : 'connected', null);
  }

  async #close(channel: Channel): Promise<void> {
    const handle = channel.handle;
    channel.generation += 1;
    channel.handle = null;
    channel.path = null;
    if (!handle) return;
    try {
      await handle.close();
    } catch (error) {
      // A device that is already gone may refuse to close; it is closed for us either way.
      this.#options.log.info('Device close failed', {
        role: channel.role,
        slot: channel.slot,
        error: detail(error),
      });
    }
  }

  #set(channel: Channel, state: DeviceState, message: string | null): void {
    const config = channel.config;
    const next: DeviceStatus = {
      ...channel.status,
      state,
      message,
      label: config?.label ?? null,
      vendorId: config?.vendorId ?? null,
      productId: config?.productId ?? null,
      desk: config?.desk ?? null,
    };
    const old = channel.status;
    if (
      old.state === next.state &&
      old.message === next.message &&
      old.label === next.label &&
      old.desk === next.desk &&
      old.vendorId === next.vendorId &&
      old.productId === next.productId
    )
      return;
    if (old.state !== state) next.since = this.#options.now().toISOString();
    channel.status = next;
    this.#options.log[state === 'error' ? 'warn' : 'info']('Device state', {
      role: channel.role,
      slot: channel.slot,
      desk: next.desk,
      state,
      message,
    });
    this.#emit();
  }

  #emit(): void {
    this.#options.onStatus(this.status());
  }
}

function newChannel(slot: string, role: DeviceRole, since: string): Channel {
  return {
    slot,
    role,
    config: null,
    handle: null,
    path: null,
    generation: 0,
    isHeld: false,
    status: emptyStatus(role, since, slot),
  };
}
