import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicationNumber, unitCode } from '../../electron/core/applications/number';
import type { SyntheticFamily, SyntheticPerson } from '../../electron/core/demo/synthetic';
import { parseRegionCode, regionCsvDirs } from '../../electron/core/registry/regions';
import type {
  ApplicationDisplay,
  ApplicationSubmitted,
  OutboxPhoto,
  OutboxText,
  RegistrySnapshot,
} from '../../electron/protocol/outbox';
import { ROOT } from '../sync/station';

/**
 * The submit record of a kiosk application (ApplicationSubmitted, electron/protocol/outbox.ts),
 * made here instead of by a station's `applications-submit` (electron/core/applications/
 * submit.ts): fifty stations' databases would cost far more than the packets. Each field is
 * filled the way submit.ts and district-view.ts fill it, with the shipped catalogue's labels, the
 * code lists' printed labels and OKI's village names, so a record has the keys and about the size
 * of a real one. Service `ktp-el-perubahan`, as in the sync bench: three required photos.
 */

export const SERVICE = 'ktp-el-perubahan';
const REQUIREMENTS = ['kk', 'ktp-el-lama', 'bukti-perubahan-data'] as const;
const CHANGES = ['status-perkawinan', 'pekerjaan', 'pendidikan', 'agama', 'alamat'] as const;

export interface Village {
  code: string;
  name: string;
  kecamatanCode: string;
  kecamatanName: string;
}

