import type { DocumentKind } from '../../../contract';
import { UNVERIFIED as AKTA_KELAHIRAN } from './akta-kelahiran';
import { UNVERIFIED as AKTA_KEMATIAN } from './akta-kematian';
import { UNVERIFIED as BIODATA } from './biodata';
import { UNVERIFIED as F101 } from './f-1-01';
import { UNVERIFIED as F102 } from './f-1-02';
import { UNVERIFIED as F103 } from './f-1-03';
import { UNVERIFIED as F201 } from './f-2-01';
import { UNVERIFIED as KIA } from './kia';
import { UNVERIFIED as KK } from './kk';
import { UNVERIFIED as KTP_EL } from './ktp-el';
import { UNVERIFIED as SURAT_PINDAH } from './surat-pindah';

/** What each template marks as unverified against a real blank (shown in the preview). */
export const UNVERIFIED: Record<DocumentKind, readonly string[]> = {
  kk: KK,
  biodata: BIODATA,
  'akta-kelahiran': AKTA_KELAHIRAN,
  'akta-kematian': AKTA_KEMATIAN,
  'surat-pindah': SURAT_PINDAH,
  'f-1.01': F101,
  'f-1.02': F102,
  'f-1.03': F103,
  'f-2.01': F201,
  kia: KIA,
  'ktp-el': KTP_EL,
};
