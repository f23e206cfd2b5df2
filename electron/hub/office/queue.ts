import { z } from 'zod';
import {
  countQueue,
  dropClaim,
  listQueue,
  queueChoices,
  queueRow,
  takeClaim,
  type QueueQuery,
} from '../../../db/queries/office-queue';
import type { OfficeRole } from '../../contract/office';
import {
  OFFICE_STATUSES,
  type QueueCounts,
  type QueueFilters,
  type QueueHandlers,
} from '../../contract/office/queue';
import { OfficeError, type OfficeCall, type OfficeHandlerMap } from './handler';
import { queueDetail, queueRowOf } from './queue-detail';

/**
 * Back-office handlers of the queue area (issue 15 item 4): the work queue over
 * office_applications (projection.ts), one application's page, and the claim. Verifikator and
 * penandatangan work the queue; an admin may look (stations and accounts questions) but not
 * claim; a pemantau sees reports only.
 */

const WORKERS: readonly OfficeRole[] = ['verifikator', 'penandatangan'];
const READERS: readonly OfficeRole[] = ['verifikator', 'penandatangan', 'admin'];
const DAY_MS = 86_400_000;

const applicationId = z.string().min(1).max(100);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00+07:00`)), 'not a day');

const filterShape = {
  station: z.string().min(1).max(100).optional(),
  kecamatan: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  village: z
    .string()
    .regex(/^\d{10}$/)
    .optional(),
  service: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
  channel: z.enum(['kiosk', 'desk', 'outreach']).optional(),
  olderThanDays: z.number().int().min(0).max(3650).optional(),
  submittedFrom: day.optional(),
  submittedTo: day.optional(),
  text: z.string().max(100).optional(),
};

/** Start of an Asia/Jakarta day as UTC ISO text (the hub stores station times in UTC). */
function jakartaStart(dayText: string, plusDays = 0): string {
  return new Date(Date.parse(`${dayText}T00:00:00+07:00`) + plusDays * DAY_MS).toISOString();
}

function queryOf(call: OfficeCall, filters: QueueFilters): QueueQuery {
  if (
    filters.submittedFrom !== undefined &&
    filters.submittedTo !== undefined &&
    filters.submittedFrom > filters.submittedTo
  )
    throw new OfficeError(400, 'BAD_RANGE', 'submittedFrom is after submittedTo');
  return {
    unitId: filters.station,
    kecamatanCode: filters.kecamatan,
    villageCode: filters.village,
    serviceCode: filters.service,
    channel: filters.channel,
    submittedAtMost:
      filters.olderThanDays === undefined
        ? undefined
        : new Date(call.hub.now().getTime() - filters.olderThanDays * DAY_MS).toISOString(),
    submittedFrom:
      filters.submittedFrom === undefined ? undefined : jakartaStart(filters.submittedFrom),
    submittedUntil:
      filters.submittedTo === undefined ? undefined : jakartaStart(filters.submittedTo, 1),
    text: filters.text?.trim() || undefined,
  };
}

async function rowOrNotFound(call: OfficeCall, id: string) {
  const row = await queueRow(call.hub.db, id);
  if (!row) throw new OfficeError(404, 'NO_APPLICATION', `no application ${id} at the hub`);
  return row;
}

export const queueHandlers: OfficeHandlerMap<keyof QueueHandlers> = {
  'queue-list': {
    roles: READERS,
    readOnly: true,
    input: z.strictObject({
      ...filterShape,
      status: z.enum(OFFICE_STATUSES as ['baru']).optional(),
      order: z.enum(['oldest', 'newest']).optional(),
      offset: z.number().int().min(0).max(1_000_000).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    run: async (call, input) => {
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 50;
      const { rows, total } = await listQueue(call.hub.db, {
        ...queryOf(call, input),
        status: input.status,
        order: input.order ?? 'oldest',
        offset,
        limit,
      });
      return { rows: rows.map((r) => queueRowOf(r, call.user.id)), total, offset, limit };
    },
  },
  'queue-counts': {
    roles: READERS,
    readOnly: true,
    input: z.strictObject(filterShape),
    run: async (call, input) => {
      const byStatus = await countQueue(call.hub.db, queryOf(call, input));
      const counts = Object.fromEntries(
        OFFICE_STATUSES.map((s) => [s, byStatus[s] ?? 0]),
      ) as QueueCounts;
      counts.all = OFFICE_STATUSES.reduce((sum, s) => sum + counts[s], 0);
      return counts;
    },
  },
  'queue-filters': {
    roles: READERS,
    readOnly: true,
    input: z.strictObject({}),
    run: async (call) => {
      const choices = await queueChoices(call.hub.db);
      const byName = <T extends { code: string; name: string | null }>(a: T, b: T) =>
        (a.name ?? a.code).localeCompare(b.name ?? b.code, 'id');
      return {
        stations: choices.stations.sort(byName),
        kecamatan: choices.kecamatan.sort(byName),
        villages: choices.villages.sort(byName),
        services: choices.services.sort(byName),
      };
    },
  },
  'queue-get': {
    roles: READERS,
    // Reads only, but it shows one person's whole application: the read is audited.
    readOnly: true,
    input: z.strictObject({ applicationId }),
    run: async (call, input) => {
      const row = await rowOrNotFound(call, input.applicationId);
      const detail = await queueDetail(call.hub.db, row, call.user.id);
      if (!detail)
        throw new OfficeError(404, 'NO_APPLICATION', `no submit record of ${input.applicationId}`);
      await call.audit('queue.application-read', {
        applicationId: row.application_id,
        number: row.number,
      });
      return detail;
    },
  },
  'queue-claim': {
    roles: WORKERS,
    input: z.strictObject({ applicationId }),
    run: async (call, input) => {
      const id = input.applicationId;
      const isTaken = await call.hub.db.transaction().execute(async (trx) => {
        const taken = await takeClaim(trx, id, {
          userId: call.user.id,
          name: call.user.displayName,
          at: call.at,
        });
        if (taken) await call.audit('queue.application-claimed', { applicationId: id }, trx);
        return taken;
      });
      const row = await rowOrNotFound(call, id);
      if (!isTaken && row.claimed_by !== call.user.id) {
        if (row.claimed_by !== null)
          throw new OfficeError(
            409,
            'CLAIMED',
            `Claimed by ${row.claimed_by_name ?? row.claimed_by} since ${row.claimed_at ?? '?'}`,
          );
        throw new OfficeError(
          409,
          'APPLICATION_CLOSED',
          `The application is ${row.office_status}; nothing is claimed`,
        );
      }
      return queueRowOf(row, call.user.id);
    },
  },
  'queue-release': {
    roles: WORKERS,
    input: z.strictObject({
      applicationId,
      reason: z.string().max(300).optional(),
    }),
    run: async (call, input) => {
      const id = input.applicationId;
      const row = await rowOrNotFound(call, id);
      const holder = row.claimed_by;
      if (holder === null) throw new OfficeError(409, 'NOT_CLAIMED', 'nobody holds the claim');
      const reason = input.reason?.trim() ?? '';
      const isMine = holder === call.user.id;
      if (!isMine) {
        if (call.user.role !== 'penandatangan')
          throw new OfficeError(
            403,
            'NOT_CLAIM_HOLDER',
            `only the holder (${row.claimed_by_name ?? holder}) or a penandatangan releases it`,
          );
        if (reason.length < 3)
          throw new OfficeError(400, 'REASON_REQUIRED', 'releasing another’s claim needs a reason');
      }
      await call.hub.db.transaction().execute(async (trx) => {
        if (!(await dropClaim(trx, id, holder, call.at)))
          throw new OfficeError(409, 'CLAIM_CHANGED', 'the claim changed meanwhile; reload');
        await call.audit(
          'queue.claim-released',
          {
            applicationId: id,
            holder,
            holderName: row.claimed_by_name,
            reason: reason || null,
          },
          trx,
        );
      });
      return queueRowOf(await rowOrNotFound(call, id), call.user.id);
    },
  },
};
