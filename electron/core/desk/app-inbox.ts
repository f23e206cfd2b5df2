import { z } from 'zod';
import { ok, type InboxItem } from '../../contract';
import { listInbox, type InboxFilters, type InboxRow } from '../../../db/queries/desk';
import type { App } from '../../transport/dispatcher';
import { STATUS_LABELS } from '../applications/status';
import type { CoreDeps } from '../deps';
import { applicationHead, claimInfo } from './detail';
import { villageLabel } from './format';
import { officerKey } from './rules';
import { maskNik } from '../common/mask';
import { jakartaDay } from '../common/jakarta';
import type { Officer } from '../common/officer';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days between two YYYY-MM-DD days. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The day `days` before `day` (YYYY-MM-DD). */
export function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

export function registerDeskInbox(app: App, deps: CoreDeps): void {
  const services = deps.catalogue.groups.flatMap((g) => g.services.map((s) => s.code));
  const statuses = Object.keys(STATUS_LABELS);
  app.method('desk-inbox', {
    role: 'operator',
    args: z.strictObject({
      status: z.enum(statuses as [string, ...string[]]).optional(),
      serviceCode: z.enum(services as [string, ...string[]]).optional(),
      // Dotted as printed (16.02.01.2001) or stored (1602012001).
      villageCode: z
        .string()
        .regex(/^(\d{2}\.\d{2}\.\d{2}\.\d{4}|\d{10})$/)
        .optional(),
      minAgeDays: z.number().int().min(0).max(3650).optional(),
      claim: z.enum(['mine', 'free', 'all']).optional(),
      offset: z.number().int().min(0).max(1_000_000),
      limit: z.number().int().min(1).max(100),
    }),
    run: async (args, ctx) => {
      const today = jakartaDay(deps.ports.clock.now());
      const filters: InboxFilters = {
        status: args.status,
        serviceCode: args.serviceCode,
        villageCode: args.villageCode?.replaceAll('.', ''),
        createdOnOrBefore: args.minAgeDays ? daysBefore(today, args.minAgeDays) : undefined,
        claim:
          args.claim === 'mine'
            ? { kind: 'mine', userId: officerKey(ctx.session) }
            : args.claim === 'free'
              ? { kind: 'free' }
              : undefined,
      };
      const { rows, countsByStatus } = await listInbox(deps.db, filters, args);
      const total =
        args.status === undefined
          ? Object.values(countsByStatus).reduce((a, b) => a + b, 0)
          : (countsByStatus[args.status] ?? 0);
      return ok({
        total,
        countsByStatus,
        items: rows.map((row) => inboxItem(deps, row, today, ctx.session)),
      });
    },
  });
}

function inboxItem(deps: CoreDeps, row: InboxRow, today: string, officer: Officer): InboxItem {
  const claim =
    row.claim_user_id === null
      ? null
      : {
          application_id: row.id,
          user_id: row.claim_user_id,
          user_name: row.claim_user_name ?? '',
          claimed_at: row.claimed_at ?? '',
        };
  return {
    ...applicationHead(deps, row),
    applicantName: row.applicant_name,
    maskedNik: row.applicant_nik === null ? null : maskNik(row.applicant_nik),
    villageCode: row.village_code,
    villageName: row.village_code === null ? null : villageLabel(deps, row.village_code),
    createdAt: row.created_at,
    ageDays: daysBetween(jakartaDay(new Date(row.created_at)), today),
    claim: claimInfo(claim, officer),
    photoCount: row.photo_count,
  };
}
