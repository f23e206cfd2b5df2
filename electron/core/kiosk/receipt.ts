import type { PrintJob } from '../ports';
import { formatCheck, statusCheckFor, statusLinkFor } from './qr';
import {
  rollDocument,
  unitSlip,
  type Bilingual,
  type Block,
  type RollUnit,
} from './receipt-layout';
import { maskNik } from '../common/mask';
import { qrSvg } from '../common/qr-svg';
import { formatJakarta } from '../common/jakarta';

export interface ReceiptData {
  unit: RollUnit;
  /** As issued by the unit, e.g. OKI-KJU01-20261129-0001. */
  applicationNumber: string;
  service: Bilingual;
  /** Full name as registered; the receipt prints the first name and initials. */
  applicantName: string;
  /** The full NIK: the receipt masks it itself, so no caller can forget to. */
  nik: string;
  /** ISO timestamp; printed in Asia/Jakarta time. */
  submittedAt: string;
  /** Official document names (Indonesian, as printed on the documents). */
  requirements: { handedIn: readonly string[]; missing: readonly string[] };
  nextSteps: Bilingual;
}

export interface ReceiptOptions {
  /** The unit's status-check key (KeyStore), at least 16 bytes. */
  statusKey: Uint8Array;
}

const QR_MM = 34;

/** `SITI RAHMAWATI AMINAH` → `SITI R. A.`: enough for the desk to match, little for a finder. */
export function shortName(fullName: string): string {
  const [first = '', ...rest] = fullName.trim().split(/\s+/);
  return [first, ...rest.map((word) => `${[...word][0] ?? ''}.`)].join(' ');
}

function requirementBlocks(title: Bilingual, items: readonly string[], marker: string): Block[] {
  const list: Block[] =
    items.length > 0
      ? items.map((text) => ({ kind: 'item', text, size: 'm', marker }))
      : [{ kind: 'item', text: 'tidak ada / none', size: 'm', marker: '-' }];
  return [{ kind: 'text', text: `${title.id} / ${title.en}`, size: 's', isBold: true }, ...list];
}

export function receiptBlocks(data: ReceiptData, options: ReceiptOptions): Block[] {
  const link = statusLinkFor(data.applicationNumber, options.statusKey);
  const check = formatCheck(statusCheckFor(data.applicationNumber, options.statusKey));
  const { handedIn, missing } = data.requirements;
  return unitSlip(
    data.unit,
    [
      { kind: 'text', text: 'TANDA TERIMA PERMOHONAN', size: 'l', isBold: true, isCentered: true },
      { kind: 'text', text: 'Application receipt', size: 's', isCentered: true },
      { kind: 'rule' },
      { kind: 'text', text: 'Nomor permohonan / Application no.', size: 's' },
      { kind: 'fit', text: data.applicationNumber, size: 'xl', isBold: true },
      { kind: 'text', text: `Kode cek / Check code: ${check}`, size: 'm' },
      { kind: 'gap', mm: 2 },
      { kind: 'text', text: 'Layanan / Service', size: 's' },
      { kind: 'text', text: data.service.id, size: 'm', isBold: true },
      { kind: 'text', text: data.service.en, size: 's' },
      { kind: 'gap', mm: 2 },
      { kind: 'text', text: 'Pemohon / Applicant', size: 's' },
      { kind: 'text', text: shortName(data.applicantName), size: 'm', isBold: true },
      { kind: 'text', text: `NIK ${maskNik(data.nik)}`, size: 'm' },
      { kind: 'gap', mm: 2 },
      { kind: 'text', text: 'Diterima / Received', size: 's' },
      { kind: 'text', text: formatJakarta(data.submittedAt), size: 'm' },
      { kind: 'rule' },
      ...requirementBlocks({ id: 'Berkas diserahkan', en: 'Handed in' }, handedIn, '+'),
      { kind: 'gap', mm: 2 },
      ...requirementBlocks({ id: 'Berkas masih kurang', en: 'Still missing' }, missing, '!'),
      ...(missing.length > 0
        ? [
            {
              kind: 'text',
              text: 'Bawa berkas yang kurang saat kembali. / Bring the missing documents when you return.',
              size: 's',
            } satisfies Block,
          ]
        : []),
      { kind: 'rule' },
      { kind: 'text', text: 'Langkah berikutnya / Next steps', size: 's', isBold: true },
      { kind: 'text', text: data.nextSteps.id, size: 'm' },
      { kind: 'text', text: data.nextSteps.en, size: 's' },
    ],
    [
      { kind: 'rule' },
      { kind: 'html', html: `<div class="qr">${qrSvg(link, QR_MM)}</div>`, heightMm: QR_MM },
      {
        kind: 'text',
        text: 'Pindai untuk cek status / Scan to check the status',
        size: 's',
        isCentered: true,
      },
      { kind: 'text', text: link, size: 's', isCentered: true },
      {
        kind: 'text',
        text: 'Kode QR ini bukan tanda tangan elektronik (TTE). / This QR code is not an electronic signature.',
        size: 's',
        isCentered: true,
      },
    ],
  );
}

/** The 80 mm receipt as a complete HTML document (no scripts, no external resources). */
export function receiptHtml(data: ReceiptData, options: ReceiptOptions): string {
  return rollDocument(`Tanda terima ${data.applicationNumber}`, receiptBlocks(data, options));
}

export function receiptPrintJob(data: ReceiptData, options: ReceiptOptions): PrintJob {
  return { kind: 'receipt', copies: 1, html: receiptHtml(data, options) };
}
