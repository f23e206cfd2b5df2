import { markOf, type IssuedMark } from './frame';
import type { SheetBlock, SheetInput, SheetRow } from './sheet';
import { dmy } from './text';
import type { AddressData } from './types';

/**
 * Pieces several sheets print alike: the head of an issued document, a person's birth rows,
 * address rows and the moving rows of a surat pindah and its form. Labels stay as printed.
 */

/** A date as a row prints it (15-10-2026), or nothing recorded. */
export const dayValue = (day: string | null): string | null => (day ? dmy(day) : null);

/** Where and for what a sheet is printed. */
export interface SheetContext {
  isTraining: boolean;
  placeDate: string;
}

/** A document is issued by the district; until then it prints as a draft. */
export interface DocumentContext extends SheetContext {
  issued: IssuedMark | null;
}

/** The head of a document the district issues: its number once issued, the TTE at the end. */
export function documentHead(
  title: string,
  unverified: readonly string[],
  data: DocumentContext,
): Omit<SheetInput, 'blocks'> {
  return {
    title,
    formCode: null,
    subtitle: `Nomor: ${data.issued?.documentNumber ?? '(diberikan setelah diterbitkan)'}`,
    mark: markOf(data.issued),
    isTraining: data.isTraining,
    unverified,
    placeDate: data.placeDate,
    signatures: [],
  };
}

/** A form's instruction when it has nothing else to say under its title. */
export const FILL_IN =
  'Periksa isian yang sudah tercetak, lengkapi kotak yang kosong, lalu tanda tangani.';

/** The head of a form: the applicant fills and signs it, so it has no number and no TTE. */
export function formHead(
  form: { title: string; formCode: string; subtitle: string },
  unverified: readonly string[],
  data: SheetContext,
  signatures: SheetInput['signatures'],
): Omit<SheetInput, 'blocks'> {
  return {
    ...form,
    mark: { kind: 'form' },
    isTraining: data.isTraining,
    unverified,
    placeDate: data.placeDate,
    signatures,
  };
}

/** The registration officer and the applicant sign an application's form. */
export const applicantSignatures = (name: string | null): SheetInput['signatures'] => [
  { role: 'Petugas Registrasi', name: null },
  { role: 'Pemohon', name },
];

/** The KK number (in character boxes on a form) and the head of family's name. */
export function familyRows(
  data: { kkNumber: string | null; headName: string | null },
  boxes?: number,
): SheetRow[] {
  return [
    { label: 'Nomor Kartu Keluarga', value: data.kkNumber, boxes },
    { label: 'Nama Kepala Keluarga', value: data.headName },
  ];
}

export interface Born {
  name: string | null;
  sex: string | null;
  birthPlace: string | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
}

/** Nama Lengkap to Tanggal Lahir. */
export function birthRows(p: Born): SheetRow[] {
  return [
    { label: 'Nama Lengkap', value: p.name },
    { label: 'Jenis Kelamin', value: p.sex },
    { label: 'Tempat Lahir', value: p.birthPlace },
    { label: 'Tanggal Lahir', value: dayValue(p.birthDate) },
  ];
}

/** The NIK (in character boxes on a form), then the birth rows. */
export function personRows(p: Born & { nik: string | null }, nikBoxes?: number): SheetRow[] {
  return [{ label: 'NIK', value: p.nik, boxes: nikBoxes }, ...birthRows(p)];
}

const ADDRESS_ROWS = {
  address: { label: 'Alamat', value: (a: AddressData) => a.address },
  rtRw: { label: 'RT/RW', value: (a: AddressData) => `${a.rt}/${a.rw}` },
  village: { label: 'Desa/Kelurahan', value: (a: AddressData) => a.villageName },
  district: { label: 'Kecamatan', value: (a: AddressData) => a.districtName },
  regency: { label: 'Kabupaten/Kota', value: (a: AddressData) => a.regencyName },
  province: { label: 'Provinsi', value: (a: AddressData) => a.provinceName },
  postalCode: { label: 'Kode Pos', value: (a: AddressData) => a.postalCode },
} as const;

export type AddressPart = keyof typeof ADDRESS_ROWS;

/** The whole address as documents print it. */
export const FULL_ADDRESS: readonly AddressPart[] = [
  'address',
  'rtRw',
  'village',
  'district',
  'regency',
  'province',
];

/** The address rows a sheet prints, in the order given. */
export function addressRows(a: AddressData | null, parts: readonly AddressPart[]): SheetRow[] {
  return parts.map((part) => ({
    label: ADDRESS_ROWS[part].label,
    value: a ? ADDRESS_ROWS[part].value(a) : null,
  }));
}

export interface MovingMember {
  nik: string | null;
  name: string;
  relationship: string | null;
}

export interface Moving {
  destination: {
    address: string | null;
    rt: string | null;
    rw: string | null;
    region: string | null;
  };
  reason: string | null;
  classification: string | null;
  members: MovingMember[];
}

/** DATA DAERAH ASAL: the family, its address and the applicant. */
export function originRows(
  data: {
    kkNumber: string | null;
    headName: string | null;
    origin: AddressData | null;
    applicant: { nik: string | null; name: string | null };
  },
  parts: readonly AddressPart[],
  boxes?: number,
): SheetRow[] {
  return [
    ...familyRows(data, boxes),
    ...addressRows(data.origin, parts),
    { label: 'NIK Pemohon', value: data.applicant.nik, boxes },
    { label: 'Nama Lengkap Pemohon', value: data.applicant.name },
  ];
}

/** Why and where to, as the SKPWNI and F-1.03 start their DATA KEPINDAHAN. */
export function movingRows(data: Moving): SheetRow[] {
  const d = data.destination;
  return [
    { label: 'Alasan Pindah', value: data.reason },
    { label: 'Klasifikasi Pindah', value: data.classification },
    { label: 'Alamat Tujuan', value: d.address },
    { label: 'RT/RW', value: d.rt || d.rw ? `${d.rt ?? '-'}/${d.rw ?? '-'}` : null },
    { label: 'Desa/Kelurahan Tujuan', value: d.region },
  ];
}

/** The members who move, numbered; a form adds blank rows to write more in. */
export function movingMembers(members: MovingMember[], blankRows?: number): SheetBlock {
  return {
    kind: 'table',
    heading: 'ANGGOTA KELUARGA YANG PINDAH',
    columns: [
      { label: 'No', mm: 10 },
      { label: 'NIK', mm: 45 },
      { label: 'Nama Lengkap', mm: 85 },
      { label: 'SHDK', mm: 48 },
    ],
    rows: members.map((m, i) => [String(i + 1), m.nik, m.name, m.relationship]),
    blankRows,
  };
}
