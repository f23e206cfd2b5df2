import type { Rendered } from './frame';
import { documentHead, personRows, type DocumentContext } from './parts';
import { sheetHtml } from './sheet';
import { dmy } from './text';

/** KUTIPAN AKTA KELAHIRAN (domain §3.4: akta number, NIK, name, place and date, parents, TTE). */
export const UNVERIFIED = [
  'Isi kutipan akta kelahiran hanya dari daftar elemen domain §3.4 (🟡); kalimat dan tata letak bukan dari blangko asli.',
  'Anak ke- dan kewarganegaraan anak tidak dicatat di permohonan; cocokkan dengan kutipan akta asli dari Disdukcapil OKI.',
];

export interface AktaKelahiranData extends DocumentContext {
  child: {
    nik: string | null;
    name: string;
    sex: string | null;
    birthPlace: string | null;
    birthDate: string | null;
  };
  fatherName: string | null;
  motherName: string | null;
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
    ...documentHead('KUTIPAN AKTA KELAHIRAN', UNVERIFIED, data),
    blocks: [
      {
        kind: 'text',
        text: `Berdasarkan pencatatan kelahiran, di ${(c.birthPlace ?? '...').toUpperCase()} pada tanggal ${dmy(c.birthDate)} telah lahir ${c.name.toUpperCase()}, ${sex}, anak dari ${parents || '...'}.`,
      },
      {
        kind: 'rows',
        heading: 'DATA ANAK',
        rows: personRows(c),
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
