import type { QueueDetail } from '../../../../../electron/contract/office/queue';
import { call } from '../../lib/api';

/** One application's page: its detail as the hub answers it, and the claim's calls. */
export class ApplicationPage {
  readonly id: string;
  detail = $state<QueueDetail | null>(null);
  error = $state<unknown>(null);
  /** The last claim or release refused (shown by the claim bar). */
  actionError = $state<unknown>(null);
  isBusy = $state(false);

  constructor(id: string) {
    this.id = id;
  }

  async load(): Promise<void> {
    try {
      this.detail = await call('queue-get', { applicationId: this.id });
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  async claim(): Promise<void> {
    await this.#act(() => call('queue-claim', { applicationId: this.id }));
  }

  /** Releases the claim; `reason` when a penandatangan releases another's. */
  async release(reason?: string): Promise<boolean> {
    return this.#act(() =>
      call(
        'queue-release',
        reason ? { applicationId: this.id, reason } : { applicationId: this.id },
      ),
    );
  }

  /**
   * One claim call, then the page again: a refusal means the claim changed, so it is shown only
   * with the page that says who holds it now.
   */
  async #act(action: () => Promise<unknown>): Promise<boolean> {
    this.isBusy = true;
    this.actionError = null;
    let refusal: unknown = null;
    try {
      await action();
    } catch (error) {
      refusal = error;
    }
    await this.load();
    this.actionError = refusal;
    this.isBusy = false;
    return refusal === null;
  }
}
