import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIP } from 'node:net';

/** A server certificate signed by a test CA of its own, as PEM text and as files. */
export interface TestCertificate {
  /** The server certificate (PEM). */
  cert: string;
  /** Its private key (PEM, unencrypted). */
  key: string;
  /** The CA certificate that signed it (PEM): what a client must trust. */
  ca: string;
  certFile: string;
  keyFile: string;
  caFile: string;
}

/**
 * A throw-away CA and a server certificate it signed, made by the `openssl` CLI (execFile, no
 * shell) in a fresh temporary folder. The subjectAltName holds 127.0.0.1 and localhost (unless
 * `loopback: false`, for a certificate that does not match the address a test connects to) and
 * every name in `hosts` (IP addresses as IP entries). EC P-256 keys, valid for 30 days.
 */
export function makeTestCertificate(options: {
  hosts: string[];
  loopback?: boolean;
}): TestCertificate {
  const names = [
    ...(options.loopback === false ? [] : ['127.0.0.1', 'localhost']),
    ...options.hosts,
  ];
  if (names.length === 0) throw new Error('a certificate needs at least one name');
  for (const name of names)
    if (!/^[a-z0-9.:-]{1,253}$/i.test(name)) throw new Error(`not a host name: ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'lm-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

  openssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '30',
    '-subj',
    `/CN=Lakon Mandira Test CA ${randomBytes(4).toString('hex')}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl([
    'req',
    '-new',
    ...ec,
    '-keyout',
    file('hub.key'),
    '-out',
    file('hub.csr'),
    '-subj',
    `/CN=${names[0]}`,
  ]);
  const altNames = names.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
  writeFileSync(
    file('hub.ext'),
    [
      `subjectAltName=${altNames}`,
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      '',
    ].join('\n'),
  );
  openssl([
    'x509',
    '-req',
    '-in',
    file('hub.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-set_serial',
    `0x${randomBytes(8).toString('hex')}`,
    '-days',
    '30',
    '-extfile',
    file('hub.ext'),
    '-out',
    file('hub.pem'),
  ]);
  return {
    cert: readFileSync(file('hub.pem'), 'utf8'),
    key: readFileSync(file('hub.key'), 'utf8'),
    ca: readFileSync(file('ca.pem'), 'utf8'),
    certFile: file('hub.pem'),
    keyFile: file('hub.key'),
    caFile: file('ca.pem'),
  };
}
