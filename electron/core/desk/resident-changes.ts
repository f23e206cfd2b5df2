import type { CatalogueService, LocalText, ResidentChange } from '../../contract';
import { familyByKk, residentRowByNik } from '../../../db/queries/residents-read';
import type { FamilyRow, ResidentRow } from '../../../db/schema';
import type { CoreDeps } from '../deps';
import type { CodeListName } from '../registry/code-lists';
import { codeLabel, villageLabel } from './format';
import { longDay } from '../common/jakarta';

/**
 * What an application would change on an existing resident's registry record, for the supervisor
 * who confirms it (docs/desk-verification.md). Only values that map to a registry column are
 * compared; a person not in this station's registry has nothing to compare.
 */

/** The person the application is about, in this order. */
export const CONCERNED = ['subjek-nik', 'almarhum-nik', 'pemohon-nik'];

const CODED: Record<string, { column: keyof ResidentRow; list: CodeListName }> = {
  'status-perkawinan': { column: 'marital_status', list: 'statusPerkawinan' },
  pekerjaan: { column: 'occupation', list: 'pekerjaan' },
  pendidikan: { column: 'education', list: 'pendidikan' },
  agama: { column: 'religion', list: 'agama' },
  'golongan-darah': { column: 'blood_group', list: 'golonganDarah' },
  'anggota-shdk': { column: 'relationship', list: 'shdk' },
};

/** The answers of `data-berubah` (kk-perubahan, ktp-el-perubahan): the element, not its value. */
const CHANGED_ELEMENT: Record<string, keyof ResidentRow | 'address' | 'other'> = {
  'status-perkawinan': 'marital_status',
  pekerjaan: 'occupation',
  pendidikan: 'education',
  agama: 'religion',
  'golongan-darah': 'blood_group',
  nama: 'name',
  alamat: 'address',
  lainnya: 'other',
};
const PER_PROOF = 'SESUAI BUKTI PERUBAHAN DATA';
const NEW_KK = 'KK BARU (DITERBITKAN DISDUKCAPIL)';
/** Services that put the person on a new KK (a move, a split, a new family). */
const NEW_KK_SERVICES: ReadonlySet<string> = new Set([
  'kk-baru',
  'kk-pisah',
  'pindah-keluar',
  'pindah-datang',
]);

const KK_LABEL: LocalText = { id: 'Nomor KK', en: 'KK number' };
const ALIVE_LABEL: LocalText = { id: 'Status hidup', en: 'Alive or deceased' };

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toUpperCase();
const padded = (s: string) => (/^\d{1,3}$/.test(s) ? s.padStart(3, '0') : s);

export function residentChanges(
  deps: CoreDeps,
  service: CatalogueService,
  fields: Readonly<Record<string, string>>,
): ResidentChange[] {
  if (!service.changesResident) return [];
  const nik = CONCERNED.map((code) => fields[code]).find((v) => v !== undefined);
  const resident = nik === undefined ? undefined : residentRowByNik(deps.sqlite, nik);
  if (nik === undefined || !resident) return [];
  const family = familyByKk(deps.sqlite, resident.kk_number) ?? null;
  const changes: ResidentChange[] = [];
  const add = (field: string, label: LocalText, current: string | null, proposed: string) =>
    changes.push({ nik, field, label, current, proposed });

  for (const f of service.fields) {
    const value = fields[f.code];
    if (value === undefined) continue;
    const coded = CODED[f.code];
    if (coded) {
      const now = resident[coded.column];
      if (String(now) !== value)
        add(
          coded.column,
          f.label,
          codeLabel(deps, coded.list, now as number),
          codeLabel(deps, coded.list, value),
        );
      continue;
    }
    const address = addressChange(deps, f.code, value, family);
    if (address) add(address.field, f.label, address.current, address.proposed);
    if (f.code === 'data-berubah') {
      const option = f.options.find((o) => o.value === value);
      const element = CHANGED_ELEMENT[value] ?? 'other';
      add(element, option?.label ?? f.label, currentOf(deps, resident, family, element), PER_PROOF);
    }
  }
  if (service.code === 'akta-kematian' && resident.is_alive === 1) {
    const day = fields['tanggal-meninggal'];
    add('is_alive', ALIVE_LABEL, 'HIDUP', day ? `MENINGGAL, ${longDay(day)}` : 'MENINGGAL');
  }
  const joins = service.code === 'kk-tambah-anggota' ? fields['pemohon-no-kk'] : undefined;
  if (joins !== undefined && joins !== resident.kk_number)
    add('kk_number', KK_LABEL, resident.kk_number, joins);
  if (NEW_KK_SERVICES.has(service.code)) add('kk_number', KK_LABEL, resident.kk_number, NEW_KK);
  return changes;
}

function addressChange(
  deps: CoreDeps,
  code: string,
  value: string,
  family: FamilyRow | null,
): { field: string; current: string | null; proposed: string } | null {
  switch (code) {
    case 'alamat-wilayah': {
      if (family?.village_code === value) return null;
      const current = family ? villageLabel(deps, family.village_code) : null;
      return { field: 'village_code', current, proposed: villageLabel(deps, value) };
    }
    case 'alamat-jalan': {
      const current = family ? streetOf(family) : null;
      if (current !== null && squash(current) === squash(value)) return null;
      return { field: 'address', current, proposed: value };
    }
    case 'alamat-rt':
    case 'alamat-rw': {
      const column = code === 'alamat-rt' ? 'rt' : 'rw';
      const current = family ? family[column] : null;
      if (current !== null && padded(current) === padded(value)) return null;
      return { field: column, current, proposed: padded(value) };
    }
    default:
      return null;
  }
}

/** As the kiosk offers it: the street, then the dusun. */
function streetOf(family: FamilyRow): string {
  return family.dusun ? `${family.address}, ${family.dusun}` : family.address;
}

function currentOf(
  deps: CoreDeps,
  resident: ResidentRow,
  family: FamilyRow | null,
  element: string,
): string | null {
  if (element === 'name') return resident.name;
  if (element === 'address') return family ? streetOf(family) : null;
  const coded = Object.values(CODED).find((c) => c.column === element);
  return coded ? codeLabel(deps, coded.list, resident[coded.column] as number) : null;
}
