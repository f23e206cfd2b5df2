import type { ImportSummary, PushEvents } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { bytesToBase64, isFinal } from './upload';

export type ImportPhase = 'idle' | 'uploading' | 'running' | 'ended';

const POLL_MS = 500;

/**
 * One import as this screen drives it: upload in chunks, start, then follow the `progress`
 * pushes (taskId = importId) until the core reports an end state.
 */
export class ImportRun {
  phase = $state<ImportPhase>('idle');
  fileName = $state('');
  importId = $state<string | null>(null);
  uploadedBytes = $state(0);
  sizeBytes = $state(0);
  progress = $state<PushEvents['progress'] | null>(null);
  /** How many pushes arrived for this import (shown to tests as data-push-count). */
  pushCount = $state(0);
  summary = $state<ImportSummary | null>(null);
  hasFailed = $state(false);
  /** The translated reason when the core gave one. */
  error = $state<string | null>(null);
  #isCancelRequested = false;
  #isDisposed = false;
  readonly #onended: () => void;

  constructor(onended: () => void) {
    this.#onended = onended;
  }

  get isBusy(): boolean {
    return this.phase === 'uploading' || this.phase === 'running';
  }

  onProgress(payload: PushEvents['progress']): void {
    if (payload.taskId !== this.importId || this.phase !== 'running') return;
    this.progress = payload;
    this.pushCount += 1;
  }

  async upload(file: File): Promise<void> {
    this.#reset(file.name, null);
    this.sizeBytes = file.size;
    this.phase = 'uploading';
    const begun = await sendCatch('registry-import-begin', {
      fileName: file.name,
      sizeBytes: file.size,
    });
    if (!begun.ok) return this.#fail(begun.message);
    this.importId = begun.value.importId;
    const step = Math.max(1, begun.value.chunkBytes);
    let offset = 0;
    while (offset < file.size) {
      if (this.#isCancelRequested) return this.#cancelOnCore();
      // Leaving the screen stops the upload; the half-upload can be dropped from the history.
      if (this.#isDisposed) return;
      const bytes = new Uint8Array(await file.slice(offset, offset + step).arrayBuffer());
      const sent = await sendCatch('registry-import-chunk', {
        importId: this.importId,
        offset,
        dataBase64: bytesToBase64(bytes),
      });
      if (!sent.ok) return this.#fail(sent.message);
      // The core says how much it holds: a chunk it already had is not sent twice.
      if (sent.value.receivedBytes <= offset) return this.#fail(null);
      offset = sent.value.receivedBytes;
      this.uploadedBytes = offset;
    }
    if (this.#isCancelRequested) return this.#cancelOnCore();
    await this.#start();
  }

  /** Continues an interrupted import from where the core stopped. */
  async resume(summary: ImportSummary): Promise<void> {
    this.#reset(summary.fileName, summary.importId);
    this.sizeBytes = summary.sizeBytes;
    this.uploadedBytes = summary.sizeBytes;
    await this.#start();
  }

  async cancel(): Promise<void> {
    this.#isCancelRequested = true;
    if (this.phase === 'running') await this.#cancelOnCore();
  }

  async #start(): Promise<void> {
    if (!this.importId) return;
    this.phase = 'running';
    const started = await sendCatch('registry-import-start', { importId: this.importId });
    if (!started.ok) return this.#fail(started.message);
    await this.#follow(started.value);
  }

  /**
   * Picks up an import that is already running (the screen was left and opened again); its
   * pushes still come to this connection, which started it.
   */
  async adopt(summary: ImportSummary): Promise<void> {
    if (this.phase !== 'idle' && this.phase !== 'ended') return;
    this.#reset(summary.fileName, summary.importId);
    this.sizeBytes = summary.sizeBytes;
    this.uploadedBytes = summary.sizeBytes;
    this.phase = 'running';
    await this.#follow(summary);
  }

  async #follow(first: ImportSummary): Promise<void> {
    let summary = first;
    // The core may answer at once and run in the background: follow the list until it ends.
    while (!isFinal(summary.status) && this.phase === 'running' && !this.#isDisposed) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const list = await sendCatch('registry-import-list', { limit: 20 });
      const found = list.ok ? list.value.find((s) => s.importId === this.importId) : undefined;
      if (found) summary = found;
    }
    if (this.phase === 'running' && !this.#isDisposed) this.#end(summary);
  }

  /** The screen closed: stop uploading and polling (the core keeps running the import). */
  dispose(): void {
    this.#isDisposed = true;
  }

  async #cancelOnCore(): Promise<void> {
    if (!this.importId) return this.#end(null);
    const cancelled = await sendCatch('registry-import-cancel', { importId: this.importId });
    if (cancelled.ok) this.#end(cancelled.value);
    else this.#fail(cancelled.message);
  }

  #end(summary: ImportSummary | null): void {
    this.summary = summary;
    // A finished import is complete even if the last push was throttled away.
    if (summary?.status === 'done') {
      const total = this.progress?.total ?? summary.rowsRead;
      this.progress = {
        taskId: summary.importId,
        done: total,
        total,
        label: this.progress?.label ?? '',
      };
    }
    this.phase = 'ended';
    this.#onended();
  }

  #fail(message: string | null): void {
    this.hasFailed = true;
    this.error = message;
    this.phase = 'ended';
    this.#onended();
  }

  #reset(fileName: string, importId: string | null): void {
    this.fileName = fileName;
    this.importId = importId;
    this.uploadedBytes = 0;
    this.progress = null;
    this.pushCount = 0;
    this.summary = null;
    this.error = null;
    this.hasFailed = false;
    this.#isCancelRequested = false;
  }
}
