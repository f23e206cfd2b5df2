import { markOf, type IssuedMark, type Rendered } from './frame';
import { sheetHtml } from './sheet';
import type { AddressData } from './types';

/** SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA (SKPWNI; domain §3.4, printed on HVS §4.2). */
export const UNVERIFIED = [
  'Susunan SKPWNI (data daerah asal, data kepindahan, anggota yang pindah) dari pengetahuan umum (❓); cocokkan dengan SKPWNI asli dari Disdukcapil OKI.',
  'Permohonan hanya mencatat jumlah anggota yang ikut pindah: daftar anggota diambil dari KK (pemohon lebih dulu) dan harus diperiksa petugas bersama pemohon.',
];

export interface MovingMember {
  nik: string | null;
  name: string;
  relationship: string | null;
}

export interface SuratPindahData {
  applicant: { nik: string | null; name: string };
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
  members: MovingMember[];
  issued: IssuedMark | null;
  isTraining: boolean;
  placeDate: string;
}

export function suratPindahHtml(data: SuratPindahData): Rendered {
  const o = data.origin;
  const d = data.destination;
  return sheetHtml({
    title: 'SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA',
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
        heading: 'DATA DAERAH ASAL',
        rows: [
          { label: 'Nomor Kartu Keluarga', value: data.kkNumber },
          { label: 'Nama Kepala Keluarga', value: data.headName },
          { label: 'Alamat', value: o?.address ?? null },
          { label: 'RT/RW', value: o ? `${o.rt}/${o.rw}` : null },
          { label: 'Desa/Kelurahan', value: o?.villageName ?? null },
          { label: 'Kecamatan', value: o?.districtName ?? null },
          { label: 'Kabupaten/Kota', value: o?.regencyName ?? null },
          { label: 'Provinsi', value: o?.provinceName ?? null },
          { label: 'NIK Pemohon', value: data.applicant.nik },
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
          { label: 'Jumlah Anggota yang Pindah', value: String(data.members.length) },
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
      },
    ],
  });
}
