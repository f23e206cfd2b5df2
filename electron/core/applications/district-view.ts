import type { CatalogueService } from '../../contract';
import type { ApplicationDisplay, RegistrySnapshot } from '../../protocol/outbox';
import { SIAK_NAMES } from '../../protocol/siak-names';
import { familyByKk, regionName, residentRowByNik } from '../../../db/queries/residents-read';
import type { FamilyRow } from '../../../db/schema';
import type { CoreDeps } from '../deps';
import { codeLabel, displayValue, villageLabel } from '../desk/format';
import { CONCERNED, residentChanges } from '../desk/resident-changes';

/**
 * What the district's back-office shows beside an application's raw values (issue 15): the
 * registry entry of the person it is about, as this station's registry holds it now, with what
 * the application would change (the desk's own comparison), and the catalogue's names for the
 * service, answers and requirements. Written once, into the submit record: the hub has neither
 * the registry nor the catalogue.
 */

/** Desk change fields that are not SIAK names (siak-names.ts) -> the snapshot's keys. */
const ELEMENT: Readonly<Record<string, string>> = {
  address: 'ALAMAT',
  rt: 'NO_RT',
  rw: 'NO_RW',
  is_alive: 'STAT_HIDUP',
  other: 'LAINNYA',
};

export function registrySnapshot(
  deps: CoreDeps,
  service: CatalogueService,
  fields: Readonly<Record<string, string>>,
): RegistrySnapshot | null {
  const nik = CONCERNED.map((code) => fields[code]).find((v) => v !== undefined);
  const resident = nik === undefined ? undefined : residentRowByNik(deps.sqlite, nik);
  if (!resident) return null;
  const family: FamilyRow | null = familyByKk(deps.sqlite, resident.kk_number) ?? null;
  const marital = deps.codeLists.maritalLabel(
    resident.marital_status === 2 || resident.marital_status === 3
      ? { status: resident.marital_status, isRecorded: resident.marital_recorded === 1 }
      : { status: resident.marital_status, isRecorded: null },
  );
  return {
    NIK: resident.nik,
    NO_KK: resident.kk_number,
    NAMA_LGKP: resident.name,
    JENIS_KLMIN: codeLabel(deps, 'jenisKelamin', resident.sex),
    TMPT_LHR: resident.birth_place,
    TGL_LHR: resident.birth_date,
    AGAMA: codeLabel(deps, 'agama', resident.religion),
    PDDK_AKH: codeLabel(deps, 'pendidikan', resident.education),
    JENIS_PKRJN: codeLabel(deps, 'pekerjaan', resident.occupation),
    STAT_KWN: marital,
    STAT_HBKEL: codeLabel(deps, 'shdk', resident.relationship),
    GOL_DRH: codeLabel(deps, 'golonganDarah', resident.blood_group),
    WARGA_NEGARA: resident.citizenship,
    NAMA_LGKP_AYAH: resident.father_name,
    NAMA_LGKP_IBU: resident.mother_name,
    STAT_HIDUP: resident.is_alive === 1 ? 'HIDUP' : 'MENINGGAL',
    ALAMAT: family?.address ?? null,
    NO_RT: family?.rt ?? null,
    NO_RW: family?.rw ?? null,
    DUSUN: family?.dusun ?? null,
    NO_KEL: family?.village_code ?? null,
    NAMA_KEL: family ? villageLabel(deps, family.village_code) : null,
    PERUBAHAN: residentChanges(deps, service, fields).map((c) => ({
      ELEMEN: SIAK_NAMES[c.field] ?? ELEMENT[c.field] ?? c.field.toUpperCase(),
      LABEL: c.label,
      LAMA: c.current,
      BARU: c.proposed,
    })),
  };
}

export function applicationDisplay(
  deps: CoreDeps,
  service: CatalogueService,
  fields: Readonly<Record<string, string>>,
): ApplicationDisplay {
  const requirements = new Map<string, ApplicationDisplay['requirements'][number]>();
  for (const r of service.requirements)
    for (const line of [r, ...r.alternatives])
      if (!requirements.has(line.code))
        requirements.set(line.code, { code: line.code, label: line.label });
  return {
    service: service.title,
    fields: service.fields.flatMap((f) => {
      const value = fields[f.code];
      return value === undefined
        ? []
        : [{ code: f.code, label: f.label, value: displayValue(deps, f, value) }];
    }),
    requirements: [...requirements.values()],
    village: villageOf(deps, fields),
  };
}

/** The address answer, else the registry family of the applicant's NIK, else of the KK given. */
function villageOf(
  deps: CoreDeps,
  fields: Readonly<Record<string, string>>,
): ApplicationDisplay['village'] {
  const nik = fields['pemohon-nik'];
  const kk = fields['pemohon-no-kk'];
  const fromNik = nik === undefined ? undefined : residentRowByNik(deps.sqlite, nik)?.kk_number;
  const code =
    fields['alamat-wilayah'] ??
    (fromNik === undefined ? undefined : familyByKk(deps.sqlite, fromNik)?.village_code) ??
    (kk === undefined ? undefined : familyByKk(deps.sqlite, kk)?.village_code);
  if (code === undefined || !/^\d{10}$/.test(code)) return null;
  const kecamatan = code.slice(0, 6);
  return {
    NO_KEL: code,
    NAMA_KEL: regionName(deps.sqlite, code),
    NO_KEC: kecamatan,
    NAMA_KEC: regionName(deps.sqlite, kecamatan),
  };
}
