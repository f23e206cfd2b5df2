import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyStore } from '../protocol/key-store.file';
import { ipBytes } from './der';
import { certificateNames, lanAddresses, loadOrMakeCertificate, makeCertificate } from './lan-cert';

const NOW = new Date('2026-12-08T03:00:00.000Z');

function world() {
  const data = mkdtempSync(join(tmpdir(), 'lm-lan-cert-'));
  return {
    dir: join(data, 'lan-tls'),
    keyStore: new FileKeyStore(join(data, 'keys')),
  };
}

describe('the station LAN certificate', () => {
  it('is a valid self-signed ECDSA P-256 server certificate for the given names, two years long', () => {
    const made = makeCertificate(
      ['localhost', '127.0.0.1', '::1', '192.0.2.2', 'stasiun.lan'],
      NOW,
    );
    const x509 = new X509Certificate(made.cert);
    expect(x509.verify(x509.publicKey)).toBe(true);
    expect(x509.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(x509.checkHost('stasiun.lan')).toBe('stasiun.lan');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkIP('192.0.2.2')).toBe('192.0.2.2');
    expect(x509.checkIP('::1')).toBeDefined();
    expect(x509.checkIP('192.0.2.3')).toBeUndefined();
    expect(x509.checkHost('evil.example')).toBeUndefined();
    expect(x509.ca).toBe(false);
    expect(x509.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    const days = (Date.parse(x509.validTo) - Date.parse(x509.validFrom)) / 86_400_000;
    expect(days).toBeCloseTo(730, 0);
    expect(Date.parse(x509.validFrom)).toBeLessThanOrEqual(NOW.getTime());
    expect(made.fingerprint).toBe(x509.fingerprint256);
    expect(made.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('is made once, its key sealed under the key store (no plaintext key on disk), and re-used at the next start', () => {
    const w = world();
    const names = ['localhost', '127.0.0.1', '::1', '192.0.2.2'];
    const first = loadOrMakeCertificate({ ...w, names, now: NOW });
    expect(first.outcome).toEqual({ kind: 'made' });
    for (const file of readdirSync(w.dir)) {
      const text = readFileSync(join(w.dir, file), 'latin1');
      expect(text, file).not.toMatch(/PRIVATE KEY/);
      expect(text, file).not.toContain(first.certificate.key.split('\n')[1]!);
      expect(statSync(join(w.dir, file)).mode & 0o077, file).toBe(0);
    }
    const later = new Date(NOW.getTime() + 100 * 86_400_000);
    const second = loadOrMakeCertificate({ ...w, names: [...names].reverse(), now: later });
    expect(second.outcome).toEqual({ kind: 'reused' });
    expect(second.certificate.fingerprint).toBe(first.certificate.fingerprint);
    expect(second.certificate.key).toBe(first.certificate.key);
    expect(second.certificate.madeAt).toBe(first.certificate.madeAt);
  });

  it('is re-made with a new fingerprint when the names no longer cover this machine', () => {
    const w = world();
    const first = loadOrMakeCertificate({ ...w, names: ['localhost', '192.0.2.2'], now: NOW });
    // The mobile unit's laptop got another address on the village network.
    const moved = loadOrMakeCertificate({ ...w, names: ['localhost', '10.1.2.3'], now: NOW });
    expect(moved.outcome).toEqual({
      kind: 'remade',
      reason: 'names',
      detail: 'not covered: 10.1.2.3',
    });
    expect(moved.certificate.fingerprint).not.toBe(first.certificate.fingerprint);
    expect(new X509Certificate(moved.certificate.cert).checkIP('10.1.2.3')).toBe('10.1.2.3');
    // IPv6 written differently is the same address.
    const v6 = loadOrMakeCertificate({
      ...w,
      names: ['localhost', '10.1.2.3', 'fd00::2'],
      now: NOW,
    });
    expect(v6.outcome.kind).toBe('remade');
    const same = loadOrMakeCertificate({
      ...w,
      names: ['localhost', 'fd00:0:0:0:0:0:0:2'],
      now: NOW,
    });
    expect(same.outcome).toEqual({ kind: 'reused' });
  });

  it('is re-made a month before it expires, and when its sealed key is damaged or the store key differs', () => {
    const w = world();
    const names = ['localhost'];
    const first = loadOrMakeCertificate({ ...w, names, now: NOW });
    const nearEnd = new Date(NOW.getTime() + 710 * 86_400_000);
    const renewed = loadOrMakeCertificate({ ...w, names, now: nearEnd });
    expect(renewed.outcome).toMatchObject({ kind: 'remade', reason: 'expiring' });
    expect(renewed.certificate.fingerprint).not.toBe(first.certificate.fingerprint);

    const keyFile = join(w.dir, 'key.enc');
    const sealed = readFileSync(keyFile);
    sealed[sealed.length - 1]! ^= 0xff;
    writeFileSync(keyFile, sealed, { mode: 0o600 });
    const repaired = loadOrMakeCertificate({ ...w, names, now: nearEnd });
    expect(repaired.outcome).toMatchObject({ kind: 'remade', reason: 'unreadable' });

    // Another station's key store cannot open this one's key.
    const other = world();
    const foreign = loadOrMakeCertificate({ ...other, dir: w.dir, names, now: nearEnd });
    expect(foreign.outcome).toMatchObject({ kind: 'remade', reason: 'unreadable' });
  });

  it('names this machine: loopback, every LAN address but link-local IPv6, and --lan-name', () => {
    const names = certificateNames(['Stasiun.Desa.lan']);
    expect(names.slice(0, 3)).toEqual(['localhost', '127.0.0.1', '::1']);
    expect(names).toContain('stasiun.desa.lan');
    for (const address of lanAddresses()) {
      expect(names).toContain(address);
      expect(address).not.toMatch(/^fe80/i);
    }
  });

  it('writes IP addresses as their bytes (IPv4, IPv6 compressed or with an IPv4 tail)', () => {
    expect(ipBytes('192.0.2.2')?.toString('hex')).toBe('c0000202');
    expect(ipBytes('::1')?.toString('hex')).toBe(`${'0'.repeat(31)}1`);
    expect(ipBytes('fd00::2')?.equals(ipBytes('fd00:0:0:0:0:0:0:2')!)).toBe(true);
    expect(ipBytes('::ffff:192.0.2.2')?.toString('hex')).toBe('00000000000000000000ffffc0000202');
    expect(ipBytes('stasiun.lan')).toBeNull();
  });
});
