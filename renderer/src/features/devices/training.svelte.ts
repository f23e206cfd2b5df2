import type { DeviceRole, TrainingDeviceAction } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { reasonMessage } from '../../lib/i18n/reasons';
import { deviceStatus } from './status.svelte';

/** A 7-byte UID like a KTP-el chip's (not a random 08… one), so a first tap can be bound. */
export const SAMPLE_UID = '04D2E3F4A5B680';

/** The training panel: plug, unplug and use the fake devices (training stations only). */
export class TrainingPanelState {
  isOpen = $state(false);
  uid = $state(SAMPLE_UID);
  text = $state('');
  error = $state<string | null>(null);
  isBusy = $state(false);

  isPlugged(role: DeviceRole): boolean {
    const state = deviceStatus.of(role)?.state;
    return state === 'training' || state === 'connected' || state === 'error';
  }

  toggle(role: DeviceRole): Promise<void> {
    return this.#act({ action: this.isPlugged(role) ? 'unplug' : 'plug', role });
  }

  tap(): Promise<void> {
    return this.#act({ action: 'read', role: 'card-reader', value: this.uid });
  }

  scan(): Promise<void> {
    return this.#act({ action: 'read', role: 'scanner', value: this.text });
  }

  async #act(action: TrainingDeviceAction): Promise<void> {
    this.isBusy = true;
    this.error = null;
    const result = await sendCatch('devices-training', action);
    this.isBusy = false;
    if (result.ok) deviceStatus.take(result.value);
    else this.error = reasonMessage(result.error.reason, result.message, 'devices');
  }
}
