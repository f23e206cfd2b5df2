import type {
  DeviceRole,
  DeviceSettings,
  HidDeviceInfo,
  OtherDevice,
} from '../../../../electron/contract';
import { sendCatch } from '../../lib/connection/connection.svelte';
import { t } from '../../lib/i18n/i18n.svelte';
import {
  configOf,
  formFieldOf,
  formOf,
  fromDevice,
  newOtherForm,
  otherConfigOf,
  otherFormOf,
  type ConfigForm,
  type FormField,
  type OtherForm,
} from './device-form';
import { reasonMessage } from '../../lib/i18n/reasons';

export const ROLES: DeviceRole[] = ['card-reader', 'scanner'];
/** As many further devices as the core takes (core/devices/settings.ts MAX_OTHER_DEVICES). */
export const MAX_OTHERS = 8;

/**
 * The admin's device settings screen: what is plugged in, the first card reader's and scanner's
 * forms, further devices each at its own desk (docs/devices.md, "Several devices"), save.
 */
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
  others = $state<OtherForm[]>([]);
  /** The fields the core or the form refused, per further device (same order as `others`). */
  othersInvalid = $state<FormField[][]>([]);
  isLoaded = $state(false);
  isSaved = $state(false);
  isBusy = $state(false);

  async load(): Promise<void> {
    const result = await sendCatch('devices-settings-get', {});
    if (!result.ok) {
      this.error = reasonMessage(result.error.reason, result.message, 'devices');
      return;
    }
    this.#take(result.value);
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

  get canAdd(): boolean {
    return this.others.length < MAX_OTHERS;
  }

  /** A further device, blank or from a plugged-in one, at the next desk number. */
  add(device?: HidDeviceInfo): void {
    if (!this.canAdd) return;
    const desk = `meja-${this.others.length + 2}`;
    this.others = [...this.others, newOtherForm('card-reader', desk, device)];
    this.othersInvalid = [...this.othersInvalid, []];
    this.isSaved = false;
  }

  remove(index: number): void {
    this.others = this.others.filter((_, i) => i !== index);
    this.othersInvalid = this.othersInvalid.filter((_, i) => i !== index);
    this.isSaved = false;
  }

  async save(): Promise<void> {
    this.isSaved = false;
    this.error = null;
    const card = configOf('card-reader', this.forms['card-reader']);
    const scanner = configOf('scanner', this.forms.scanner);
    const others = this.others.map(otherConfigOf);
    this.invalid = { 'card-reader': card.invalid, scanner: scanner.invalid };
    this.othersInvalid = others.map((o) => o.invalid);
    if ([card, scanner, ...others].some((c) => c.invalid.length > 0)) {
      this.error = t('devices.reason.BAD_DEVICE_SETTINGS');
      return;
    }
    this.isBusy = true;
    const settings: DeviceSettings = { cardReader: card.config, scanner: scanner.config };
    if (others.length > 0) settings.others = others.flatMap((o) => (o.config ? [o.config] : []));
    const result = await sendCatch('devices-settings-set', settings);
    this.isBusy = false;
    if (!result.ok) {
      const fields = result.error.fields ?? [];
      this.invalid = {
        'card-reader': fields.flatMap((f) => formFieldOf(f, 'card-reader') ?? []),
        scanner: fields.flatMap((f) => formFieldOf(f, 'scanner') ?? []),
      };
      this.othersInvalid = this.others.map((_, i) =>
        fields.flatMap((f) => formFieldOf(f, `others.${i}`) ?? []),
      );
      this.error = reasonMessage(result.error.reason, result.message, 'devices');
      return;
    }
    this.#take(result.value);
    this.isSaved = true;
  }

  #take(settings: DeviceSettings): void {
    this.forms = {
      'card-reader': formOf('card-reader', settings.cardReader),
      scanner: formOf('scanner', settings.scanner),
    };
    const others: OtherDevice[] = settings.others ?? [];
    this.others = others.map(otherFormOf);
    this.othersInvalid = others.map(() => []);
  }
}
