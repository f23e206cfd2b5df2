import type { DocumentKind, LocalText, PrintableDocument } from '../../contract';

/** Every printable kind: its title and paper (document A4, form A4, card CR80). */
export const KINDS: Record<DocumentKind, { title: LocalText; paper: PrintableDocument['paper'] }> =
  {
    kk: { title: { id: 'Kartu Keluarga', en: 'Family card' }, paper: 'document' },
    biodata: { title: { id: 'Biodata Penduduk WNI', en: 'Resident biodata' }, paper: 'document' },
    'akta-kelahiran': {
      title: { id: 'Kutipan Akta Kelahiran', en: 'Birth certificate (extract)' },
      paper: 'document',
    },
    'akta-kematian': {
      title: { id: 'Kutipan Akta Kematian', en: 'Death certificate (extract)' },
      paper: 'document',
    },
    'surat-pindah': {
      title: { id: 'Surat Keterangan Pindah WNI', en: 'Moving certificate (SKPWNI)' },
      paper: 'document',
    },
    'f-1.01': {
      title: { id: 'F-1.01 Formulir Biodata Keluarga', en: 'F-1.01 Family biodata form' },
      paper: 'form',
    },
    'f-1.02': {
      title: {
        id: 'F-1.02 Formulir Pendaftaran Peristiwa Kependudukan',
        en: 'F-1.02 Population event registration form',
      },
      paper: 'form',
    },
    'f-1.03': {
      title: {
        id: 'F-1.03 Formulir Pendaftaran Perpindahan Penduduk',
        en: 'F-1.03 Moving registration form',
      },
      paper: 'form',
    },
    'f-2.01': {
      title: {
        id: 'F-2.01 Formulir Pelaporan Pencatatan Sipil',
        en: 'F-2.01 Civil registration report form',
      },
      paper: 'form',
    },
    kia: {
      title: { id: 'Kartu Identitas Anak (KIA)', en: 'Child identity card (KIA)' },
      paper: 'card',
    },
    'ktp-el': {
      title: { id: 'Kartu Tanda Penduduk Elektronik (KTP-el)', en: 'Electronic identity card' },
      paper: 'card',
    },
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
