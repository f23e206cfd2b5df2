import type { UserCreateArgs, UserSummary, UserUpdateArgs } from '../../../../electron/contract';
import { sendCatch, type Caught } from '../../lib/connection/connection.svelte';
import { reasonMessage } from '../../lib/i18n/reasons';

/** A failure as the sentence to show: the reason's text when the core gave one. */
function failureText(result: Extract<Caught<unknown>, { ok: false }>): string {
  return reasonMessage(result.error.reason, result.message);
}

/** The officer accounts as auth-users-list gives them; every change reloads the list. */
export class Accounts {
  users = $state<UserSummary[] | null>(null);
  error = $state<string | null>(null);
  isBusy = $state(false);

  async load(): Promise<void> {
    const result = await sendCatch('auth-users-list', {});
    if (result.ok) {
      this.users = result.value;
      this.error = null;
    } else {
      this.error = failureText(result);
    }
  }

  /** Null when created, else the sentence to show beside the form. */
  create(args: UserCreateArgs): Promise<string | null> {
    return this.#change(() => sendCatch('auth-users-create', args));
  }

  update(args: UserUpdateArgs): Promise<string | null> {
    return this.#change(() => sendCatch('auth-users-update', args));
  }

  async #change(call: () => Promise<Caught<UserSummary>>): Promise<string | null> {
    this.isBusy = true;
    const result = await call();
    this.isBusy = false;
    if (!result.ok) return failureText(result);
    await this.load();
    return null;
  }
}
