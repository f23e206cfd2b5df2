import type { Rendered } from './frame';
import { addressRows, dayValue, familyRows, FILL_IN, formHead, type SheetContext } from './parts';
import { sheetHtml } from './sheet';
import type { AddressData, PersonData } from './types';

/** F-1.01 FORMULIR BIODATA KELUARGA, pre-filled; the head of family checks, completes and signs. */
export const UNVERIFIED = [
  'Nomor dan judul formulir dari daftar Permendagri 109/2019 (domain §3.4 🟡); isi dan urutan kolom bukan dari blangko asli. Minta blangko F-1.01 terbaru dari Disdukcapil OKI.',
  'Blok tanda tangan (Kepala Keluarga, Petugas Registrasi, Kepala Desa/Lurah) dari pengetahuan umum (❓).',
];

export interface F101Data extends SheetContext {
  kkNumber: string | null;
  headName: string | null;
  address: AddressData | null;
  phone: string | null;
  members: PersonData[];
}

export function f101Html(data: F101Data): Rendered {
  return sheetHtml({
    ...formHead(
      { title: 'FORMULIR BIODATA KELUARGA', formCode: 'F-1.01', subtitle: FILL_IN },
      UNVERIFIED,
      data,
      [
        { role: 'Petugas Registrasi', name: null },
        { role: 'Kepala Keluarga', name: data.headName },
        { role: 'Kepala Desa/Lurah', name: null },
      ],
    ),
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA KEPALA KELUARGA',
        rows: [
          ...familyRows(data, 16),
          ...addressRows(data.address, [
            'address',
            'rtRw',
            'village',
            'district',
            'regency',
            'postalCode',
          ]),
          { label: 'Telepon', value: data.phone },
        ],
      },
      {
        kind: 'table',
        heading: 'DATA ANGGOTA KELUARGA',
        columns: [
          { label: 'No', mm: 7 },
          { label: 'Nama Lengkap', mm: 36 },
          { label: 'NIK', mm: 30 },
          { label: 'L/P', mm: 17 },
          { label: 'Tempat, Tgl Lahir', mm: 30 },
          { label: 'Agama', mm: 16 },
          { label: 'Status Kawin', mm: 20 },
          { label: 'SHDK', mm: 16 },
          { label: 'Ayah / Ibu', mm: 16 },
        ],
        rows: data.members.map((m, i) => [
          String(i + 1),
          m.name,
          m.nik,
          m.sex,
          [m.birthPlace, dayValue(m.birthDate)].filter((s) => s).join(', '),
          m.religion,
          m.marital,
          m.relationship,
          [m.fatherName, m.motherName].filter((s) => s).join(' / '),
        ]),
        blankRows: 2,
      },
    ],
  });
}
