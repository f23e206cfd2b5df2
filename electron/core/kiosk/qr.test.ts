import { describe, expect, it } from 'vitest';
import {
  formatCheck,
  parseStatusLink,
  statusCheckFor,
  statusLinkFor,
  verifyStatusCheck,
} from './qr';

const key = Buffer.alloc(32, 7);
const otherKey = Buffer.alloc(32, 8);
const number = 'OKI-KJU01-20261129-0007';

describe('status link', () => {
  it('has the documented shape, frozen by a known value', () => {
    // Changing the HMAC tag, truncation or alphabet breaks every receipt already printed.
    expect(statusLinkFor(number, key)).toBe('LAKONMANDIRA:STATUS/OKI-KJU01-20261129-0007/5V8AKWAS');
    expect(formatCheck(statusCheckFor(number, key))).toBe('5V8A-KWAS');
  });

  it('round-trips, also when a scanner flips the case', () => {
    const link = statusLinkFor(number, key);
    expect(parseStatusLink(link, key)).toEqual({ ok: true, value: { number, check: '5V8AKWAS' } });
    expect(parseStatusLink(` ${link.toLowerCase()}\r\n`, key)).toEqual({
      ok: true,
      value: { number, check: '5V8AKWAS' },
    });
  });

  it('refuses a changed number, a changed check and another unit key', () => {
    const link = statusLinkFor(number, key);
    expect(parseStatusLink(link.replace('0007/', '0008/'), key)).toEqual({
      ok: false,
      error: 'BAD_CHECK',
    });
    expect(parseStatusLink(link.replace('5V8AKWAS', '5V8AKWAT'), key)).toEqual({
      ok: false,
      error: 'BAD_CHECK',
    });
    expect(parseStatusLink(link, otherKey)).toEqual({ ok: false, error: 'BAD_CHECK' });
  });

  it('refuses text that is not a status link', () => {
    for (const text of [
      '',
      number,
      'https://example.org/status?no=OKI-KJU01-20261129-0007',
      'LAKONMANDIRA:STATUS/',
      'LAKONMANDIRA:STATUS/OKI-KJU01-20261129-0007',
      'LAKONMANDIRA:STATUS/OKI/KJU01/5V8AKWAS',
    ]) {
      expect(parseStatusLink(text, key).ok, text).toBe(false);
    }
    expect(parseStatusLink('LAKONMANDIRA:STATUS/OKI KJU/5V8AKWAS', key)).toEqual({
      ok: false,
      error: 'BAD_NUMBER',
    });
    expect(parseStatusLink('LAKONMANDIRA:STATUS/-OKI/5V8AKWAS', key)).toEqual({
      ok: false,
      error: 'BAD_NUMBER',
    });
  });

  it('accepts a typed check with look-alike letters, spaces and the hyphen', () => {
    expect(verifyStatusCheck(number, '5v8a-kwas', key)).toBe(true);
    expect(verifyStatusCheck(number, ' 5V8A KWAS ', key)).toBe(true);
    // OKI-KJU01-20261129-0002 has the check 10ECCMW5: typed as lO-ECC-MW5 it still matches.
    expect(statusCheckFor('OKI-KJU01-20261129-0002', key)).toBe('10ECCMW5');
    expect(verifyStatusCheck('OKI-KJU01-20261129-0002', 'lO-ECC-MW5', key)).toBe(true);
    expect(verifyStatusCheck('OKI-KJU01-20261129-0002', 'IOECCMW5', key)).toBe(true);
    expect(verifyStatusCheck(number, '5V8A-KWA', key)).toBe(false);
    expect(verifyStatusCheck(number, '5V8A-KWAŠ', key)).toBe(false);
  });

  it('treats a malformed number or a short key as a bug', () => {
    expect(() => statusLinkFor('oki-kju01-1', key)).toThrow(/application number/);
    expect(() => statusLinkFor(number, Buffer.alloc(8))).toThrow(/16 bytes/);
  });
});
