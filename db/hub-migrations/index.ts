import type { Migration } from 'kysely';
import * as m20261202_0800 from './2026_12_02_08_00_hub';
import * as m20261207_1000 from './2026_12_07_10_00_request_nonces';
import * as m20261207_2000 from './2026_12_07_20_00_usb_cursors_attachment_blobs';
import * as m20261207_3000 from './2026_12_07_30_00_audit_anchors';
import * as m20261208_0100 from './2026_12_08_01_00_office_accounts';
import * as m20261208_0110 from './2026_12_08_01_10_office_queue';
import * as m20261208_0120 from './2026_12_08_01_20_office_decisions';
import * as m20261208_0130 from './2026_12_08_01_30_station_health';
import * as m20261208_0131 from './2026_12_08_01_31_office_recordings';
import * as m20261208_1000 from './2026_12_08_10_00_outreach_events';

/** The hub's migrations, listed by hand like the station's (db/migrations/index.ts). */
export const hubMigrations: Record<string, Migration> = {
  '2026_12_02_08_00_hub': m20261202_0800,
  '2026_12_07_10_00_request_nonces': m20261207_1000,
  '2026_12_07_20_00_usb_cursors_attachment_blobs': m20261207_2000,
  '2026_12_07_30_00_audit_anchors': m20261207_3000,
  '2026_12_08_01_00_office_accounts': m20261208_0100,
  '2026_12_08_01_10_office_queue': m20261208_0110,
  '2026_12_08_01_20_office_decisions': m20261208_0120,
  '2026_12_08_01_30_station_health': m20261208_0130,
  '2026_12_08_01_31_office_recordings': m20261208_0131,
  '2026_12_08_10_00_outreach_events': m20261208_1000,
};
