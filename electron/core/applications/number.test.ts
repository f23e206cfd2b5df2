import { describe, expect, it } from 'vitest';
import { isApplicationNumber } from '../kiosk/qr';
import { applicationNumber, numberSequenceName, unitCode } from './number';
import { isJpeg } from './validate';

const unit = { unit_id: '019ad0c0-0000-7000-8000-000000000001', region_code: '1602052011' };

describe('application numbers', () => {
  it('derive the unit code from the village code and the unit id, stably', () => {
    const code = unitCode(unit);
    expect(code).toMatch(/^052011[0-9A-HJKMNP-TV-Z]{3}$/);
    expect(unitCode(unit)).toBe(code);
    expect(unitCode({ ...unit, unit_id: '019ad0c0-0000-7000-8000-000000000002' })).not.toBe(code);
    expect(unitCode({ ...unit, region_code: 'x' })).toMatch(/^000000/);
  });

  it('format as OKI-<unit>-<YYYYMMDD>-<NNNN>, readable by the status link parser', () => {
    const number = applicationNumber('052011ABC', '2026-11-29', 7);
    expect(number).toBe('OKI-052011ABC-20261129-0007');
    expect(isApplicationNumber(number)).toBe(true);
    expect(applicationNumber('052011ABC', '2026-11-29', 9999)).toMatch(/-9999$/);
    expect(() => applicationNumber('052011ABC', '2026-11-29', 10_000)).toThrow(RangeError);
    expect(() => applicationNumber('052011ABC', '2026-11-29', 0)).toThrow(RangeError);
    expect(numberSequenceName('052011ABC', '2026-11-29')).toBe('application:052011ABC:2026-11-29');
  });

  it('recognise JPEG bytes by their start and end markers', () => {
    expect(isJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0xff, 0xd9]))).toBe(true);
    expect(isJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0]))).toBe(false);
    expect(isJpeg(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'))).toBe(false);
    expect(isJpeg(Buffer.alloc(0))).toBe(false);
  });
});
