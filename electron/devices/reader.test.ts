import { describe, expect, it } from 'vitest';
import type { DeviceConfig } from '../contract';
import { ReportReader } from './reader';
import { reports, WEDGE_CARD_DECIMAL_KEYPAD, WEDGE_SCANNER_SYMBOLS } from '../testing/hid-reports';
import { wedgeReportsFor } from './wedge';

const WEDGE: DeviceConfig = {
  vendorId: 1,
  productId: 2,
  format: 'wedge',
  raw: null,
  uidText: 'decimal',
  label: 'x',
  desk: 'meja-1',
  isForKiosk: false,
};
const RAW_TEXT: DeviceConfig = {
  ...WEDGE,
  format: 'raw',
  uidText: null,
  raw: { reportId: null, offset: 0, length: 16, lengthByteOffset: null, encoding: 'ascii' },
};

function feed(reader: ReportReader, list: Uint8Array[], at = 0) {
  return list.map((r, i) => reader.report(r, at + i * 8)).filter((o) => o.kind !== 'none');
}

describe('ReportReader', () => {
  it("turns a decimal wedge reader's digits into the UID in stored form", () => {
    const reader = new ReportReader('card-reader', WEDGE);
    expect(feed(reader, reports(WEDGE_CARD_DECIMAL_KEYPAD))).toEqual([
      { kind: 'value', value: '04A1B2C3' },
    ]);
  });

  it('gives a scanner its text, trimmed, and never a UID rule', () => {
    const reader = new ReportReader('scanner', { ...WEDGE, uidText: null });
    expect(feed(reader, reports(WEDGE_SCANNER_SYMBOLS))).toEqual([
      { kind: 'value', value: 'LM1|A-0042|"Kijang Ulu"?_ok' },
    ]);
    expect(feed(reader, wedgeReportsFor('  spasi  ') ?? [])).toEqual([
      { kind: 'value', value: 'spasi' },
    ]);
  });

  it('reads a raw card reader that reports the UID as hex text, and refuses other text', () => {
    const reader = new ReportReader('card-reader', RAW_TEXT);
    const text = (s: string) =>
      Uint8Array.from([...s.padEnd(16, '\0')].map((c) => c.charCodeAt(0)));
    expect(reader.report(text('04a1b2c3'), 0)).toEqual({ kind: 'value', value: '04A1B2C3' });
    expect(reader.report(text('hello'), 2_000)).toEqual({
      kind: 'refused',
      reason: 'not a 4, 7 or 10 byte UID',
    });
  });

  it('counts a raw repeat as one tap only while it keeps coming within a second', () => {
    const reader = new ReportReader('card-reader', {
      ...RAW_TEXT,
      raw: { reportId: null, offset: 0, length: 4, lengthByteOffset: null, encoding: 'uid-hex' },
    });
    const card = Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4);
    const kinds = [0, 300, 900, 1_500, 2_600].map((at) => reader.report(card, at).kind);
    expect(kinds).toEqual(['value', 'none', 'none', 'none', 'value']);
  });
});
