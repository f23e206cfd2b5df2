import type { Rendered } from './frame';
import { addressRows, applicantSignatures, FILL_IN, formHead, type SheetContext } from './parts';
import { sheetHtml } from './sheet';
import type { AddressData } from './types';

/** F-1.02 FORMULIR PENDAFTARAN PERISTIWA KEPENDUDUKAN (KK, KTP-el, KIA changes). */
export const UNVERIFIED = [
  'Nomor dan judul formulir dari daftar Permendagri 109/2019 (domain §3.4 🟡); isi formulir ini disusun dari isian permohonan, bukan dari blangko asli. Minta blangko F-1.02 terbaru dari Disdukcapil OKI.',
];

export interface F102Data extends SheetContext {
  applicant: {
    nik: string | null;
    name: string | null;
    kkNumber: string | null;
    phone: string | null;
  };
  address: AddressData | null;
  applicationNumber: string | null;
  /** The catalogue's services of the form, the one applied for checked. */
  services: Array<{ label: string; isChecked: boolean }>;
  /** The application's answers by their catalogue labels, values as printed. */
  details: Array<{ label: string; value: string | null }>;
}

export function f102Html(data: F102Data): Rendered {
  return sheetHtml({
    ...formHead(
      {
        title: 'FORMULIR PENDAFTARAN PERISTIWA KEPENDUDUKAN',
        formCode: 'F-1.02',
        subtitle: data.applicationNumber ? `Nomor permohonan: ${data.applicationNumber}` : FILL_IN,
      },
      UNVERIFIED,
      data,
      applicantSignatures(data.applicant.name),
    ),
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA PEMOHON',
        rows: [
          { label: 'NIK Pemohon', value: data.applicant.nik, boxes: 16 },
          { label: 'Nama Lengkap', value: data.applicant.name },
          { label: 'Nomor Kartu Keluarga', value: data.applicant.kkNumber, boxes: 16 },
          ...addressRows(data.address, ['address', 'rtRw', 'village', 'district']),
          { label: 'Nomor HP', value: data.applicant.phone },
        ],
      },
      { kind: 'checks', heading: 'JENIS PERMOHONAN', items: data.services },
      {
        kind: 'rows',
        heading: 'DATA PERMOHONAN',
        rows: [...data.details, { label: 'Keterangan lain', value: null }],
      },
    ],
  });
}
