import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, hashPin, parseHash, verifyPin } from './pin';

const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('PIN hashes', () => {
  it('writes scrypt$N$r$p$salt$hash and verifies the same PIN only', async () => {
    const stored = await hashPin('482913', CHEAP);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPin('482913', stored)).toBe(true);
    expect(await verifyPin('482914', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = [await hashPin('482913', CHEAP), await hashPin('482913', CHEAP)];
    expect(a).not.toBe(b);
    expect(await verifyPin('482913', b)).toBe(true);
  });

  it('verifies with the parameters stored in the hash, so a cost change keeps old PINs', async () => {
    const older = await hashPin('kata-sandi-panjang', { N: 2 ** 11, r: 8, p: 1 });
    expect(parseHash(older)?.params).toEqual({ N: 2048, r: 8, p: 1 });
    expect(await verifyPin('kata-sandi-panjang', older)).toBe(true);
  });

  it('uses N=2^15, r=8, p=1 by default', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 32768, r: 8, p: 1 });
    // The real cost once, to prove Node's memory limit does not refuse it.
    expect(await verifyPin('482913', await hashPin('482913'))).toBe(true);
  });

  it.each([
    '',
    'plain',
    'bcrypt$1024$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
    'scrypt$1000$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==',
    `scrypt$${2 ** 24}$8$1$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==`,
    'scrypt$1024$8$1$$aGFzaGhhc2hoYXNoaGFzaA==',
    'scrypt$1024$8$1$c2FsdHNhbHQ=$',
  ])('treats the malformed hash %j as no match', async (stored) => {
    expect(await verifyPin('482913', stored)).toBe(false);
  });
});
