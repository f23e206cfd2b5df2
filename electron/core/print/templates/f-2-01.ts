import type { Rendered } from './frame';
import { birthRows, dayValue, formHead, personRows, type SheetContext } from './parts';
import { sheetHtml, type SheetRow } from './sheet';

/** F-2.01 FORMULIR PELAPORAN PENCATATAN SIPIL DI DALAM WILAYAH NKRI (birth and death reports). */
export const UNVERIFIED = [
  'Nomor F-2.01 dan judulnya dari pengetahuan umum tentang lampiran Permendagri 108/2019, tidak ada di domain.md (❓); isi dan urutan bukan dari blangko asli.',
  'Dua saksi dan tanda tangannya dari syarat SPTJM (domain §3.4); cocokkan dengan blangko F-2.01 dari Disdukcapil OKI.',
];

export interface F201Data extends SheetContext {
  event: 'kelahiran' | 'kematian';
  reporter: { nik: string | null; name: string | null; relationship: string | null };
  /** Kelahiran: the child; kematian: the deceased. */
  subject: {
    nik: string | null;
    name: string | null;
    sex: string | null;
    birthPlace: string | null;
    birthDate: string | null;
  };
  father: { nik: string | null; name: string | null };
  mother: { nik: string | null; name: string | null };
  /** Kematian only. */
  death: { date: string | null; place: string | null };
}

const person = (p: { nik: string | null; name: string | null }, who: string): SheetRow[] => [
  { label: `NIK ${who}`, value: p.nik, boxes: 16 },
  { label: `Nama Lengkap ${who}`, value: p.name },
];

export function f201Html(data: F201Data): Rendered {
  const s = data.subject;
  const isBirth = data.event === 'kelahiran';
  const subjectRows: SheetRow[] = [
    ...(isBirth ? birthRows(s) : personRows(s, 16)),
    ...(isBirth
      ? [
          { label: 'Jenis Kelahiran (tunggal/kembar)', value: null },
          { label: 'Kelahiran ke-', value: null },
          { label: 'Penolong Kelahiran', value: null },
        ]
      : [
          { label: 'Tanggal Meninggal', value: dayValue(data.death.date) },
          { label: 'Tempat Meninggal', value: data.death.place },
          { label: 'Sebab Kematian', value: null },
          { label: 'Yang Menerangkan', value: null },
        ]),
  ];
  return sheetHtml({
    ...formHead(
      {
        title: 'FORMULIR PELAPORAN PENCATATAN SIPIL DI DALAM WILAYAH NKRI',
        formCode: 'F-2.01',
        subtitle: isBirth ? 'Jenis pelaporan: KELAHIRAN' : 'Jenis pelaporan: KEMATIAN',
      },
      UNVERIFIED,
      data,
      [
        { role: 'Pelapor', name: data.reporter.name },
        { role: 'Saksi I', name: null },
        { role: 'Saksi II', name: null },
        { role: 'Petugas', name: null },
      ],
    ),
    blocks: [
      {
        kind: 'rows',
        heading: 'DATA PELAPOR',
        rows: [
          ...person(data.reporter, 'Pelapor'),
          { label: 'Hubungan dengan yang dilaporkan', value: data.reporter.relationship },
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA SAKSI',
        rows: [
          ...person({ nik: null, name: null }, 'Saksi I'),
          ...person({ nik: null, name: null }, 'Saksi II'),
        ],
      },
      {
        kind: 'rows',
        heading: 'DATA ORANG TUA',
        rows: [...person(data.father, 'Ayah'), ...person(data.mother, 'Ibu')],
      },
      { kind: 'rows', heading: isBirth ? 'DATA ANAK' : 'DATA KEMATIAN', rows: subjectRows },
    ],
  });
}
