import { markOf, type IssuedMark, type Rendered } from './frame';
import { sheetHtml } from './sheet';
import { dmy } from './text';

/** KUTIPAN AKTA KEMATIAN. */
export const UNVERIFIED = [
  'Domain §3.4 tidak mencantumkan isi akta kematian; elemen (NIK, nama, tempat dan tanggal meninggal, pelapor) dan kalimat dari pengetahuan umum (❓). Cocokkan dengan kutipan akta kematian asli dari Disdukcapil OKI.',
];

export interface AktaKematianData {
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
  issued: IssuedMark | null;
  isTraining: boolean;
  placeDate: string;
}

export function aktaKematianHtml(data: AktaKematianData): Rendered {
  const d = data.deceased;
  return sheetHtml({
    title: 'KUTIPAN AKTA KEMATIAN',
    formCode: null,
    subtitle: `Nomor: ${data.issued?.documentNumber ?? '(diberikan setelah diterbitkan)'}`,
    mark: markOf(data.issued),
    isTraining: data.isTraining,
    unverified: UNVERIFIED,
    placeDate: data.placeDate,
    signatures: [],
    blocks: [
      {
        kind: 'text',
        text: `Berdasarkan pelaporan kematian, di ${(data.deathPlace ?? '...').toUpperCase()} pada tanggal ${dmy(data.deathDate)} telah meninggal dunia ${d.name.toUpperCase()}.`,
      },
      {
        kind: 'rows',
        heading: 'DATA YANG MENINGGAL',
        rows: [
          { label: 'NIK', value: d.nik },
          { label: 'Nama Lengkap', value: d.name },
          { label: 'Jenis Kelamin', value: d.sex },
          { label: 'Tempat Lahir', value: d.birthPlace },
          { label: 'Tanggal Lahir', value: d.birthDate ? dmy(d.birthDate) : null },
          { label: 'Tanggal Meninggal', value: data.deathDate ? dmy(data.deathDate) : null },
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
