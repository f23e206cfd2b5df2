import type { DeviceRead, DeviceRole, DeviceStatus } from '../../../../electron/contract';
import { listen, sendCatch } from '../../lib/connection/connection.svelte';
import '../../lib/devices/claim.svelte';
import { screenDesk } from '../../lib/devices/screen-desk.svelte';

/**
 * Every configured device's state as the core last said (`devices-status`, then every
 * `device-status` push: the first card reader and scanner, then further devices, each with its
 * desk), and the last value each role read at this screen's desk. One per page, shared by the
 * header pill, the settings screen and the training panel.
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

  /** The first card reader or scanner of the settings, wherever it sits. */
  of(role: DeviceRole): DeviceStatus | null {
    return this.statuses.find((s) => s.role === role) ?? null;
  }

  /** The first configured device of `role` at `desk`. */
  atDesk(role: DeviceRole, desk: string | null): DeviceStatus | null {
    if (desk === null) return null;
    return this.statuses.find((s) => s.role === role && s.desk === desk) ?? null;
  }

  /** The device of `role` at this screen's own desk (the one whose reads reach it). */
  mine(role: DeviceRole): DeviceStatus | null {
    return this.atDesk(role, screenDesk());
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
