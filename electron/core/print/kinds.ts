import type { DocumentKind, LocalText, PrintableDocument } from '../../contract';

type Kind = { title: LocalText; paper: PrintableDocument['paper'] };

const kindOn =
  (paper: Kind['paper']) =>
  (id: string, en: string): Kind => ({ title: { id, en }, paper });
const doc = kindOn('document');
const form = kindOn('form');
const card = kindOn('card');

/** Every printable kind: its title and paper (document A4, form A4, card CR80). */
export const KINDS: Record<DocumentKind, Kind> = {
  kk: doc('Kartu Keluarga', 'Family card'),
  biodata: doc('Biodata Penduduk WNI', 'Resident biodata'),
  'akta-kelahiran': doc('Kutipan Akta Kelahiran', 'Birth certificate (extract)'),
  'akta-kematian': doc('Kutipan Akta Kematian', 'Death certificate (extract)'),
  'surat-pindah': doc('Surat Keterangan Pindah WNI', 'Moving certificate (SKPWNI)'),
  'f-1.01': form('F-1.01 Formulir Biodata Keluarga', 'F-1.01 Family biodata form'),
  'f-1.02': form(
    'F-1.02 Formulir Pendaftaran Peristiwa Kependudukan',
    'F-1.02 Population event registration form',
  ),
  'f-1.03': form(
    'F-1.03 Formulir Pendaftaran Perpindahan Penduduk',
    'F-1.03 Moving registration form',
  ),
  'f-2.01': form(
    'F-2.01 Formulir Pelaporan Pencatatan Sipil',
    'F-2.01 Civil registration report form',
  ),
  kia: card('Kartu Identitas Anak (KIA)', 'Child identity card (KIA)'),
  'ktp-el': card('Kartu Tanda Penduduk Elektronik (KTP-el)', 'Electronic identity card'),
};

export const DOCUMENT_KINDS = Object.keys(KINDS) as DocumentKind[];

/** What an application can print, by its service (docs/printing.md). */
export function kindsForService(code: string): DocumentKind[] {
  if (code === 'kk-baru') return ['kk', 'f-1.02', 'f-1.01'];
  if (code.startsWith('kk-')) return ['kk', 'f-1.02'];
  if (code === 'biodata-baru') return ['biodata', 'f-1.01'];
  if (code.startsWith('ktp-el-')) return ['f-1.02'];
  if (code.startsWith('kia-')) return ['kia', 'f-1.02'];
  if (code === 'akta-kelahiran') return ['akta-kelahiran', 'f-2.01'];
  if (code === 'akta-kematian') return ['akta-kematian', 'f-2.01'];
  if (code === 'pindah-keluar') return ['surat-pindah', 'f-1.03'];
  if (code === 'pindah-datang') return ['f-1.03'];
  return [];
}
