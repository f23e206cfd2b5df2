import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { KeyStore } from '../protocol/key-store';
import {
  bitString,
  booleanTrue,
  explicit,
  ipBytes,
  objectId,
  octetString,
  sequence,
  set,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from './der';

/**
 * The station's own TLS certificate for --lan without --tls-cert (docs/lan.md): ECDSA P-256,
 * self-signed, valid two years, its subjectAltName this machine's LAN addresses, the --lan-name
 * names and the loopback names. Made with Node's crypto and the DER writer in der.ts (no openssl
 * at run time, no X.509 package). The certificate lies in DATA/lan-tls/cert.pem; the private key
 * lies in DATA/lan-tls/key.enc, AES-256-GCM under the key store's 'lan-tls' key (the same store
 * that holds the database key), never in plaintext.
 */

export interface LanCertificate {
  /** PEM. */
  cert: string;
  /** PEM (PKCS#8), in memory only. */
  key: string;
  /** SHA-256 of the certificate (DER), upper-case hex pairs joined by ':'. */
  fingerprint: string;
  /** SHA-256 of the public key (SPKI DER), base64: Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
  /** The subjectAltName entries (DNS names and IP addresses as written). */
  names: string[];
  /** notBefore (ISO); null for a certificate given with --tls-cert. */
  madeAt: string | null;
  validTo: string;
}

export type CertificateOutcome =
  | { kind: 'made' }
  | { kind: 'reused' }
  | { kind: 'remade'; reason: 'names' | 'expiring' | 'unreadable'; detail: string };

const VALID_DAYS = 730;
/** A certificate with less than this left is re-made at start. */
const RENEW_BEFORE_DAYS = 30;
const KEY_NAME = 'lan-tls';
const KEY_MAGIC = Buffer.from('LMK1');
const KEY_AAD = Buffer.from('lakon-mandira/lan-tls/v1');

/** The names loopback clients use: always in the certificate. */
export const LOOPBACK_SAN = ['localhost', '127.0.0.1', '::1'];

/**
 * This machine's addresses other browsers on the LAN can reach: every non-internal address but
 * IPv6 link-local ones (fe80::/10, which need a zone no URL carries).
 */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces()))
    for (const entry of list ?? [])
      if (!entry.internal && !/^fe[89ab]/i.test(entry.address)) out.push(entry.address);
  return [...new Set(out)];
}

/** Loopback names, then the LAN addresses, then the --lan-name names; no repeats. */
export function certificateNames(lanNames: readonly string[]): string[] {
  return [
    ...new Set([...LOOPBACK_SAN, ...lanAddresses(), ...lanNames.map((n) => n.toLowerCase())]),
  ];
}

/** Describes a certificate given with --tls-cert/--tls-key (nothing stored, nothing made). */
export function describeCertificate(cert: string | Buffer, key: string | Buffer): LanCertificate {
  const x509 = new X509Certificate(cert);
  return {
    cert: cert.toString(),
    key: key.toString(),
    fingerprint: x509.fingerprint256,
    spkiSha256: spkiHash(x509.publicKey),
    names: sanEntries(x509),
    madeAt: null,
    validTo: new Date(x509.validTo).toISOString(),
  };
}

/**
 * The stored certificate when it still covers `names` and is not about to expire; otherwise a new
 * one (new key, new fingerprint), stored. `outcome` says which, for the console.
 */
export function loadOrMakeCertificate(options: {
  dir: string;
  keyStore: KeyStore;
  names: readonly string[];
  now: Date;
}): { certificate: LanCertificate; outcome: CertificateOutcome } {
  const certFile = join(options.dir, 'cert.pem');
  const keyFile = join(options.dir, 'key.enc');
  const kek = options.keyStore.loadOrCreate(KEY_NAME);
  let outcome: CertificateOutcome = { kind: 'made' };
  if (existsSync(certFile) || existsSync(keyFile)) {
    const stored = readStored(certFile, keyFile, kek);
    if (!stored) {
      outcome = { kind: 'remade', reason: 'unreadable', detail: 'certificate or key unreadable' };
    } else {
      const missing = options.names.filter((name) => !covers(stored.names, name));
      const left = new Date(stored.validTo).getTime() - options.now.getTime();
      if (missing.length > 0) {
        outcome = { kind: 'remade', reason: 'names', detail: `not covered: ${missing.join(', ')}` };
      } else if (left < RENEW_BEFORE_DAYS * 86_400_000) {
        outcome = { kind: 'remade', reason: 'expiring', detail: `valid to ${stored.validTo}` };
      } else {
        return { certificate: stored, outcome: { kind: 'reused' } };
      }
    }
  }
  const made = makeCertificate(options.names, options.now);
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  writeAtomic(keyFile, sealKey(made.key, kek));
  writeAtomic(certFile, Buffer.from(made.cert));
  return { certificate: made, outcome };
}

