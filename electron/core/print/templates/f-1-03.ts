import type { Rendered } from './frame';
import { sheetHtml } from './sheet';
import type { MovingMember } from './surat-pindah';
import type { AddressData } from './types';

/** F-1.03 FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK (moving out, and arrival with an SKPWNI). */
export const UNVERIFIED = [
  'Nomor dan judul formulir dari daftar Permendagri 109/2019 (domain §3.4 🟡); isi dan urutan bukan dari blangko asli. Minta blangko F-1.03 terbaru dari Disdukcapil OKI.',
];

export interface F103Data {
  direction: 'keluar' | 'datang';
  applicant: { nik: string | null; name: string | null };
  kkNumber: string | null;
  headName: string | null;
  origin: AddressData | null;
  destination: {
    address: string | null;
    rt: string | null;
    rw: string | null;
    region: string | null;
  };
  reason: string | null;
  classification: string | null;
  skpwniNumber: string | null;
  members: MovingMember[];
  isTraining: boolean;
  placeDate: string;
}

export function f103Html(data: F103Data): Rendered {
  const o = data.origin;
  const d = data.destination;
  return sheetHtml({
    title: 'FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK',
    formCode: 'F-1.03',
    subtitle:
      data.direction === 'keluar' ? 'Pindah keluar (daerah asal)' : 'Pindah datang (daerah tujuan)',
    mark: { kind: 'form' },
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    placeDate: data.placeDate,
    signatures: [
      { role: 'Petugas Registrasi', name: null },
      { role: 'Pemohon', name: data.applicant.name },
    ],
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA DAERAH ASAL',
        rows: [
          { label: 'Nomor Kartu Keluarga', value: data.kkNumber, boxes: 16 },
          { label: 'Nama Kepala Keluarga', value: data.headName },
          { label: 'Alamat', value: o?.address ?? null },
          { label: 'Desa/Kelurahan', value: o?.villageName ?? null },
          { label: 'Kecamatan', value: o?.districtName ?? null },
          { label: 'Kabupaten/Kota', value: o?.regencyName ?? null },
          { label: 'NIK Pemohon', value: data.applicant.nik, boxes: 16 },
          { label: 'Nama Lengkap Pemohon', value: data.applicant.name },
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA KEPINDAHAN',
        rows: [
          { label: 'Alasan Pindah', value: data.reason },
          { label: 'Klasifikasi Pindah', value: data.classification },
          { label: 'Alamat Tujuan', value: d.address },
          { label: 'RT/RW', value: d.rt || d.rw ? `${d.rt ?? '-'}/${d.rw ?? '-'}` : null },
          { label: 'Desa/Kelurahan Tujuan', value: d.region },
          { label: 'Nomor SKPWNI', value: data.skpwniNumber },
        ],
      },
      {
        kind: 'table',
        heading: 'ANGGOTA KELUARGA YANG PINDAH',
        columns: [
          { label: 'No', mm: 10 },
          { label: 'NIK', mm: 45 },
          { label: 'Nama Lengkap', mm: 85 },
          { label: 'SHDK', mm: 48 },
        ],
        rows: data.members.map((m, i) => [String(i + 1), m.nik, m.name, m.relationship]),
        blankRows: 3,
      },
    ],
  });
}
