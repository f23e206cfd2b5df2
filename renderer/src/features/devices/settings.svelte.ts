import type { DeviceRole, HidDeviceInfo } from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import {
  configOf,
  formFieldOf,
  formOf,
  fromDevice,
  type ConfigForm,
  type FormField,
} from './device-form';
import { reasonMessage } from '../../lib/i18n/reasons';

export const ROLES: DeviceRole[] = ['card-reader', 'scanner'];

/** The admin's device settings screen: what is plugged in, the two roles' forms, save. */
export class DeviceSettingsForm {
  forms = $state<Record<DeviceRole, ConfigForm>>({
    'card-reader': formOf('card-reader', null),
    scanner: formOf('scanner', null),
  });
  devices = $state<HidDeviceInfo[] | null>(null);
  listError = $state<string | null>(null);
  /** How many list refreshes have finished: shown on the list so tests wait for a new answer. */
  refreshes = $state(0);
  error = $state<string | null>(null);
  invalid = $state<Record<DeviceRole, FormField[]>>({ 'card-reader': [], scanner: [] });
  isLoaded = $state(false);
  isSaved = $state(false);
  isBusy = $state(false);

  async load(): Promise<void> {
    const result = await sendCatch('devices-settings-get', {});
    if (!result.ok) {
      this.error = reasonMessage(result.error.reason, result.message, 'devices');
      return;
    }
    this.forms = {
      'card-reader': formOf('card-reader', result.value.cardReader),
      scanner: formOf('scanner', result.value.scanner),
    };
    this.isLoaded = true;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const result = await sendCatch('devices-list', {});
    if (result.ok) {
      this.devices = result.value;
      this.listError = null;
    } else this.listError = reasonMessage(result.error.reason, result.message, 'devices');
    this.refreshes += 1;
  }

  use(role: DeviceRole, device: HidDeviceInfo): void {
    this.forms[role] = fromDevice(this.forms[role], device);
    this.isSaved = false;
  }

  async save(): Promise<void> {
    this.isSaved = false;
    this.error = null;
    const card = configOf('card-reader', this.forms['card-reader']);
    const scanner = configOf('scanner', this.forms.scanner);
    this.invalid = { 'card-reader': card.invalid, scanner: scanner.invalid };
    if (card.invalid.length > 0 || scanner.invalid.length > 0) {
      this.error = t('devices.reason.BAD_DEVICE_SETTINGS');
      return;
    }
    this.isBusy = true;
    const result = await sendCatch('devices-settings-set', {
      cardReader: card.config,
      scanner: scanner.config,
    });
    this.isBusy = false;
    if (!result.ok) {
      const fields = result.error.fields ?? [];
      this.invalid = {
        'card-reader': fields.flatMap((f) => formFieldOf(f, 'card-reader') ?? []),
        scanner: fields.flatMap((f) => formFieldOf(f, 'scanner') ?? []),
      };
      this.error = reasonMessage(result.error.reason, result.message, 'devices');
      return;
    }
    this.forms = {
      'card-reader': formOf('card-reader', result.value.cardReader),
      scanner: formOf('scanner', result.value.scanner),
    };
    this.isSaved = true;
  }
}
