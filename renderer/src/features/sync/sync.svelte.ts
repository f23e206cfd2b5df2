import type {
  PushEvents,
  SyncRunResult,
  SyncStatus,
  UsbExportResult,
  UsbImportResult,
} from '../../../../electron/contract';
import { sendCatch, type Caught } from '../../lib/connection/connection.svelte';

/** A refused call as the sync screens show it: a reason to explain, or the code's sentence. */
export interface SyncFailure {
  reason: string | null;
  message: string;
}

export function failureOf(failure: Extract<Caught<unknown>, { ok: false }>): SyncFailure {
  if (failure.error.reason) return { reason: failure.error.reason, message: failure.message };
  // The one argument check the core makes without a reason: a folder path that is not absolute.
  if (failure.code === 'INVALID_ARGS' && failure.error.fields?.includes('path'))
    return { reason: 'PATH_NOT_ABSOLUTE', message: failure.message };
  return { reason: null, message: failure.message };
}

/**
 * The station's sync status as the core last said (`sync-status`). One per page: the guard
 * banner on every officer screen and the sync screen read the same copy, so a send refreshes both.
 */
class SyncStatusState {
  status = $state<SyncStatus | null>(null);
  error = $state<SyncFailure | null>(null);
  /** When the status was read: ages ("3 hari") are counted from here. */
  readAt = $state(new Date());

  async load(): Promise<void> {
    const answer = await sendCatch('sync-status', {});
    if (answer.ok) this.take(answer.value);
    else this.error = failureOf(answer);
  }

  take(status: SyncStatus): void {
    this.status = status;
    this.readAt = new Date();
    this.error = null;
  }
}

export const syncStatus = new SyncStatusState();

export type SyncTaskKind = 'send' | 'usb-export' | 'usb-import';

/**
 * One sync action at a time, as the sync screen drives it: "Kirim sekarang", copy to a drive,
 * read receipts from a drive. Progress comes from `progress` pushes with taskId 'sync'.
 */
export class SyncTasks {
  running = $state<SyncTaskKind | null>(null);
  progress = $state<{ done: number; total: number | null } | null>(null);
  /** How many progress pushes this task received (shown to tests as data-push-count). */
  pushCount = $state(0);
  sent = $state<SyncRunResult | null>(null);
  exported = $state<UsbExportResult | null>(null);
  imported = $state<UsbImportResult | null>(null);
  failure = $state<{ kind: SyncTaskKind; failure: SyncFailure } | null>(null);

  onProgress(payload: PushEvents['progress']): void {
    if (payload.taskId !== 'sync' || this.running === null) return;
    this.progress = { done: payload.done, total: payload.total };
    this.pushCount += 1;
  }

  async send(): Promise<void> {
    if (!this.#begin('send')) return;
    const answer = await sendCatch('sync-run', {});
    if (answer.ok) this.sent = answer.value;
    this.#end('send', answer);
  }

  async usbExport(path: string): Promise<void> {
    if (!this.#begin('usb-export')) return;
    const answer = await sendCatch('sync-usb-export', { path });
    if (answer.ok) this.exported = answer.value;
    this.#end('usb-export', answer);
  }

  async usbImport(path: string): Promise<void> {
    if (!this.#begin('usb-import')) return;
    const answer = await sendCatch('sync-usb-import', { path });
    if (answer.ok) this.imported = answer.value;
    this.#end('usb-import', answer);
  }

  #begin(kind: SyncTaskKind): boolean {
    if (this.running !== null) return false;
    this.running = kind;
    this.progress = null;
    this.pushCount = 0;
    this.failure = null;
    if (kind === 'send') this.sent = null;
    if (kind === 'usb-export') this.exported = null;
    if (kind === 'usb-import') this.imported = null;
    return true;
  }

  #end(kind: SyncTaskKind, answer: Caught<{ status: SyncStatus }>): void {
    this.running = null;
    if (answer.ok) syncStatus.take(answer.value.status);
    else {
      this.failure = { kind, failure: failureOf(answer) };
      void syncStatus.load();
    }
  }
}
