import type { Migration } from 'kysely';
import * as m20261202_0800 from './2026_12_02_08_00_hub';
import * as m20261207_1000 from './2026_12_07_10_00_request_nonces';
import * as m20261207_2000 from './2026_12_07_20_00_usb_cursors_attachment_blobs';
import * as m20261207_3000 from './2026_12_07_30_00_audit_anchors';

/** The hub's migrations, listed by hand like the station's (db/migrations/index.ts). */
export const hubMigrations: Record<string, Migration> = {
  '2026_12_02_08_00_hub': m20261202_0800,
  '2026_12_07_10_00_request_nonces': m20261207_1000,
  '2026_12_07_20_00_usb_cursors_attachment_blobs': m20261207_2000,
  '2026_12_07_30_00_audit_anchors': m20261207_3000,
};
