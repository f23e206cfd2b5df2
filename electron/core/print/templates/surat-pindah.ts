import type { Rendered } from './frame';
import {
  documentHead,
  FULL_ADDRESS,
  movingMembers,
  movingRows,
  originRows,
  type DocumentContext,
  type Moving,
} from './parts';
import { sheetHtml } from './sheet';
import type { AddressData } from './types';

/** SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA (SKPWNI; domain §3.4, printed on HVS §4.2). */
export const UNVERIFIED = [
  'Susunan SKPWNI (data daerah asal, data kepindahan, anggota yang pindah) dari pengetahuan umum (❓); cocokkan dengan SKPWNI asli dari Disdukcapil OKI.',
  'Permohonan hanya mencatat jumlah anggota yang ikut pindah: daftar anggota diambil dari KK (pemohon lebih dulu) dan harus diperiksa petugas bersama pemohon.',
];

export interface SuratPindahData extends Moving, DocumentContext {
  applicant: { nik: string | null; name: string };
  kkNumber: string | null;
  headName: string | null;
  origin: AddressData | null;
}

export function suratPindahHtml(data: SuratPindahData): Rendered {
  return sheetHtml({
    ...documentHead('SURAT KETERANGAN PINDAH WARGA NEGARA INDONESIA', UNVERIFIED, data),
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA DAERAH ASAL',
        rows: originRows(data, FULL_ADDRESS),
      },
      {
        kind: 'rows',
        heading: 'DATA KEPINDAHAN',
        rows: [
          ...movingRows(data),
          { label: 'Jumlah Anggota yang Pindah', value: String(data.members.length) },
        ],
      },
      movingMembers(data.members),
    ],
  });
}
