import { createHash } from 'node:crypto';
import { failWith, ok, type Result } from '../../contract';
import { issuedPdf } from '../../../db/queries/sync-pull';
import { escapeHtml } from '../common/html';
import type { CoreDeps } from '../deps';
import { A4_PORTRAIT, type Rendered } from './templates/frame';

/**
 * An issued document the district sent with the PDF SIAK produced (docs/printing.md, "SIAK
 * PDF"): the desk prints exactly those bytes, never its own template, no DRAF. The bytes are
 * hash-checked against the district-signed sha-256 at every print; a mismatch prints nothing.
 */
export interface SiakPdf {
  bytes: Uint8Array;
  sha256: string;
  pages: number;
}

/** The stored PDF of a document whose signed record names `expectedSha256`, checked again. */
export async function siakPdf(
  deps: Pick<CoreDeps, 'db'>,
  documentNumber: string,
  expectedSha256: string,
): Promise<Result<SiakPdf>> {
  const row = await issuedPdf(deps.db, documentNumber);
  if (!row)
    return failWith(
      'CONFLICT',
      'PDF_MISSING',
      `The PDF of ${documentNumber} is not on this station`,
    );
  const bytes = new Uint8Array(row.data);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== expectedSha256 || row.sha256 !== expectedSha256)
    return failWith(
      'CONFLICT',
      'PDF_DAMAGED',
      `The stored PDF of ${documentNumber} does not match the district's signature`,
    );
  return ok({ bytes, sha256, pages: pageCount(bytes) });
}

/**
 * Pages of a PDF, counted by its page objects (`/Type /Page`, not `/Pages`): for the preview's
 * page count only; the bytes are printed as they are.
 */
export function pageCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes).toString('latin1');
  return Math.max(1, (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length);
}

/** What the preview shows instead of a template: which PDF is printed, by number and hash. */
export function siakPdfNotice(documentNumber: string, pdf: SiakPdf): Rendered {
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(documentNumber)}</title>
<style>body{font-family:sans-serif;margin:24mm 18mm;color:#111}h1{font-size:16pt}p{font-size:11pt;line-height:1.5}code{font-size:9pt;word-break:break-all}</style></head>
<body><h1>PDF dari SIAK (TTE) / PDF from SIAK</h1>
<p>Dokumen <strong>${escapeHtml(documentNumber)}</strong> diterbitkan Disdukcapil dengan PDF dari SIAK. Yang dicetak adalah PDF itu persis (${pdf.pages} halaman), bukan templat stasiun.</p>
<p>The document was issued with a PDF from SIAK; exactly that PDF is printed (${pdf.pages} page(s)), not the station's template.</p>
<p>SHA-256: <code>${pdf.sha256}</code></p></body></html>`;
  return { html, pageMm: A4_PORTRAIT, pages: pdf.pages };
}
