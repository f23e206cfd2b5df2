import type { PrintJob } from '../ports';
import {
  rollDocument,
  unitSlip,
  type Bilingual,
  type Block,
  type RollUnit,
} from './receipt-layout';
import { formatJakarta } from '../common/jakarta';

export interface TicketPrint {
  /** `A-001`: per service letter, restarting every day (kiosk-ticket-take). */
  number: string;
  service: Bilingual;
  /** ISO timestamp; printed in Asia/Jakarta time. */
  issuedAt: string;
  waitingAhead: number;
}

export function queueTicketBlocks(ticket: TicketPrint, unit: RollUnit): Block[] {
  const ahead =
    ticket.waitingAhead === 0
      ? 'Tidak ada antrean di depan Anda / No one ahead of you'
      : `${ticket.waitingAhead} orang di depan Anda / ${ticket.waitingAhead} ahead of you`;
  return unitSlip(unit, [
    { kind: 'text', text: 'NOMOR ANTREAN', size: 'l', isBold: true, isCentered: true },
    { kind: 'text', text: 'Queue number', size: 's', isCentered: true },
    { kind: 'text', text: ticket.number, size: 'huge', isBold: true, isCentered: true },
    { kind: 'text', text: ticket.service.id, size: 'l', isBold: true, isCentered: true },
    { kind: 'text', text: ticket.service.en, size: 's', isCentered: true },
    { kind: 'gap', mm: 2 },
    { kind: 'text', text: formatJakarta(ticket.issuedAt), size: 'm', isCentered: true },
    { kind: 'text', text: ahead, size: 's', isCentered: true },
    { kind: 'rule' },
    {
      kind: 'text',
      text: 'Silakan tunggu nomor Anda dipanggil.',
      size: 'l',
      isBold: true,
      isCentered: true,
    },
    { kind: 'text', text: 'Please wait until your number is called.', size: 's', isCentered: true },
    { kind: 'text', text: 'Berlaku hari ini saja / Valid today only', size: 's', isCentered: true },
  ]);
}

/** The 80 mm queue ticket as a complete HTML document. */
export function queueTicketHtml(ticket: TicketPrint, unit: RollUnit): string {
  return rollDocument(`Nomor antrean ${ticket.number}`, queueTicketBlocks(ticket, unit));
}

export function queueTicketPrintJob(ticket: TicketPrint, unit: RollUnit): PrintJob {
  return { kind: 'receipt', copies: 1, html: queueTicketHtml(ticket, unit) };
}
