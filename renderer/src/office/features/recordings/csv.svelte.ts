import type {
  RecordingOutcome,
  RecordingsCsvCheck,
} from '../../../../../electron/contract/office/recordings';
import { blobToBase64 } from '../../../lib/media/jpeg';
import { call } from '../../lib/api';

/** The largest CSV the hub takes (electron/hub/office/recordings-csv.ts). */
export const CSV_MAX_BYTES = 1024 * 1024;

/**
 * One CSV upload: the chosen file, the hub's check of it (never applying anything), then the
 * apply the user confirmed, bound to that check (the hub refuses it when anything changed).
 */
export class CsvUpload {
  fileName = $state<string | null>(null);
  csvBase64 = $state<string | null>(null);
  status = $state<RecordingOutcome>('prr');
  note = $state('');
  check = $state<RecordingsCsvCheck | null>(null);
  applied = $state<{ applied: number; skipped: number; status: RecordingOutcome } | null>(null);
  error = $state<unknown>(null);
  /** A file the browser refuses before sending (too large, unreadable). */
  localProblem = $state<'TOO_LARGE' | 'UNREADABLE' | null>(null);
  isBusy = $state(false);

  async choose(file: File | null): Promise<void> {
    this.check = null;
    this.applied = null;
    this.error = null;
    this.localProblem = null;
    this.csvBase64 = null;
    this.fileName = file?.name ?? null;
    if (!file) return;
    if (file.size > CSV_MAX_BYTES) {
      this.localProblem = 'TOO_LARGE';
      return;
    }
    try {
      this.csvBase64 = await blobToBase64(file);
    } catch {
      this.localProblem = 'UNREADABLE';
    }
  }

  async runCheck(): Promise<void> {
    if (!this.csvBase64) return;
    this.isBusy = true;
    this.error = null;
    this.applied = null;
    try {
      this.check = await call('recordings-csv-check', { csvBase64: this.csvBase64 });
    } catch (error) {
      this.check = null;
      this.error = error;
    } finally {
      this.isBusy = false;
    }
  }

  /** Applies the checked file's good lines; true when done. */
  async apply(acceptProblems: boolean): Promise<boolean> {
    if (!this.csvBase64 || !this.check) return false;
    this.isBusy = true;
    this.error = null;
    const note = this.note.trim();
    try {
      const result = await call('recordings-csv-apply', {
        csvBase64: this.csvBase64,
        status: this.status,
        ...(note ? { note } : {}),
        confirmed: true,
        acceptProblems,
        checkToken: this.check.checkToken,
      });
      this.applied = { ...result, status: this.status };
      this.check = null;
      return true;
    } catch (error) {
      this.error = error;
      return false;
    } finally {
      this.isBusy = false;
    }
  }
}
