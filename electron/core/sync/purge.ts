import { sql } from 'kysely';
import type { CoreDeps } from '../deps';
import { recordAudit } from '../audit/record';

/** Statuses in which the desk may still need to look at the originals' photos. */
const STILL_AT_DESK = ['diajukan', 'berkas-kurang', 'perlu-persetujuan'];
const DAY_MS = 24 * 3600 * 1000;
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
  const due = await deps.db
    .selectFrom('application_photos as p')
    .innerJoin('applications as a', 'a.id', 'p.application_id')
    .select(['p.application_id', 'p.sha256', 'p.requirement_code'])
    .where('a.status', 'not in', STILL_AT_DESK)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('outbox as o')
          .select('o.seq')
          .whereRef('o.aggregate_id', '=', 'p.application_id')
          .where('o.aggregate', '=', 'application')
          .where('o.exported_at', 'is not', null)
          .where('o.exported_at', '<=', cutoff)
          // The row that carried this photo: its payload names the photo's hash.
          .where(sql<boolean>`instr(o.payload, p.sha256) > 0`),
      ),
    )
    .limit(1000)
    .execute();
  if (due.length === 0) return { photos: 0 };
  const at = deps.ports.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const photo of due) {
      await trx
        .insertInto('purged_photos')
        .values({ ...photo, purged_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .deleteFrom('application_photos')
        .where('application_id', '=', photo.application_id)
        .where('sha256', '=', photo.sha256)
        .execute();
    }
    await recordAudit(deps, trx, SYSTEM, 'sync.photos-purged', {
      photos: due.length,
      applications: new Set(due.map((d) => d.application_id)).size,
      retentionDays,
    });
  });
  return { photos: due.length };
}
