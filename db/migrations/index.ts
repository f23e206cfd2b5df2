import type { Migration } from 'kysely';
import * as m20261129_0600 from './2026_11_29_06_00_foundation';
import * as m20261129_0700 from './2026_11_29_07_00_regions';
import * as m20261129_0900 from './2026_11_29_09_00_residents';
import * as m20261129_0930 from './2026_11_29_09_30_registry_imports';
import * as m20261129_0940 from './2026_11_29_09_40_name_search';
import * as m20261129_1100 from './2026_11_29_11_00_applications';
import * as m20261201_2300 from './2026_12_01_23_00_card_bindings';
import * as m20261202_0100 from './2026_12_02_01_00_desk_and_printing';
import * as m20261202_0600 from './2026_12_02_06_00_recording_and_devices';
import * as m20261202_0700 from './2026_12_02_07_00_sync';
import * as m20261207_1000 from './2026_12_07_10_00_login_locks';
import * as m20261207_3000 from './2026_12_07_30_00_audit_anchors';
import * as m20261208_0200 from './2026_12_08_02_00_issued_pdfs';
import * as m20261208_1000 from './2026_12_08_10_00_outreach';
import * as m20261208_1010 from './2026_12_08_10_10_stock_transfer';

/**
 * Every migration, in order, listed by hand: a file-system provider breaks inside a packaged app.
 * Names sort chronologically; never edit a landed migration, add a new one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_29_06_00_foundation': m20261129_0600,
  '2026_11_29_07_00_regions': m20261129_0700,
  '2026_11_29_09_00_residents': m20261129_0900,
  '2026_11_29_09_30_registry_imports': m20261129_0930,
  '2026_11_29_09_40_name_search': m20261129_0940,
  '2026_11_29_11_00_applications': m20261129_1100,
  '2026_12_01_23_00_card_bindings': m20261201_2300,
  '2026_12_02_01_00_desk_and_printing': m20261202_0100,
  '2026_12_02_06_00_recording_and_devices': m20261202_0600,
  '2026_12_02_07_00_sync': m20261202_0700,
  '2026_12_07_10_00_login_locks': m20261207_1000,
  '2026_12_07_30_00_audit_anchors': m20261207_3000,
  '2026_12_08_02_00_issued_pdfs': m20261208_0200,
  '2026_12_08_10_00_outreach': m20261208_1000,
  '2026_12_08_10_10_stock_transfer': m20261208_1010,
};
