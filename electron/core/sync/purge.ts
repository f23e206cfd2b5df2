import { photosDueForPurge, purgePhoto } from '../../../db/queries/sync-pull';
import type { Aggregate } from '../../protocol/outbox';
import type { CoreDeps } from '../deps';
import { recordAudit } from '../audit/record';

/** Statuses in which the desk may still need to look at the originals' photos. */
const STILL_AT_DESK = ['diajukan', 'berkas-kurang', 'perlu-persetujuan'];
const DAY_MS = 24 * 3600 * 1000;
/** The records that name an application's photos. */
const APPLICATION: Aggregate = 'application';
const SYSTEM = { role: 'admin' as const, userName: 'system' };

/**
 * Item 5: photos of originals are personal data the station no longer needs once the district
 * holds them. A photo goes when the outbox row that carried it has the district's receipt, that
 * receipt is older than the retention, and the desk is done with the application. Before that,
 * nothing is deleted. Each purge leaves a tombstone (purged_photos) and one audit entry.
 */
export async function purgeAttachments(
  deps: CoreDeps,
  retentionDays: number,
): Promise<{ photos: number }> {
  const cutoff = new Date(deps.ports.clock.now().getTime() - retentionDays * DAY_MS).toISOString();
  const due = await photosDueForPurge(deps.db, {
    cutoff,
    keepStatuses: STILL_AT_DESK,
    aggregate: APPLICATION,
  });
  if (due.length === 0) return { photos: 0 };
  const at = deps.ports.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const photo of due) {
      await purgePhoto(trx, photo, at);
    }
    await recordAudit(deps, trx, SYSTEM, 'sync.photos-purged', {
      photos: due.length,
      applications: new Set(due.map((d) => d.application_id)).size,
      retentionDays,
    });
  });
  return { photos: due.length };
}
