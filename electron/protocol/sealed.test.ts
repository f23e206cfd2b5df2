import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyPairFromSeed } from './packet/keys';
import { isSealedBox, openSealed, sealTo } from './sealed';

describe('sealed boxes for one station', () => {
  const seed = randomBytes(32);
  const station = keyPairFromSeed('x25519', seed);

  it('opens only with the recipient key and the same context', () => {
    const box = sealTo(station.publicRaw, Buffer.from('{"nik":"1602"}'), 'updates:UNIT-1');
    expect(isSealedBox(JSON.parse(JSON.stringify(box)))).toBe(true);
    expect(box.ct).not.toContain('1602');
    expect(openSealed(seed, box, 'updates:UNIT-1')?.toString()).toBe('{"nik":"1602"}');
    expect(openSealed(randomBytes(32), box, 'updates:UNIT-1')).toBeNull();
    expect(openSealed(seed, box, 'updates:UNIT-2')).toBeNull();
  });

  it('refuses a flipped byte and malformed fields', () => {
    const box = sealTo(station.publicRaw, Buffer.from('data'), 'c');
    const ct = Buffer.from(box.ct, 'base64');
    ct[0] = (ct[0] ?? 0) ^ 1;
    expect(openSealed(seed, { ...box, ct: ct.toString('base64') }, 'c')).toBeNull();
    expect(openSealed(seed, { ...box, epk: 'AAAA' }, 'c')).toBeNull();
    expect(isSealedBox({ ...box, extra: 1 })).toBe(false);
  });
});
