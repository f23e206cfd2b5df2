import { describe, expect, it } from 'vitest';
import { isRandomUid, normalizeUid } from './card';

describe('normalizeUid', () => {
  it.each([
    ['04:a1:b2:c3:d4:e5:80', '04A1B2C3D4E580'],
    ['A1B2C3D4', 'A1B2C3D4'],
    ['a1 b2 c3 d4', 'A1B2C3D4'],
    ['04-A1-B2-C3-D4-E5-80', '04A1B2C3D4E580'],
    ['  04a1b2c3d4e580\n', '04A1B2C3D4E580'],
    ['0102030405060708090A', '0102030405060708090A'],
  ])('reads %j as %s', (text, uid) => {
    expect(normalizeUid(text)).toBe(uid);
  });

  it.each([
    ['empty', ''],
    ['separators only', ' : - '],
    ['not hex', 'G1B2C3D4'],
    ['junk', 'hello world!'],
    ['a NIK', '1602055512030001'],
    ['3 bytes', 'A1B2C3'],
    ['5 bytes', 'A1B2C3D4E5'],
    ['odd length', 'A1B2C3D4E'],
    ['8 bytes', '04A1B2C3D4E58011'],
    ['11 bytes', '0102030405060708090A0B'],
    ['a 0x prefix', '0xA1B2C3D4'],
    ['other separators', 'A1.B2.C3.D4'],
  ])('refuses %s', (_what, text) => {
    expect(normalizeUid(text)).toBeNull();
  });
});

describe('isRandomUid', () => {
  it('knows the 4-byte random IDs (first byte 08) and nothing else', () => {
    expect(isRandomUid('08A1B2C3')).toBe(true);
    expect(isRandomUid('A1B2C3D4')).toBe(false);
    expect(isRandomUid('08A1B2C3D4E580')).toBe(false);
  });
});
