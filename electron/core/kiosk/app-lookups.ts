import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  ok,
  type KioskCatalogue,
  type KioskCodeLists,
  type KioskVillages,
  type VillageOption,
} from '../../contract';
import { districtsOfRegency, getRegion, villagesOfRegency } from '../../../db/queries/regions';
import type { Database, UnitRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import type { CoreDeps } from '../deps';
import { isCodeListName, type CodeLists } from '../registry/code-lists';

/** kiosk-code-lists and kiosk-villages: the answer lists of the wizard's pickers. */
export function registerKioskLookups(app: App, deps: CoreDeps): void {
  const codeLists = kioskCodeLists(deps.catalogue, deps.codeLists);
  let villages: KioskVillages | null = null;

  app.method('kiosk-code-lists', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: () => ok(codeLists),
  });

  app.method('kiosk-villages', {
    role: 'kiosk',
    args: z.strictObject({}),
    // The region table is loaded before the handlers exist and never changes while running.
    run: async () => ok((villages ??= await kioskVillages(deps.db, deps.unit))),
  });
}

/**
 * Only the lists a `select` field names: the kiosk is anonymous, so a list no question uses
 * (penyandangCacat, protected data under UU 24/2013 Ps 84) never leaves the core.
 */
export function kioskCodeLists(catalogue: KioskCatalogue, lists: CodeLists): KioskCodeLists {
  const named = new Set(
    catalogue.groups.flatMap((g) =>
      g.services.flatMap((s) => s.fields.flatMap((f) => (f.type === 'select' ? [f.codeList] : []))),
    ),
  );
  const result: KioskCodeLists = {};
  for (const name of [...named].filter(isCodeListName).sort()) {
    result[name] = {
      title: lists.title(name),
      options: lists.items(name).map((item) => ({ value: String(item.code), label: item.label })),
    };
  }
  return result;
}

/** Current villages of the unit's regency, by kecamatan name then village name. */
export async function kioskVillages(db: Kysely<Database>, unit: UnitRow): Promise<KioskVillages> {
  const regencyCode = unit.region_code.slice(0, 4);
  const [regency, districts, rows] = await Promise.all([
    getRegion(db, regencyCode),
    districtsOfRegency(db, regencyCode),
    villagesOfRegency(db, regencyCode),
  ]);
  const districtNames = new Map(districts.map((d) => [d.code, d.name]));
  const villages: VillageOption[] = rows.flatMap((row) => {
    const districtCode = row.code.slice(0, 6);
    const districtName = districtNames.get(districtCode);
    // A current village under a closed kecamatan would be a broken table; leave it out.
    if (districtName === undefined) return [];
    // Digit 7 of the code is the village type: 1 kelurahan, 2 desa (3, desa adat, is a desa).
    const kind = row.code[6] === '1' ? 'kelurahan' : 'desa';
    return [{ code: row.code, name: row.name, kind, districtCode, districtName }];
  });
  villages.sort(
    (a, b) =>
      a.districtName.localeCompare(b.districtName, 'id') ||
      a.name.localeCompare(b.name, 'id') ||
      a.code.localeCompare(b.code),
  );
  return {
    unitVillageCode: unit.region_code,
    // Without a region table (tests, a broken install) the unit row still names its regency.
    regencyName: regency?.name ?? unit.regency_name,
    villages,
  };
}
