import type {
  DocumentsList,
  StationsEnrolResult,
  StationsList,
} from '../../../../../electron/contract/office/stations';
import { call } from '../../lib/api';

/** The station list (admin and pemantau), reloaded after a revocation. */
export class Stations {
  list = $state<StationsList | null>(null);
  error = $state<unknown>(null);
  isLoading = $state(false);

  async load(): Promise<void> {
    this.isLoading = true;
    try {
      this.list = await call('stations-list', {});
      this.error = null;
    } catch (error) {
      this.error = error;
    } finally {
      this.isLoading = false;
    }
  }

  async revoke(unitId: string, reason: string): Promise<void> {
    await call('stations-revoke', { unitId, reason });
    await this.load();
  }
}

/** Enrolment from an uploaded request file: the answer to download and the fingerprints. */
export class Enrolment {
  fileName = $state<string | null>(null);
  requestJson = $state<string | null>(null);
  hubUrl = $state('');
  result = $state<StationsEnrolResult | null>(null);
  error = $state<unknown>(null);
  isUnreadable = $state(false);
  isBusy = $state(false);

  constructor(hubUrl: string) {
    this.hubUrl = hubUrl;
  }

  async choose(file: File | null): Promise<void> {
    this.result = null;
    this.error = null;
    this.isUnreadable = false;
    this.requestJson = null;
    this.fileName = file?.name ?? null;
    if (!file) return;
    // A request file is under 1 KB; anything much larger is not one.
    if (file.size > 64 * 1024) {
      this.isUnreadable = true;
      return;
    }
    try {
      this.requestJson = await file.text();
    } catch {
      this.isUnreadable = true;
    }
  }

  async enrol(): Promise<void> {
    if (!this.requestJson) return;
    this.isBusy = true;
    this.error = null;
    try {
      this.result = await call('stations-enrol', {
        requestJson: this.requestJson,
        hubUrl: this.hubUrl.trim(),
      });
    } catch (error) {
      this.result = null;
      this.error = error;
    } finally {
      this.isBusy = false;
    }
  }
}

/** Issued documents (penandatangan): a search, one page at a time, revocation with a reason. */
export class Documents {
  text = $state('');
  page = $state(1);
  result = $state<DocumentsList | null>(null);
  error = $state<unknown>(null);
  isLoading = $state(false);
  #request = 0;

  get hasNext(): boolean {
    return !!this.result && this.page * this.result.pageSize < this.result.total;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    this.isLoading = true;
    try {
      const text = this.text.trim();
      const result = await call('stations-documents-list', {
        page: this.page,
        ...(text ? { text } : {}),
      });
      if (request !== this.#request) return;
      this.result = result;
      this.error = null;
    } catch (error) {
      if (request === this.#request) this.error = error;
    } finally {
      if (request === this.#request) this.isLoading = false;
    }
  }

  search(): Promise<void> {
    this.page = 1;
    return this.load();
  }

  turn(step: -1 | 1): Promise<void> {
    this.page = Math.max(1, this.page + step);
    return this.load();
  }

  async revoke(documentNumber: string, reason: string): Promise<void> {
    await call('stations-document-revoke', { documentNumber, reason });
    await this.load();
  }
}

/** Saves text under a file name through a temporary download link. */
export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
