import type { DeviceRead, DeviceRole, DeviceStatus } from '../../../../electron/contract';
import { listen, sendCatch } from '../../lib/connection/connection.svelte';
import '../../lib/devices/claim.svelte';

/**
 * The card reader's and scanner's state as the core last said (`devices-status`, then every
 * `device-status` push), and the last value each read. One per page, shared by the header pill,
 * the settings screen and the training panel.
 */
class DeviceStatusState {
  statuses = $state<DeviceStatus[]>([]);
  lastRead = $state<Partial<Record<DeviceRole, DeviceRead>>>({});
  error = $state<string | null>(null);

  constructor() {
    listen('device-status', (statuses) => {
      this.statuses = statuses;
    });
    listen('device-read', (read) => {
      this.lastRead = { ...this.lastRead, [read.role]: read };
    });
  }

  of(role: DeviceRole): DeviceStatus | null {
    return this.statuses.find((s) => s.role === role) ?? null;
  }

  /** Asks again (start-up, and after every reconnect: pushes may have been missed meanwhile). */
  async load(): Promise<void> {
    const result = await sendCatch('devices-status', {});
    if (result.ok) {
      this.statuses = result.value;
      this.error = null;
    } else this.error = result.message;
  }

  /** The training panel answers with the new statuses; take them without waiting for the push. */
  take(statuses: DeviceStatus[]): void {
    this.statuses = statuses;
  }
}

export const deviceStatus = new DeviceStatusState();
