import type { HidBackend } from '../devices/hid-backend';

/**
 * What the core needs from its host. Hosts (electron/main, electron/server) choose the
 * implementations; tests inject deterministic ones.
 */
export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A UUIDv7 (time-ordered) as lowercase text. */
  uuid(): string;
}

export interface Paths {
  /** Folder for the database, keys and attachments; created by the host before start. */
  dataDir: string;
  /** Read-only folder of shipped resources (resources/ in the repo, app resources when packaged). */
  resourcesDir: string;
}

/** Holds the station's secret keys outside the database (OS keystore or an owner-only file). */
export interface KeyStore {
  /** Human-readable description for the status screen, e.g. "safeStorage" or a file path. */
  readonly description: string;
  /** What protects the keys (the status screen shows it); a store without one counts as 'file'. */
  readonly protection?: 'os-keyring' | 'passphrase' | 'file';
  /**
   * Passphrase protection only: a new passphrase for the same keys (the current one given
   * again). Absent for the other protections.
   */
  changePassphrase?(
    current: string,
    next: string,
  ): Promise<'changed' | 'wrong-passphrase' | 'too-short'>;
  /** Returns the named 32-byte key, creating it on first use. */
  loadOrCreate(name: string): Buffer;
  /** Returns the named key or null; never creates one. */
  load(name: string): Buffer | null;
}

export interface PrintJob {
  /** Complete HTML document with @page size rules. */
  html: string;
  kind: 'document' | 'form' | 'receipt' | 'card';
  copies: number;
  /** The system printer to use (printer settings); the host's default when absent. */
  deviceName?: string | undefined;
}

export type PrintOutcome =
  { printed: true; pdf: Uint8Array | null } | { printed: false; reason: string };

export interface Printer {
  print(job: PrintJob): Promise<PrintOutcome>;
  /** Renders to PDF without printing (archive, browser download). */
  toPdf(job: PrintJob): Promise<Uint8Array>;
  /** Names of the printers the host can print to now; empty when it prints nothing itself. */
  list(): Promise<string[]>;
}

export interface Logger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export interface Ports {
  clock: Clock;
  ids: Ids;
  paths: Paths;
  keyStore: KeyStore;
  printer: Printer;
  log: Logger;
  /**
   * HID devices (card reader, scanner; docs/devices.md): node-hid in the hosts, a fake in tests.
   * Training stations never use it: their devices are the training panel's fakes.
   */
  hid: HidBackend;
}
