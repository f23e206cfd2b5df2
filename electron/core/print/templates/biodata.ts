import type { Rendered } from './frame';
import {
  addressRows,
  dayValue,
  documentHead,
  FULL_ADDRESS,
  personRows,
  type DocumentContext,
} from './parts';
import { sheetHtml } from './sheet';
import type { AddressData, PersonData } from './types';

/** BIODATA PENDUDUK WARGA NEGARA INDONESIA (domain §3.1 elements, printed on HVS per §4.2). */
export const UNVERIFIED = [
  'Urutan dan pengelompokan elemen biodata dari daftar UU 24/2013 Ps 58(2), bukan dari blangko asli; cocokkan dengan biodata cetakan SIAK (domain §3.1).',
  'Elemen yang dilindungi (penyandang cacat, sidik jari, iris, tanda tangan) sengaja tidak dicetak.',
];

export interface BiodataData extends DocumentContext {
  person: PersonData;
  kkNumber: string | null;
  headName: string | null;
  address: AddressData | null;
}

export function biodataHtml(data: BiodataData): Rendered {
  const p = data.person;
  return sheetHtml({
    ...documentHead('BIODATA PENDUDUK WARGA NEGARA INDONESIA', UNVERIFIED, data),
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA PERSONAL',
        rows: [
          ...personRows(p),
          { label: 'Golongan Darah', value: p.bloodGroup },
          { label: 'Agama/Kepercayaan', value: p.religion },
          { label: 'Status Perkawinan', value: p.marital },
          { label: 'Tanggal Perkawinan', value: dayValue(p.marriageDate) },
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
          ...addressRows(data.address, FULL_ADDRESS),
        ],
      },
    ],
  });
}
