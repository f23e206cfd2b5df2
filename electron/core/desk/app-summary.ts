import { z } from 'zod';
import { ok, type DeskSummaryRow, type LocalText } from '../../contract';
import { countPrinted, countReceived, countStatusEntries } from '../../../db/queries/desk';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { parseIsoDay } from '../registry/nik';
import { serviceTitle } from './detail';
import { jakartaDay, jakartaDayRange } from '../common/jakarta';

/** Prints that are not of an application (a KK or biodata printed from the registry). */
export const REGISTRY_PRINTS: LocalText = {
  id: 'Cetak dari data kependudukan',
  en: 'Printed from the registry',
};

const STATUS_COLUMN = {
  diverifikasi: 'verified',
  'berkas-kurang': 'returned',
  ditolak: 'rejected',
} as const;

type Counts = Omit<DeskSummaryRow, 'serviceCode' | 'service'>;
const zero = (): Counts => ({ received: 0, verified: 0, returned: 0, rejected: 0, printed: 0 });

export function registerDeskSummary(app: App, deps: CoreDeps): void {
  const order = deps.catalogue.groups.flatMap((g) => g.services.map((s) => s.code));
  app.method('desk-summary', {
    role: 'operator',
    args: z.strictObject({
      day: z
        .string()
        .refine((d) => parseIsoDay(d) !== null, 'a day YYYY-MM-DD')
        .optional(),
    }),
    run: async (args) => {
      const day = args.day ?? jakartaDay(deps.ports.clock.now());
      const range = jakartaDayRange(day);
      const byService = new Map<string, Counts>();
      const row = (code: string) => {
        let counts = byService.get(code);
        if (!counts) byService.set(code, (counts = zero()));
        return counts;
      };
      for (const r of await countReceived(deps.db, range)) row(r.service_code).received += r.n;
      const statuses = Object.keys(STATUS_COLUMN) as (keyof typeof STATUS_COLUMN)[];
      for (const r of await countStatusEntries(deps.db, range, statuses))
        row(r.service_code)[STATUS_COLUMN[r.status as keyof typeof STATUS_COLUMN]] += r.n;
      for (const r of await countPrinted(deps.db, range)) row(r.service_code ?? '').printed += r.n;

      // Catalogue order; codes the catalogue no longer has after it, registry prints last.
      const rank = (code: string) => {
        const i = order.indexOf(code);
        return code === '' ? order.length + 1 : i === -1 ? order.length : i;
      };
      const rows = [...byService.entries()]
        .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
        .map(([code, counts]) => ({
          serviceCode: code,
          service: code === '' ? REGISTRY_PRINTS : serviceTitle(deps, code),
          ...counts,
        }));
      const totals = zero();
      for (const r of rows)
        for (const key of Object.keys(totals) as (keyof Counts)[]) totals[key] += r[key];
      return ok({ day, totals, byService: rows });
    },
  });
}
