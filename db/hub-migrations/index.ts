import type { Migration } from 'kysely';
import * as m20261202_0800 from './2026_12_02_08_00_hub';

/** The hub's migrations, listed by hand like the station's (db/migrations/index.ts). */
export const hubMigrations: Record<string, Migration> = {
  '2026_12_02_08_00_hub': m20261202_0800,
};
