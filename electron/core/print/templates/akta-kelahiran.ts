import { markOf, type IssuedMark, type Rendered } from './frame';
import { sheetHtml } from './sheet';
import { dmy } from './text';

/** KUTIPAN AKTA KELAHIRAN (domain §3.4: akta number, NIK, name, place and date, parents, TTE). */
export const UNVERIFIED = [
  'Isi kutipan akta kelahiran hanya dari daftar elemen domain §3.4 (🟡); kalimat dan tata letak bukan dari blangko asli.',
  'Anak ke- dan kewarganegaraan anak tidak dicatat di permohonan; cocokkan dengan kutipan akta asli dari Disdukcapil OKI.',
];

export interface AktaKelahiranData {
  child: {
    nik: string | null;
    name: string;
    sex: string | null;
    birthPlace: string | null;
    birthDate: string | null;
  };
  fatherName: string | null;
  motherName: string | null;
  issued: IssuedMark | null;
  isTraining: boolean;
  placeDate: string;
}

export function aktaKelahiranHtml(data: AktaKelahiranData): Rendered {
  const c = data.child;
  const sex = c.sex ? c.sex.toLowerCase() : '...';
  const parents = [
    data.fatherName ? `ayah ${data.fatherName.toUpperCase()}` : null,
    data.motherName ? `ibu ${data.motherName.toUpperCase()}` : null,
  ]
    .filter((s) => s)
    .join(' dan ');
  return sheetHtml({
    title: 'KUTIPAN AKTA KELAHIRAN',
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
        text: `Berdasarkan pencatatan kelahiran, di ${(c.birthPlace ?? '...').toUpperCase()} pada tanggal ${dmy(c.birthDate)} telah lahir ${c.name.toUpperCase()}, ${sex}, anak dari ${parents || '...'}.`,
      },
      {
        kind: 'rows',
        heading: 'DATA ANAK',
        rows: [
          { label: 'NIK', value: c.nik },
          { label: 'Nama Lengkap', value: c.name },
          { label: 'Jenis Kelamin', value: c.sex },
          { label: 'Tempat Lahir', value: c.birthPlace },
          { label: 'Tanggal Lahir', value: c.birthDate ? dmy(c.birthDate) : null },
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA ORANG TUA',
        rows: [
          { label: 'Nama Ayah', value: data.fatherName },
          { label: 'Nama Ibu', value: data.motherName },
        ],
      },
    ],
  });
}
