import type { OfficeArgs } from '../../../../../electron/contract/office';
import type { OfficeAccount } from '../../../../../electron/contract/office/accounts';
import { call } from '../../lib/api';

/** The hub's back-office accounts (admin only); every change reloads the list. */
export class Accounts {
  list = $state<OfficeAccount[] | null>(null);
  error = $state<unknown>(null);
  isBusy = $state(false);

  async load(): Promise<void> {
    try {
      this.list = (await call('accounts-list', {})).accounts;
      this.error = null;
    } catch (error) {
      this.error = error;
    }
  }

  /** Null when created, else the refusal to show beside the form. */
  create(args: OfficeArgs<'accounts-create'>): Promise<unknown> {
    return this.#change(() => call('accounts-create', args));
  }

  /** Null when changed, else the refusal to show in the editor. */
  update(args: OfficeArgs<'accounts-update'>): Promise<unknown> {
    return this.#change(() => call('accounts-update', args));
  }

  async #change(change: () => Promise<OfficeAccount>): Promise<unknown> {
    this.isBusy = true;
    try {
      await change();
    } catch (error) {
      return error;
    } finally {
      this.isBusy = false;
    }
    await this.load();
    return null;
  }
}
