import { failWith, type AppError } from '../../contract';
import type { CoreDeps } from '../deps';
import { syncSettings } from '../sync/status';

const MIB = 1024 * 1024;

/**
 * Issue 13 finding 1.9: a kiosk submission is refused (KIOSK_DISK_LOW) while the data folder has
 * less free space than the offline guard's `minFreeMb` (sync settings, 2 GB by default), the
 * level at which new KTP-el recordings stop too. Desks keep working: an officer decides what
 * is worth the last space. Unknown free space (a platform that cannot tell) refuses nothing.
 */
export async function kioskDiskRefusal(
  deps: Pick<CoreDeps, 'db' | 'disk'>,
): Promise<{ ok: false; error: AppError } | null> {
  const free = await deps.disk.freeBytes();
  if (free === null) return null;
  const { minFreeMb } = await syncSettings(deps);
  if (free >= minFreeMb * MIB) return null;
  return failWith(
    'CONFLICT',
    'KIOSK_DISK_LOW',
    `Penyimpanan hampir penuh: kiosk tidak menerima permohonan (free ${Math.floor(free / MIB)} MB < ${minFreeMb} MB)`,
  );
}
