import type {
  IssuedKind,
  LineState,
  Proposal,
} from '../../../../../electron/contract/office/decision';

/** Words and small checks of the decision area (no state). */

/** The document kinds by their printed names (Indonesian, English). */
export const KIND_LABELS: Record<IssuedKind, { id: string; en: string }> = {
  kk: { id: 'Kartu Keluarga', en: 'Family card' },
  biodata: { id: 'Biodata Penduduk', en: 'Resident biodata' },
  'akta-kelahiran': { id: 'Kutipan Akta Kelahiran', en: 'Birth certificate' },
  'akta-kematian': { id: 'Kutipan Akta Kematian', en: 'Death certificate' },
  'surat-pindah': { id: 'Surat Keterangan Pindah', en: 'Moving certificate' },
  kia: { id: 'Kartu Identitas Anak', en: "Child's identity card" },
  'ktp-el': { id: 'KTP-el', en: 'Electronic ID card' },
};

export const ISSUED_KIND_LIST = Object.keys(KIND_LABELS) as IssuedKind[];

export const LINE_LABELS: Record<LineState, { id: string; en: string }> = {
  sesuai: { id: 'Sesuai', en: 'In order' },
  kurang: { id: 'Kurang', en: 'Missing' },
  'tidak-sesuai': { id: 'Tidak sesuai', en: 'Not in order' },
};

export const PROPOSAL_LABELS: Record<Proposal, { id: string; en: string }> = {
  issue: { id: 'Terbitkan', en: 'Issue' },
  return: { id: 'Kembalikan ke stasiun', en: 'Return to the station' },
  reject: { id: 'Tolak', en: 'Reject' },
};

/** Today in Asia/Jakarta (UTC+7), YYYY-MM-DD: the default issue date. */
export function jakartaToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The largest PDF the hub takes (10 MiB), checked here first to say so before the upload. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/** A chosen file as base64, after the checks the hub repeats (size, %PDF- at the start). */
export async function pdfAsBase64(
  file: File,
): Promise<{ ok: true; base64: string } | { ok: false; reason: 'PDF_TOO_LARGE' | 'NOT_A_PDF' }> {
  if (file.size > MAX_PDF_BYTES) return { ok: false, reason: 'PDF_TOO_LARGE' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const head = String.fromCharCode(...bytes.subarray(0, 5));
  if (head !== '%PDF-') return { ok: false, reason: 'NOT_A_PDF' };
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { ok: true, base64: btoa(binary) };
}
