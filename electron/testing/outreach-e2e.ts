import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import SQLite from 'better-sqlite3-multiple-ciphers';
import WebSocket from 'ws';
import { FileKeyStore } from '../protocol/key-store.file';
import { tool } from './pdf-tools';

/**
 * Node-side support for the outreach e2e (renderer/e2e/outreach*.e2e.ts, issue 16): the LAN
 * address the station is reached at, the certificate it serves, WebSocket attempts without a
 * browser, a read-only look into the station's own database, and the vector paths of a PDF.
 */

/** This machine's first non-internal IPv4 address: the address LAN browsers use. */
export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces()))
    for (const entry of list ?? [])
      if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  throw new Error(
    'The outreach e2e needs a LAN address: this machine has no non-internal IPv4 interface ' +
      '(os.networkInterfaces()). Run it on a machine with a network interface up.',
  );
}

export interface ServedCertificate {
  certificate: X509Certificate;
  pem: string;
  /** SHA-256 of the DER, upper-case hex pairs joined by ':' (LanStatus.fingerprint's form). */
  fingerprint: string;
  /** base64 SHA-256 of the public key (SPKI): Chromium's --ignore-certificate-errors-spki-list. */
  spki: string;
}

/** The certificate `host:port` serves, read with a TLS handshake that trusts nothing. */
export function servedCertificate(host: string, port: number): Promise<ServedCertificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false }, () => {
      const peer = socket.getPeerCertificate(true);
      socket.end();
      if (!peer.raw) return reject(new Error(`${host}:${port} served no certificate`));
      const certificate = new X509Certificate(peer.raw);
      resolve({
        certificate,
        pem: certificate.toString(),
        fingerprint: certificate.fingerprint256.toUpperCase(),
        spki: spkiOf(certificate),
      });
    });
    socket.once('error', reject);
  });
}

export function spkiOf(certificate: X509Certificate): string {
  const der = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export interface SocketAttempt {
  /** True when the upgrade succeeded (the socket opened). */
  opened: boolean;
  /** The HTTP status of a refused upgrade, or null. */
  status: number | null;
  /** A network-level error (connection reset...), or null. */
  error: string | null;
  /** When the socket opened: the close code once the station closed it (null while open). */
  closeCode: number | null;
}

/**
 * Opens a WebSocket to `url` as a browser would (Origin `origin`, optional Cookie), trusting
 * only `ca` (the station's own certificate), and reports what happened: refused (status), or
 * opened and then closed by the station within the same handshake window. Resolves once the
 * outcome is known (refusal, error, or open), never on a timer.
 */
export function trySocket(
  url: string,
  options: { origin: string; ca: string; cookie?: string },
): Promise<SocketAttempt & { socket: WebSocket | null }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      origin: options.origin,
      ca: options.ca,
      headers: options.cookie ? { cookie: options.cookie } : {},
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve({
        opened: false,
        status: response.statusCode ?? null,
        error: null,
        closeCode: null,
        socket: null,
      });
      response.resume();
      socket.terminate();
    });
    socket.once('open', () =>
      resolve({ opened: true, status: null, error: null, closeCode: null, socket }),
    );
    socket.once('error', (error) =>
      resolve({ opened: false, status: null, error: error.message, closeCode: null, socket: null }),
    );
  });
}

/**
 * The station's encrypted database, opened read-only beside the running station (WAL lets a
 * reader in while it writes), with the key the station keeps in `<dataDir>/keys`. For counting
 * what the station stored; close it before the station stops.
 */
export function openStationDbReadOnly(dataDir: string): SQLite.Database {
  const key = new FileKeyStore(join(dataDir, 'keys')).load('database');
  if (!key) throw new Error(`no database key in ${dataDir}/keys`);
  const sqlite = new SQLite(join(dataDir, 'station.db'), { readonly: true, fileMustExist: true });
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${key.toString('hex')}'"`);
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * The filled vector paths a PDF draws, as pdftocairo renders them to SVG: every `<path>` outside
 * `<defs>` (glyph outlines live in `<defs>`), with its fill as lower-case `#rrggbb` (or '' when
 * it has none). Chromium prints an inline SVG chart's bars as such paths.
 */
export function pdfVectorPaths(file: string): Array<{ fill: string }> {
  const out = join(mkdtempSync(join(tmpdir(), 'lm-pdf-svg-')), 'page.svg');
  tool('pdftocairo', ['-svg', file, out], 'poppler-utils');
  const svg = readFileSync(out, 'utf8').replace(/<defs>[\s\S]*?<\/defs>/g, '');
  const paths: Array<{ fill: string }> = [];
  for (const match of svg.matchAll(/<path\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const fill =
      /\bfill="([^"]*)"/.exec(attributes)?.[1] ?? /\bfill:\s*([^;"]+)/.exec(attributes)?.[1] ?? '';
    paths.push({ fill: hexColour(fill.trim()) });
  }
  return paths;
}

/** `rgb(11.4%, 31%, 56.9%)`, `rgb(29, 79, 145)` or `#1D4F91` as `#1d4f91`; anything else ''. */
function hexColour(value: string): string {
  if (/^#[0-9a-f]{6}$/i.test(value)) return value.toLowerCase();
  const parts = /^rgb\(([^)]*)\)$/i.exec(value)?.[1]?.split(',');
  if (parts?.length !== 3) return '';
  const bytes = parts.map((part) => {
    const text = part.trim();
    const n = text.endsWith('%') ? (Number(text.slice(0, -1)) * 255) / 100 : Number(text);
    return Math.round(n).toString(16).padStart(2, '0');
  });
  return `#${bytes.join('')}`;
}
