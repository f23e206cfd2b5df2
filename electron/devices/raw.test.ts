import { describe, expect, it } from 'vitest';
import type { RawLayout } from '../contract';
import { parseRawReport } from './raw';
import * as fx from '../testing/hid-reports';

const lengthByte: RawLayout = {
  reportId: 0x01,
  offset: 1,
  length: 10,
  lengthByteOffset: 0,
  encoding: 'uid-hex',
};
const lsbFirst: RawLayout = {
  reportId: null,
  offset: 0,
  length: 4,
  lengthByteOffset: null,
  encoding: 'uid-hex-reversed',
};
const posScanner: RawLayout = {
  reportId: 0x02,
  offset: 1,
  length: 60,
  lengthByteOffset: 0,
  encoding: 'ascii',
};

const one = (hex: string) => fx.reports(hex)[0] ?? new Uint8Array();

describe('parseRawReport', () => {
  it('reads UIDs of the length the length byte gives', () => {
    const [seven, four] = fx.reports(fx.RAW_LENGTH_BYTE);
    expect(parseRawReport(seven!, lengthByte)).toEqual({ ok: true, value: '04A1B2C3D4E580' });
    expect(parseRawReport(four!, lengthByte)).toEqual({ ok: true, value: 'A1B2C3D4' });
  });

  it('reads a fixed-length UID sent least significant byte first', () => {
    expect(parseRawReport(one(fx.RAW_LSB_FIRST), lsbFirst)).toEqual({
      ok: true,
      value: '04A1B2C3',
    });
    // The same bytes in report order, for a reader that sends the UID as printed.
    expect(parseRawReport(one(fx.RAW_LSB_FIRST), { ...lsbFirst, encoding: 'uid-hex' })).toEqual({
      ok: true,
      value: 'C3B2A104',
    });
  });

  it('reads a scanner text, trimming the CR the scanner appends', () => {
    expect(parseRawReport(one(fx.RAW_SCANNER_TEXT), posScanner)).toEqual({
      ok: true,
      value: 'A-0042 OKI',
    });
  });

  it.each([
    ['another report id', fx.RAW_STATUS_REPORT, lengthByte, 'other-report'],
    ['no card (length 0)', fx.RAW_NO_CARD, lengthByte, 'empty'],
    ['a report cut short', fx.RAW_TRUNCATED, lengthByte, 'too-short'],
    ['a length byte over the maximum', fx.RAW_BAD_LENGTH, lengthByte, 'bad-length'],
    ['a control byte in a text', fx.RAW_SCANNER_CONTROL, posScanner, 'not-text'],
    ['an all-zero UID', '00 00 00 00 00 00 00 00', lsbFirst, 'empty'],
    ['a report shorter than a fixed layout', 'c3 b2 a1', lsbFirst, 'too-short'],
    ['an empty report with a report id layout', '', lengthByte, 'other-report'],
    ['a report that ends before its length byte', '01', lengthByte, 'too-short'],
  ] as const)('refuses %s with a reason', (_what, hex, layout, reason) => {
    expect(parseRawReport(one(hex), layout)).toEqual({ ok: false, reason });
  });

  it('counts offsets from the byte after the report id', () => {
    const report = Uint8Array.of(0x05, 0xff, 0xff, 0x11, 0x22, 0x33, 0x44);
    const layout: RawLayout = { ...lsbFirst, reportId: 0x05, offset: 2, encoding: 'uid-hex' };
    expect(parseRawReport(report, layout)).toEqual({ ok: true, value: '11223344' });
  });
});
