import type {
  DistrictRecordingStatus,
  RecordingDetail,
  RecordingHandoverArgs,
} from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { failureText } from '../../lib/i18n/reasons';
import { trainingChange } from './records-pure';

/** One recording on screen: its detail, its portrait, and the actions taken from here. */
export class RecordView {
  detail = $state<RecordingDetail | null>(null);
  /** The stored portrait as a data: URL; null until loaded (or when it could not be). */
  portrait = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** The core's refusal of the last action, shown beside that action. */
  actionError = $state<{ action: 'handover' | 'district'; text: string } | null>(null);
  busy = $state<'handover' | 'district' | null>(null);

  constructor(readonly id: string) {}

  async load(): Promise<void> {
    const [detail, portrait] = await Promise.all([
      sendCatch('recording-get', { id: this.id }),
      sendCatch('recording-portrait', { id: this.id }),
    ]);
    if (detail.ok) {
      this.detail = detail.value;
      this.loadError = null;
    } else this.loadError = failureText(detail);
    this.portrait = portrait.ok ? `data:image/jpeg;base64,${portrait.value.jpegBase64}` : null;
  }

  /** Training stations: what the district would send through sync. */
  district(status: DistrictRecordingStatus['status'], note: string): Promise<boolean> {
    return this.#act('district', () =>
      sendCatch('recording-training-district', trainingChange(this.id, status, note)),
    );
  }

  handover(args: Omit<RecordingHandoverArgs, 'id'>): Promise<boolean> {
    return this.#act('handover', () => sendCatch('recording-handover', { id: this.id, ...args }));
  }

  async #act(
    action: 'handover' | 'district',
    call: () => ReturnType<typeof sendCatch<'recording-handover'>>,
  ): Promise<boolean> {
    this.busy = action;
    this.actionError = null;
    const answer = await call();
    this.busy = null;
    if (!answer.ok) {
      this.actionError = { action, text: failureText(answer) };
      return false;
    }
    this.detail = answer.value;
    return true;
  }
}
