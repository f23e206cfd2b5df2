import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ok } from '../../contract';
import { getRegion, hasRegionTable } from '../../../db/queries/regions';
import type { Database } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import type { Ports } from '../ports';
import { parseIsoDay, validateNik } from './nik';
import { jakartaDay } from '../common/jakarta';

/** What the registry handlers use; CoreDeps satisfies it. */
export interface RegistryDeps {
  db: Kysely<Database>;
  ports: Pick<Ports, 'clock'>;
}

const isoDay = z.string().refine((s) => parseIsoDay(s) !== null, 'a real date, YYYY-MM-DD');

export function registerRegistry(app: App, deps: RegistryDeps): void {
  // Checking a number the officer typed reads no resident record, so it is not audited.
  app.method('registry-nik-check', {
    role: 'operator',
    args: z.strictObject({
      nik: z.string().max(64),
      birthDate: isoDay.optional(),
      sex: z.union([z.literal(1), z.literal(2)]).optional(),
    }),
    run: async (args) => {
      const district = args.nik.slice(0, 6);
      // A NIK keeps the kecamatan of first registration for life: a code that a later decree
      // closed (valid_until_version) is still a real origin, so any known code counts.
      const region = /^[0-9]{6}$/.test(district) ? await getRegion(deps.db, district) : null;
      const isKnown = region !== null && region.level === 'district';
      // Without a loaded table every prefix would look unknown: then skip that check.
      const regionExists = (await hasRegionTable(deps.db))
        ? (code: string) => code === district && isKnown
        : undefined;
      return ok(
        validateNik(args.nik, {
          regionExists,
          birthDate: args.birthDate,
          sex: args.sex,
          today: jakartaDay(deps.ports.clock.now()),
        }),
      );
    },
  });
}