/** Every village of Kabupaten Ogan Komering Ilir (16.02) in the shipped region table. */
export function okiVillages(): Village[] {
  const dir = regionCsvDirs(join(ROOT, 'resources')).find((d) =>
    existsSync(join(d, 'villages.csv')),
  );
  if (!dir) throw new Error('No villages.csv: install idn-area-data (npm ci)');
  const rows = (file: string) =>
    readFileSync(join(dir, file), 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .map((line) => {
        const [code = '', , ...name] = line.split(',');
        return { code: parseRegionCode(code), name: name.join(',').replace(/^"|"$/g, '') };
      })
      .filter((r): r is { code: string; name: string } => r.code?.startsWith('1602') ?? false);
  const kecamatan = new Map(rows('districts.csv').map((r) => [r.code, r.name]));
  return rows('villages.csv')
    .map((r) => ({
      code: r.code,
      name: r.name,
      kecamatanCode: r.code.slice(0, 6),
      kecamatanName: kecamatan.get(r.code.slice(0, 6)) ?? r.code.slice(0, 6),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

interface CatalogueLine {
  code: string;
  label: OutboxText;
  options?: { value: string; label: OutboxText }[];
}
type CodeLists = Record<string, { items: { code: number; label: string }[] }>;

/** What the records need of the shipped catalogue, code lists and consent text. */
export interface Texts {
  serviceTitle: OutboxText;
  fields: Map<string, CatalogueLine>;
  requirements: Map<string, CatalogueLine>;
  label(list: string, code: number): string;
  consentVersion: string;
  consentSha256: string;
}

export function loadTexts(): Texts {
  const data = (name: string) =>
    JSON.parse(readFileSync(join(ROOT, 'resources', 'data', name), 'utf8')) as unknown;
  const catalogue = data('catalogue.json') as {
    fields: CatalogueLine[];
    requirements: CatalogueLine[];
    groups: { services: { code: string; title: OutboxText }[] }[];
  };
  const service = catalogue.groups.flatMap((g) => g.services).find((s) => s.code === SERVICE);
  if (!service) throw new Error(`${SERVICE} is not in the catalogue`);
  const lists = (data('code-lists.json') as { lists: CodeLists }).lists;
  const consent = data('consent.json') as { version: string; id: string };
  return {
    serviceTitle: { id: service.title.id, en: service.title.en },
    fields: new Map(catalogue.fields.map((f) => [f.code, f])),
    requirements: new Map(catalogue.requirements.map((r) => [r.code, r])),
    label: (list, code) =>
      lists[list]?.items.find((item) => item.code === code)?.label ?? String(code),
    consentVersion: consent.version,
    // consentTextHash (electron/core/applications/consent.ts): sha-256 of the text shown.
    consentSha256: createHash('sha256').update(consent.id, 'utf8').digest('hex'),
  };
}

export interface StationUnit {
  unitId: string;
  village: Village;
  name: string;
}

export interface PhotoFile {
  requirementCode: string;
  bytes: Buffer;
  sha256: string;
}

/** Incompressible bytes between JPEG start (SOI + APP0) and end (EOI) markers, as the sync bench. */
export function photoBytes(random: Buffer): Buffer {
  random.set([0xff, 0xd8, 0xff, 0xe0]);
  random.set([0xff, 0xd9], random.length - 2);
  return random;
}

export function photoFile(requirementIndex: number, bytes: Buffer): PhotoFile {
  return {
    requirementCode: REQUIREMENTS[requirementIndex % REQUIREMENTS.length] as string,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

function snapshot(
  texts: Texts,
  family: SyntheticFamily,
  person: SyntheticPerson,
  village: Village,
): RegistrySnapshot {
  return {
    NIK: person.nik,
    NO_KK: family.kk,
    NAMA_LGKP: person.name,
    JENIS_KLMIN: texts.label('jenisKelamin', person.sex),
    TMPT_LHR: person.birthPlace,
    TGL_LHR: person.birthDate,
    AGAMA: texts.label('agama', person.religion),
    PDDK_AKH: texts.label('pendidikan', person.education),
    JENIS_PKRJN: texts.label('pekerjaan', person.occupation),
    STAT_KWN: texts.label('statusPerkawinan', person.maritalStatus),
    STAT_HBKEL: texts.label('shdk', person.relationship),
    GOL_DRH: texts.label('golonganDarah', person.bloodGroup),
    WARGA_NEGARA: person.citizenship,
    NAMA_LGKP_AYAH: person.fatherName,
    NAMA_LGKP_IBU: person.motherName,
    STAT_HIDUP: 'HIDUP',
    ALAMAT: family.address,
    NO_RT: family.rt,
    NO_RW: family.rw,
    DUSUN: family.dusun,
    NO_KEL: village.code,
    NAMA_KEL: village.name,
    // Which element changes is all the kiosk asks; the desk fills in the new value.
    PERUBAHAN: [],
  };
}

/**
 * One kiosk application's submit record, as submit.ts enqueues it: the application row, its
 * answers, photos named by hash, consent, first status, registry snapshot and display names.
 */
export function applicationRecord(options: {
  texts: Texts;
  unit: StationUnit;
  applicationId: string;
  /** The unit's daily sequence (1 for the day's first application). */
  sequence: number;
  day: string;
  at: string;
  family: SyntheticFamily;
  photos: readonly PhotoFile[];
  change: number;
  phone: string;
}): ApplicationSubmitted {
  const { texts, unit, family, at } = options;
  const applicant = family.members[0];
  if (!applicant) throw new Error('A synthetic family without members');
  const change = CHANGES[options.change % CHANGES.length] as string;
  const fields: Record<string, string> = {
    'pemohon-nik': applicant.nik,
    'pemohon-no-kk': family.kk,
    'data-berubah': change,
    'pemohon-telepon': options.phone,
  };
  const photos: OutboxPhoto[] = options.photos.map((p, i) => ({
    requirement_code: p.requirementCode,
    mime: 'image/jpeg',
    sha256: p.sha256,
    size: p.bytes.length,
    width: 1200,
    height: 1600,
    taken_at: new Date(Date.parse(at) - 60_000 + i * 10_000).toISOString(),
  }));
  const display: ApplicationDisplay = {
    service: texts.serviceTitle,
    fields: Object.entries(fields).map(([code, value]) => {
      const field = texts.fields.get(code);
      return {
        code,
        label: field?.label ?? { id: code, en: code },
        value: field?.options?.find((o) => o.value === value)?.label.id ?? value,
      };
    }),
    requirements: REQUIREMENTS.map((code) => ({
      code,
      label: texts.requirements.get(code)?.label ?? { id: code, en: code },
    })),
    village: {
      NO_KEL: unit.village.code,
      NAMA_KEL: unit.village.name,
      NO_KEC: unit.village.kecamatanCode,
      NAMA_KEC: unit.village.kecamatanName,
    },
  };
  const code = unitCode({ unit_id: unit.unitId, region_code: unit.village.code });
  return {
    id: options.applicationId,
    number: applicationNumber(code, options.day, options.sequence),
    service_code: SERVICE,
    status: 'diajukan',
    applicant_nik: applicant.nik,
    applicant_kk: family.kk,
    applicant_name: applicant.name,
    fields,
    channel: 'kiosk',
    created_at: at,
    unit_id: unit.unitId,
    is_training: 0,
    photos,
    consent: {
      application_id: options.applicationId,
      version: texts.consentVersion,
      text_sha256: texts.consentSha256,
      language: 'id',
      accepted_at: at,
    },
    status_history: [{ status: 'diajukan', at, actor: 'kiosk' }],
    registry: snapshot(texts, family, applicant, unit.village),
    display,
  };
}
