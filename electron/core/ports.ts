import type { UsbDrive } from '../contract';
import type { HidBackend } from '../devices/hid-backend';
import type { KeyStore } from '../protocol/key-store';

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

/** A finished PDF to print as it is (an issued document's PDF from SIAK; docs/printing.md). */
export interface PdfPrintJob {
  pdf: Uint8Array;
  kind: PrintJob['kind'];
  copies: number;
  deviceName?: string | undefined;
}

export interface Printer {
  print(job: PrintJob): Promise<PrintOutcome>;
  /**
   * Prints PDF bytes unchanged; absent where the host cannot (the desk then prints the PDF it
   * gets back from a PDF viewer).
   */
  printPdf?(job: PdfPrintJob): Promise<PrintOutcome>;
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

/**
 * The removable drives mounted now, for USB sync (docs/sync-protocol.md, "USB"): a scan of the
 * Linux mount folders or the drive letters of removable volumes on Windows
 * (core/sync/drives.ts chooses by platform); tests inject a list.
 */
export interface RemovableDrives {
  list(): Promise<UsbDrive[]>;
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
  drives: RemovableDrives;
}