/** A fresh self-signed certificate for `names` (DNS names and IP addresses), valid two years. */
export function makeCertificate(names: readonly string[], now: Date): LanCertificate {
  if (names.length === 0) throw new Error('A certificate needs at least one name');
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ecdsaSha256 = sequence(objectId('1.2.840.10045.4.3.2'));
  const subject = sequence(
    set(sequence(objectId('2.5.4.10'), utf8String('Lakon Mandira'))),
    set(
      sequence(
        objectId('2.5.4.3'),
        utf8String(`Lakon Mandira Station LAN ${randomBytes(4).toString('hex')}`),
      ),
    ),
  );
  // Back-date a minute: a tablet whose clock runs a little behind still accepts it.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const notAfter = new Date(notBefore.getTime() + VALID_DAYS * 86_400_000);
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const san = sequence(
    ...names.map((name) => {
      const ip = ipBytes(name);
      return ip ? tlv(0x87, ip) : tlv(0x82, Buffer.from(name, 'ascii'));
    }),
  );
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const extensions = sequence(
    sequence(objectId('2.5.29.19'), booleanTrue(), octetString(sequence())),
    sequence(objectId('2.5.29.15'), booleanTrue(), octetString(bitString(Buffer.from([0x80])))),
    sequence(objectId('2.5.29.37'), octetString(sequence(objectId('1.3.6.1.5.5.7.3.1')))),
    sequence(objectId('2.5.29.17'), octetString(san)),
    sequence(
      objectId('2.5.29.14'),
      octetString(octetString(createHash('sha1').update(spki).digest())),
    ),
  );
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    ecdsaSha256,
    subject,
    sequence(time(notBefore), time(notAfter)),
    subject,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, ecdsaSha256, bitString(signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${der
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  const x509 = new X509Certificate(cert);
  if (!x509.verify(publicKey) || !x509.checkPrivateKey(privateKey))
    throw new Error('The new LAN certificate does not verify');
  return {
    cert,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint: x509.fingerprint256,
    spkiSha256: spkiHash(publicKey),
    names: sanEntries(x509),
    madeAt: notBefore.toISOString(),
    validTo: notAfter.toISOString(),
  };
}

function readStored(certFile: string, keyFile: string, kek: Buffer): LanCertificate | null {
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = openKey(readFileSync(keyFile), kek);
    const x509 = new X509Certificate(cert);
    const privateKey = createPrivateKey(key);
    if (!x509.checkPrivateKey(privateKey)) return null;
    return {
      cert,
      key,
      fingerprint: x509.fingerprint256,
      spkiSha256: spkiHash(x509.publicKey),
      names: sanEntries(x509),
      madeAt: new Date(x509.validFrom).toISOString(),
      validTo: new Date(x509.validTo).toISOString(),
    };
  } catch {
    return null;
  }
}

function sealKey(pem: string, kek: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(KEY_AAD);
  const body = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return Buffer.concat([KEY_MAGIC, iv, cipher.getAuthTag(), body]);
}

function openKey(sealed: Buffer, kek: Buffer): string {
  if (!sealed.subarray(0, 4).equals(KEY_MAGIC)) throw new Error('Not a sealed LAN key');
  const decipher = createDecipheriv('aes-256-gcm', kek, sealed.subarray(4, 16));
  decipher.setAAD(KEY_AAD);
  decipher.setAuthTag(sealed.subarray(16, 32));
  return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8');
}

function writeAtomic(file: string, body: Buffer): void {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, body, { mode: 0o600 });
  renameSync(temporary, file);
}

function spkiHash(key: KeyObject): string {
  const spki = (key.type === 'public' ? key : createPublicKey(key)).export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64');
}

/** "DNS:localhost, IP Address:127.0.0.1" -> ['localhost', '127.0.0.1']. */
function sanEntries(x509: X509Certificate): string[] {
  return (x509.subjectAltName ?? '')
    .split(', ')
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry.trim())?.[1])
    .filter((name): name is string => Boolean(name))
    .map((name) => name.toLowerCase());
}

/** Whether `name` is among `entries`, IP addresses compared as bytes (::1 = 0:0:...:1). */
function covers(entries: readonly string[], name: string): boolean {
  const ip = ipBytes(name);
  if (!ip) return entries.includes(name.toLowerCase());
  return entries.some((entry) => ipBytes(entry)?.equals(ip) ?? false);
}
