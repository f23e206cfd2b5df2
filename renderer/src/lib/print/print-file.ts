import type { DocumentKind, PrintSubject } from '../../../../electron/contract';

/** Millimetres to CSS pixels (96 px per inch). */
export const PX_PER_MM = 96 / 25.4;

/** The preview frame at its printed size, and the scale that fits it into `available` px. */
export function previewBox(
  pageMm: { width: number; height: number },
  pages: number,
  available: number,
): { width: number; height: number; scale: number } {
  const width = pageMm.width * PX_PER_MM;
  const height = pageMm.height * PX_PER_MM * Math.max(1, pages);
  const scale = available > 0 ? Math.min(1, available / width) : 1;
  return { width, height, scale };
}

/**
 * The download's file name: kind, day and copy numbers. No NIK, No. KK or name: file names end
 * up in download lists and recent-file menus.
 */
export function printFileName(kind: DocumentKind, day: string, copyNumbers: number[]): string {
  const first = copyNumbers[0];
  const last = copyNumbers[copyNumbers.length - 1];
  const copies =
    first === undefined
      ? ''
      : `-salinan-${first}${last !== undefined && last !== first ? `-${last}` : ''}`;
  return `${kind}-${day}${copies}.pdf`.replace(/[^0-9A-Za-z.-]/g, '_');
}

/** A key that says which subject a print dialog is about (for `{#key}` and caches). */
export function subjectKey(subject: PrintSubject): string {
  if ('applicationId' in subject) return `application:${subject.applicationId}`;
  if ('kkNumber' in subject) return `kk:${subject.kkNumber}`;
  if ('recordingId' in subject) return `recording:${subject.recordingId}`;
  return `resident:${subject.residentRef}`;
}
