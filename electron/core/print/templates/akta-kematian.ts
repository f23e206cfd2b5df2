import type { Rendered } from './frame';
import { dayValue, documentHead, personRows, type DocumentContext } from './parts';
import { sheetHtml } from './sheet';
import { dmy } from './text';

/** KUTIPAN AKTA KEMATIAN. */
export const UNVERIFIED = [
  'Domain §3.4 tidak mencantumkan isi akta kematian; elemen (NIK, nama, tempat dan tanggal meninggal, pelapor) dan kalimat dari pengetahuan umum (❓). Cocokkan dengan kutipan akta kematian asli dari Disdukcapil OKI.',
];

export interface AktaKematianData extends DocumentContext {
  deceased: {
    nik: string | null;
    name: string;
    sex: string | null;
    birthPlace: string | null;
    birthDate: string | null;
  };
  deathDate: string | null;
  deathPlace: string | null;
  reporterName: string | null;
}

export function aktaKematianHtml(data: AktaKematianData): Rendered {
  const d = data.deceased;
  return sheetHtml({
    ...documentHead('KUTIPAN AKTA KEMATIAN', UNVERIFIED, data),
    blocks: [
      {
        kind: 'text',
        text: `Berdasarkan pelaporan kematian, di ${(data.deathPlace ?? '...').toUpperCase()} pada tanggal ${dmy(data.deathDate)} telah meninggal dunia ${d.name.toUpperCase()}.`,
      },
      {
        kind: 'rows',
        heading: 'DATA YANG MENINGGAL',
        rows: [
          ...personRows(d),
          { label: 'Tanggal Meninggal', value: dayValue(data.deathDate) },
          { label: 'Tempat Meninggal', value: data.deathPlace },
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA PELAPOR',
        rows: [{ label: 'Nama Pelapor', value: data.reporterName }],
      },
    ],
  });
}
