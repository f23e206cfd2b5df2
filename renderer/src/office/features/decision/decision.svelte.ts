import type {
  DecisionState,
  IssuedKind,
  LineState,
  Proposal,
} from '../../../../../electron/contract/office/decision';
import { call } from '../../lib/api';

/**
 * The decision panel's state (issue 15 item 5): the hub's decision state of one application and
 * the calls that change it. Every call answers the new state; `onChanged` lets the application
 * page read itself again (status, claim, timeline).
 */
export class DecisionPanelState {
  state = $state<DecisionState | null>(null);
  loadError = $state<unknown>(null);
  /** The last refused action, shown where it was tried. */
  error = $state<unknown>(null);
  /** The action running now (its name), or null. */
  busy = $state<string | null>(null);
  readonly #id: string;
  readonly #onChanged: () => void;
  #request = 0;

  constructor(applicationId: string, onChanged: () => void) {
    this.#id = applicationId;
    this.#onChanged = onChanged;
  }

  async load(): Promise<void> {
    const request = ++this.#request;
    try {
      const state = await call('decision-get', { applicationId: this.#id });
      if (request !== this.#request) return;
      this.state = state;
      this.loadError = null;
    } catch (error) {
      if (request === this.#request) this.loadError = error;
    }
  }

  mark(requirementCode: string, state: LineState, note: string): Promise<boolean> {
    const text = note.trim();
    return this.#act('lines', () =>
      call('decision-lines', {
        applicationId: this.#id,
        lines: [{ requirementCode, state, ...(text ? { note: text } : {}) }],
      }),
    );
  }

  propose(proposal: Proposal, kind: IssuedKind | null, note: string): Promise<boolean> {
    const text = note.trim();
    return this.#act('propose', () =>
      call('decision-propose', {
        applicationId: this.#id,
        proposal,
        ...(proposal === 'issue' && kind ? { kind } : {}),
        ...(text ? { note: text } : {}),
      }),
    );
  }

  reject(reason: string): Promise<boolean> {
    return this.#act('reject', () => call('decision-reject', { applicationId: this.#id, reason }));
  }

  returnToStation(note: string): Promise<boolean> {
    return this.#act('return', () => call('decision-return', { applicationId: this.#id, note }));
  }

  issue(form: {
    kind: IssuedKind;
    documentNumber: string;
    issueDate: string;
    pdfBase64: string | null;
  }): Promise<boolean> {
    return this.#act('issue', async () => {
      const issued = await call('decision-issue', {
        applicationId: this.#id,
        kind: form.kind,
        documentNumber: form.documentNumber.trim(),
        issueDate: form.issueDate,
        ...(form.pdfBase64 ? { pdfBase64: form.pdfBase64 } : {}),
      });
      return issued.state;
    });
  }

  /** Clears a refusal when the user starts again (a dialog closes, another form opens). */
  clearError(): void {
    this.error = null;
  }

  async #act(name: string, run: () => Promise<DecisionState>): Promise<boolean> {
    this.busy = name;
    this.error = null;
    try {
      this.state = await run();
      this.#onChanged();
      return true;
    } catch (error) {
      this.error = error;
      // A refusal may mean the application changed (claim, status): show what holds now.
      void this.load();
      return false;
    } finally {
      this.busy = null;
    }
  }
}
