import type { OfficeRole } from '../../../../electron/contract/office';
import type { Bilingual } from './reasons';

/** The back-office roles as staff call them (Indonesian first), and what each may do. */
export const ROLE_LABELS: Record<OfficeRole, Bilingual> = {
  verifikator: { id: 'Verifikator', en: 'Verifier' },
  penandatangan: { id: 'Penandatangan', en: 'Signatory' },
  admin: { id: 'Administrator', en: 'Administrator' },
  pemantau: { id: 'Pemantau', en: 'Monitor' },
};

export const ROLE_HELP: Record<OfficeRole, Bilingual> = {
  verifikator: {
    id: 'Memeriksa permohonan dan mengusulkan terbit, kembalikan atau tolak.',
    en: 'Checks applications and proposes issue, return or reject.',
  },
  penandatangan: {
    id: 'Menerbitkan atau menolak permohonan (Kasi/Kabid).',
    en: 'Issues or rejects applications (section or division head).',
  },
  admin: {
    id: 'Mengelola stasiun, kunci dan akun.',
    en: 'Manages stations, keys and accounts.',
  },
  pemantau: { id: 'Melihat laporan saja.', en: 'Views reports only.' },
};
