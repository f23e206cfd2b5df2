import type { Rendered } from './frame';
import {
  applicantSignatures,
  formHead,
  movingMembers,
  movingRows,
  originRows,
  type Moving,
  type SheetContext,
} from './parts';
import { sheetHtml } from './sheet';
import type { AddressData } from './types';

/** F-1.03 FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK (moving out, and arrival with an SKPWNI). */
export const UNVERIFIED = [
  'Nomor dan judul formulir dari daftar Permendagri 109/2019 (domain §3.4 🟡); isi dan urutan bukan dari blangko asli. Minta blangko F-1.03 terbaru dari Disdukcapil OKI.',
];

export interface F103Data extends Moving, SheetContext {
  direction: 'keluar' | 'datang';
  applicant: { nik: string | null; name: string | null };
  kkNumber: string | null;
  headName: string | null;
  origin: AddressData | null;
  skpwniNumber: string | null;
}

export function f103Html(data: F103Data): Rendered {
  return sheetHtml({
    ...formHead(
      {
        title: 'FORMULIR PENDAFTARAN PERPINDAHAN PENDUDUK',
        formCode: 'F-1.03',
        subtitle:
          data.direction === 'keluar'
            ? 'Pindah keluar (daerah asal)'
            : 'Pindah datang (daerah tujuan)',
      },
      UNVERIFIED,
      data,
      applicantSignatures(data.applicant.name),
    ),
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA DAERAH ASAL',
        rows: originRows(data, ['address', 'village', 'district', 'regency'], 16),
      },
      {
        kind: 'rows',
        heading: 'DATA KEPINDAHAN',
        rows: [...movingRows(data), { label: 'Nomor SKPWNI', value: data.skpwniNumber }],
      },
      movingMembers(data.members, 3),
    ],
  });
}
