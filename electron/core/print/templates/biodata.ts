import { markOf, type IssuedMark, type Rendered } from './frame';
import { sheetHtml } from './sheet';
import { dmy } from './text';
import type { AddressData, PersonData } from './types';

/** BIODATA PENDUDUK WARGA NEGARA INDONESIA (domain §3.1 elements, printed on HVS per §4.2). */
export const UNVERIFIED = [
  'Urutan dan pengelompokan elemen biodata dari daftar UU 24/2013 Ps 58(2), bukan dari blangko asli; cocokkan dengan biodata cetakan SIAK (domain §3.1).',
  'Elemen yang dilindungi (penyandang cacat, sidik jari, iris, tanda tangan) sengaja tidak dicetak.',
];

export interface BiodataData {
  person: PersonData;
  kkNumber: string | null;
  headName: string | null;
  address: AddressData | null;
  issued: IssuedMark | null;
  isTraining: boolean;
  placeDate: string;
}

export function biodataHtml(data: BiodataData): Rendered {
  const p = data.person;
  const a = data.address;
  return sheetHtml({
    title: 'BIODATA PENDUDUK WARGA NEGARA INDONESIA',
    formCode: null,
    subtitle: `Nomor: ${data.issued?.documentNumber ?? '(diberikan setelah diterbitkan)'}`,
    mark: markOf(data.issued),
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    placeDate: data.placeDate,
    signatures: [],
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA PERSONAL',
        rows: [
          { label: 'NIK', value: p.nik },
          { label: 'Nama Lengkap', value: p.name },
          { label: 'Jenis Kelamin', value: p.sex },
          { label: 'Tempat Lahir', value: p.birthPlace },
          { label: 'Tanggal Lahir', value: p.birthDate ? dmy(p.birthDate) : null },
          { label: 'Golongan Darah', value: p.bloodGroup },
          { label: 'Agama/Kepercayaan', value: p.religion },
          { label: 'Status Perkawinan', value: p.marital },
          { label: 'Tanggal Perkawinan', value: p.marriageDate ? dmy(p.marriageDate) : null },
          { label: 'Status Hubungan Dalam Keluarga', value: p.relationship },
          { label: 'Pendidikan Terakhir', value: p.education },
          { label: 'Jenis Pekerjaan', value: p.occupation },
          { label: 'Kewarganegaraan', value: p.citizenship },
          { label: 'No. Akta Kelahiran', value: p.birthCertNo },
          { label: 'No. Paspor', value: p.passportNo },
          { label: 'No. KITAP', value: p.kitapNo },
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA ORANG TUA',
        rows: [
          { label: 'Nama Lengkap Ayah', value: p.fatherName },
          { label: 'Nama Lengkap Ibu', value: p.motherName },
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA ALAMAT',
        rows: [
          { label: 'No. KK', value: data.kkNumber },
          { label: 'Nama Kepala Keluarga', value: data.headName },
          { label: 'Alamat', value: a?.address ?? null },
          { label: 'RT/RW', value: a ? `${a.rt}/${a.rw}` : null },
          { label: 'Desa/Kelurahan', value: a?.villageName ?? null },
          { label: 'Kecamatan', value: a?.districtName ?? null },
          { label: 'Kabupaten/Kota', value: a?.regencyName ?? null },
          { label: 'Provinsi', value: a?.provinceName ?? null },
        ],
      },
    ],
  });
}
