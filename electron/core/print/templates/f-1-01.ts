import type { Rendered } from './frame';
import { sheetHtml } from './sheet';
import { dmy } from './text';
import type { AddressData, PersonData } from './types';

/** F-1.01 FORMULIR BIODATA KELUARGA, pre-filled; the head of family checks, completes and signs. */
export const UNVERIFIED = [
  'Nomor dan judul formulir dari daftar Permendagri 109/2019 (domain §3.4 🟡); isi dan urutan kolom bukan dari blangko asli. Minta blangko F-1.01 terbaru dari Disdukcapil OKI.',
  'Blok tanda tangan (Kepala Keluarga, Petugas Registrasi, Kepala Desa/Lurah) dari pengetahuan umum (❓).',
];

export interface F101Data {
  kkNumber: string | null;
  headName: string | null;
  address: AddressData | null;
  phone: string | null;
  members: PersonData[];
  isTraining: boolean;
  placeDate: string;
}

export function f101Html(data: F101Data): Rendered {
  const a = data.address;
  return sheetHtml({
    title: 'FORMULIR BIODATA KELUARGA',
    formCode: 'F-1.01',
    subtitle: 'Periksa isian yang sudah tercetak, lengkapi kotak yang kosong, lalu tanda tangani.',
    mark: { kind: 'form' },
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    placeDate: data.placeDate,
    signatures: [
      { role: 'Petugas Registrasi', name: null },
      { role: 'Kepala Keluarga', name: data.headName },
      { role: 'Kepala Desa/Lurah', name: null },
    ],
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA KEPALA KELUARGA',
        rows: [
          { label: 'Nomor Kartu Keluarga', value: data.kkNumber, boxes: 16 },
          { label: 'Nama Kepala Keluarga', value: data.headName },
          { label: 'Alamat', value: a?.address ?? null },
          { label: 'RT/RW', value: a ? `${a.rt}/${a.rw}` : null },
          { label: 'Desa/Kelurahan', value: a?.villageName ?? null },
          { label: 'Kecamatan', value: a?.districtName ?? null },
          { label: 'Kabupaten/Kota', value: a?.regencyName ?? null },
          { label: 'Kode Pos', value: a?.postalCode ?? null },
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
          [m.birthPlace, m.birthDate ? dmy(m.birthDate) : null].filter((s) => s).join(', '),
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
