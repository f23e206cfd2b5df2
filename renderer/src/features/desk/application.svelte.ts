import type {
  ApplicationDetail,
  CheckState,
  DeskAction,
  HandlerName,
} from '../../../../electron/contract';
import { sendCatch, type Caught } from '../../lib/connection/connection.svelte';
import { pick, t } from '../../lib/i18n/i18n.svelte';
import { failureText } from '../../lib/i18n/reasons';

type Failure = Extract<Caught<unknown>, { ok: false }>;

/**
 * One application on the officer's screen: its detail, the action running now, and the last
 * refusal in words. Every action answers with the fresh detail, so the screen never guesses.
 */
export class DeskApplication {
  detail = $state<ApplicationDetail | null>(null);
  loadError = $state<string | null>(null);
  actionError = $state<string | null>(null);
  /** The action (or `check:<code>`) waiting for the core; buttons are disabled meanwhile. */
  busy = $state<string | null>(null);
  /** Photo thumbnails as data: URLs by sha-256, fetched once while this screen is open. */
  thumbs = $state<Record<string, string>>({});
  /** The reason dialog open now (release, return, reject, refuse); it shows the refusal itself. */
  asking = $state<'release' | 'return' | 'reject' | 'refuse' | null>(null);

  constructor(readonly id: string) {}

  can(action: DeskAction): boolean {
    return this.detail?.allowedActions.includes(action) ?? false;
  }

  async load(): Promise<void> {
    const answer = await sendCatch('desk-application-get', { id: this.id });
    if (answer.ok) {
      this.detail = answer.value;
      this.loadError = null;
      void this.#loadThumbs();
    } else this.loadError = answer.message;
  }

  claim(): Promise<boolean> {
    return this.#act('claim', 'desk-application-claim', { id: this.id });
  }

  release(reason?: string): Promise<boolean> {
    return this.#act('release', 'desk-application-release', { id: this.id, reason });
  }

  check(requirementCode: string, state: CheckState, note: string): Promise<boolean> {
    const trimmed = note.trim();
    return this.#act(`check:${requirementCode}`, 'desk-requirement-check', {
      id: this.id,
      requirementCode,
      state,
      ...(trimmed ? { note: trimmed } : {}),
    });
  }

  decide(decision: 'approve' | 'return' | 'reject', reason?: string): Promise<boolean> {
    return this.#act(decision, 'desk-application-decide', { id: this.id, decision, reason });
  }

  confirm(decision: 'approve' | 'refuse', reason?: string): Promise<boolean> {
    const busy = decision === 'approve' ? 'confirm' : 'refuse';
    return this.#act(busy, 'desk-application-confirm', { id: this.id, decision, reason });
  }

  async #act(busy: string, name: HandlerName, args: Record<string, unknown>): Promise<boolean> {
    this.busy = busy;
    this.actionError = null;
    // Every name above answers with ApplicationDetail; the union of their args is checked there.
    const answer = (await sendCatch(
      name as 'desk-application-claim',
      args as { id: string },
    )) as Caught<ApplicationDetail>;
    this.busy = null;
    if (answer.ok) {
      this.detail = answer.value;
      return true;
    }
    this.actionError = await this.#explain(answer);
    return false;
  }

  /** A refusal in words; a claim conflict re-reads the application to name who holds it now. */
  async #explain(failure: Failure): Promise<string> {
    const reason = failure.error.reason;
    if (
      reason === 'CLAIMED_BY_OTHER' ||
      reason === 'NOT_CLAIMED' ||
      reason === 'APPLICATION_CLOSED'
    ) {
      await this.load();
    }
    if (reason === 'CLAIMED_BY_OTHER') {
      return failureText(failure, { holder: this.detail?.claim?.userName ?? '' });
    }
    const text = failureText(failure);
    if (reason === 'REQUIREMENTS_UNCHECKED' && failure.error.fields?.length) {
      return `${text} ${t('desk.pending', { list: this.#labels(failure.error.fields) })}`;
    }
    return text;
  }

  #labels(codes: string[]): string {
    const requirements = this.detail?.requirements ?? [];
    return codes
      .map((code) => {
        const found = requirements.find((r) => r.code === code);
        return found ? pick(found.label) : code;
      })
      .join(', ');
  }

  async #loadThumbs(): Promise<void> {
    for (const requirement of this.detail?.requirements ?? []) {
      for (const photo of requirement.photos) {
        if (this.thumbs[photo.sha256]) continue;
        const answer = await sendCatch('desk-application-photo', {
          id: this.id,
          sha256: photo.sha256,
        });
        if (answer.ok) {
          this.thumbs[photo.sha256] = `data:${answer.value.mime};base64,${answer.value.dataBase64}`;
        }
      }
    }
  }

  /** Drops every photo byte held for this screen. */
  dispose(): void {
    this.thumbs = {};
    this.detail = null;
  }
}
