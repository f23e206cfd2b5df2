import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { HubContext } from '../context';

/**
 * The TTE port (docs/tte.md): what the Head of Dinas's electronic signature through SIAK and BSrE
 * offers the back-office: sign a PDF for a signer, and verify a PDF's signature. The hub holds no
 * BSrE certificate and never makes a look-alike of the official marks; a district that connects
 * SIAK's signing service writes an implementation of this interface. Until then a PDF attached
 * at issue is stored as SIAK produced it, and training hubs and tests use
 * `trainingTteSigner()`, which writes "TTE PELATIHAN / training signature" in plain words.
 */

/** Who signs: the penandatangan's name and jabatan (SIAK/BSrE also want the NIK and passphrase). */
export interface TteSignerInfo {
  name: string;
  title: string;
  /** The signer's NIK, as BSrE identifies certificate holders (a real signer needs it). */
  nik?: string | undefined;
  /** The certificate's passphrase, typed by the signer for one signature; never stored. */
  passphrase?: string | undefined;
}

export interface TteCertificate {
  subject: string;
  issuer: string;
  serial: string;
  validFrom: string;
  validTo: string;
  /** A training certificate: the PDF says so on every page. */
  isTraining: boolean;
}

export interface TteSignature {
  signer: { name: string; title: string };
  certificate: TteCertificate;
  signedAt: string;
}

export type TteVerification =
  | ({ status: 'signed' } & TteSignature)
  | { status: 'unsigned' }
  | { status: 'invalid'; problem: string };

export interface TteSigner {
  /** Shown in the audit: 'training', or the service's name (e.g. 'siak-bsre'). */
  readonly name: string;
  /** Signs a PDF; the answer is the signed PDF (new bytes) and who signed with which certificate. */
  sign(
    pdf: Uint8Array,
    signer: TteSignerInfo,
    at: Date,
  ): Promise<{ pdf: Uint8Array } & TteSignature>;
  /** Reads a PDF's signature: signed (by whom), unsigned, or invalid (tampered, unreadable). */
  verify(pdf: Uint8Array): Promise<TteVerification>;
}

const signers = new WeakMap<HubContext, TteSigner>();

/** Connects a signer to a hub (`serve --tte training`, tests); none by default. */
export function useTteSigner(hub: HubContext, signer: TteSigner | null): void {
  if (signer) signers.set(hub, signer);
  else signers.delete(hub);
}

export function tteSignerOf(hub: HubContext): TteSigner | null {
  return signers.get(hub) ?? null;
}

const MARK = 'lakon-mandira-tte-pelatihan';
export const TRAINING_TEXT = 'TTE PELATIHAN / training signature';

/**
 * The fake for tests and training. It stamps every page with a plain box: "TTE PELATIHAN /
 * training signature", the signer, the time and "bukan tanda tangan elektronik resmi / not an
 * official electronic signature". No QR, no logo, no BSrE wording: nobody can take it for the
 * real TTE. Its certificate says PELATIHAN in every field.
 */
export function trainingTteSigner(): TteSigner {
  return {
    name: 'training',
    async sign(pdf, signer, at) {
      const document = await PDFDocument.load(pdf, { updateMetadata: false });
      const font = await document.embedFont(StandardFonts.Helvetica);
      const bold = await document.embedFont(StandardFonts.HelveticaBold);
      const signedAt = at.toISOString();
      const lines = [
        `${signer.name.slice(0, 80)}, ${signer.title.slice(0, 80)}`,
        `${signedAt} - bukan tanda tangan elektronik resmi / not an official electronic signature`,
      ];
      for (const page of document.getPages()) {
        const { width } = page.getSize();
        const boxWidth = Math.min(width - 24, 460);
        page.drawRectangle({
          x: 12,
          y: 10,
          width: boxWidth,
          height: 40,
          color: rgb(1, 1, 1),
          borderColor: rgb(0.6, 0, 0),
          borderWidth: 1,
        });
        page.drawText(TRAINING_TEXT, { x: 18, y: 37, size: 9, font: bold, color: rgb(0.6, 0, 0) });
        lines.forEach((line, i) =>
          page.drawText(line, { x: 18, y: 26 - i * 10, size: 6.5, font, maxWidth: boxWidth - 12 }),
        );
      }
      const signature: TteSignature = {
        signer: { name: signer.name, title: signer.title },
        certificate: trainingCertificate(signer.name, at),
        signedAt,
      };
      document.setKeywords([MARK]);
      document.setSubject(JSON.stringify(signature));
      document.setModificationDate(at);
      return { pdf: await document.save({ useObjectStreams: false }), ...signature };
    },
    async verify(pdf) {
      let document: PDFDocument;
      try {
        document = await PDFDocument.load(pdf, { updateMetadata: false });
        // pdf-lib loads much that is not a PDF; one without a page tree fails here.
        if (document.getPageCount() === 0) throw new Error('no pages');
      } catch (error) {
        return { status: 'invalid', problem: `unreadable PDF: ${String(error).slice(0, 120)}` };
      }
      if (!(document.getKeywords() ?? '').includes(MARK)) return { status: 'unsigned' };
      try {
        const signature = JSON.parse(document.getSubject() ?? '') as TteSignature;
        return { status: 'signed', ...signature };
      } catch {
        return { status: 'invalid', problem: 'training mark without its signer' };
      }
    },
  };
}

function trainingCertificate(name: string, at: Date): TteCertificate {
  const year = at.getUTCFullYear();
  return {
    subject: `PELATIHAN ${name}`.slice(0, 120),
    issuer: 'PELATIHAN Lakon Mandira (bukan BSrE / not BSrE)',
    serial: 'PELATIHAN',
    validFrom: `${year}-01-01`,
    validTo: `${year}-12-31`,
    isTraining: true,
  };
}
