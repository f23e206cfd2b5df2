import { describe, expect, it } from 'vitest';
import { uidFromText } from './uid-text';

describe('uidFromText', () => {
  it.each([
    ['04A1B2C3D4E580', 'hex', '04A1B2C3D4E580'],
    ['04:a1:b2:c3', 'hex', '04A1B2C3'],
    [' a1 b2 c3 d4 e5 f6 a7 b8 c9 d0 ', 'hex', 'A1B2C3D4E5F6A7B8C9D0'],
    ['0077705923', 'decimal', '04A1B2C3'],
    ['3283263748', 'decimal-reversed', '04A1B2C3'],
    ['4294967295', 'decimal', 'FFFFFFFF'],
    ['0000000001', 'decimal', '00000001'],
    ['0000000001', 'decimal-reversed', '01000000'],
  ] as const)('reads %j (%s) as %s', (text, format, uid) => {
    expect(uidFromText(text, format)).toEqual({ ok: true, uid });
  });

  it.each([
    ['hex of 5 bytes', 'A1B2C3D4E5', 'hex'],
    ['a NIK typed by mistake', '1602055512030001', 'hex'],
    ['9 digits', '077705923', 'decimal'],
    ['11 digits', '00077705923', 'decimal'],
    ['more than 4 bytes', '4294967296', 'decimal'],
    ['hex where digits were expected', '04A1B2C3', 'decimal-reversed'],
  ] as const)('refuses %s', (_what, text, format) => {
    expect(uidFromText(text, format).ok).toBe(false);
  });
});
