import type { AddressData, PersonData } from '../core/print/templates/types';
import type { IssuedMark } from '../core/print/templates/frame';

/** Synthetic people for the template tests (no real resident appears in this repository). */
export const ADDRESS: AddressData = {
  address: 'JL. LINTAS TIMUR NO. 12',
  rt: '003',
  rw: '001',
  dusun: 'DUSUN II',
  villageCode: '1602052011',
  villageName: 'KIJANG ULU',
  districtName: 'KAYU AGUNG',
  regencyName: 'OGAN KOMERING ILIR',
  provinceName: 'SUMATERA SELATAN',
  postalCode: '30618',
};

const FIRST = [
  'AHMAD',
  'SITI',
  'BUDI',
  'RINA',
  'JOKO',
  'DEWI',
  'AGUS',
  'NUR',
  'HENDRA',
  'LINA',
  'RUDI',
  'YANTI',
  'FAJAR',
  'MAYA',
  'ILHAM',
  'PUTRI',
];

/** A family of `size` with distinct names and NIKs; member 1 is the head. */
export function family(size: number): PersonData[] {
  return Array.from({ length: size }, (_, i) => ({
    nik: `1602050107${String(90 + (i % 10)).padStart(2, '0')}${String(i + 1).padStart(4, '0')}`,
    name: `${FIRST[i % FIRST.length] ?? 'ANAK'} ${i === 0 ? 'SAPUTRA' : `BINTI SAPUTRA ${i + 1}`}`,
    sex: i % 2 === 0 ? 'LAKI-LAKI' : 'PEREMPUAN',
    birthPlace: 'KAYU AGUNG',
    birthDate: `${1970 + i}-07-01`,
    religion: 'ISLAM',
    education: i === 0 ? 'SLTA/SEDERAJAT' : 'TIDAK/BELUM SEKOLAH',
    occupation: i === 0 ? 'PETANI/PEKEBUN' : 'PELAJAR/MAHASISWA',
    bloodGroup: 'O',
    marital: i < 2 ? 'KAWIN TERCATAT' : 'BELUM KAWIN',
    marriageDate: i < 2 ? '1995-05-20' : null,
    relationship: i === 0 ? 'KEPALA KELUARGA' : i === 1 ? 'ISTRI' : 'ANAK',
    citizenship: 'WNI',
    passportNo: null,
    kitapNo: null,
    fatherName: i < 2 ? 'SUTAN MUDA' : 'AHMAD SAPUTRA',
    motherName: i < 2 ? 'AMINAH' : 'SITI SAPUTRA',
    birthCertNo: null,
  }));
}

export const ISSUED: IssuedMark = {
  documentNumber: '1602-KK-29112026-0001',
  issuedAt: '2026-11-29',
  signerName: 'Nama Kepala Dinas Sintetis',
  signerTitle: 'Kepala Dinas Kependudukan dan Pencatatan Sipil',
  qrPayload: 'https://example.invalid/verify/1602-KK-29112026-0001',
};
