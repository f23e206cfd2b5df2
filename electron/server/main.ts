import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSetupCode } from '../core/auth/setup-code';
import { openStation, StationOpenError } from '../core/compose';
import { FileKeyStore } from '../protocol/key-store.file';
import { LOAD_TEST_LIMITS } from '../core/limits/settings';
import { systemDrives } from '../core/sync/drives';
import { readHubCa } from '../core/sync/hub-fetch';
import { consoleLogger, systemClock } from '../core/system-ports';
import { systemIds } from '../core/uuid';
import { NodeHidBackend } from '../devices/hid.node';
import { reportMemoryOnSignal } from './memory-report';
import { ChromiumPrinter } from './printer.chromium';
import {
  certificateNames,
  describeCertificate,
  loadOrMakeCertificate,
  type LanCertificate,
} from './lan-cert';
import { parseServerArgs, USAGE } from './options';
import { isLoopback, startHost } from './ws-host';

// Bundled to dist/electron/server.mjs: the repository (or install) root is two levels up.
const root = fileURLToPath(new URL('../..', import.meta.url));

async function main(): Promise<number> {
  const parsed = parseServerArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed.options;
  const log = consoleLogger('station');
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (!options.encrypt) log.warn('Database encryption is OFF (--no-encryption): diagnostics only');
  if (options.loadTestLimits)
    log.warn('Kiosk limits per address raised (--load-test-limits): load benches only');
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  let hubCa: Buffer | undefined;
  try {
    hubCa = options.hubCaFile ? readHubCa(options.hubCaFile) : undefined;
  } catch (error) {
    console.error(`--hub-ca: ${(error as Error).message}`);
    return 2;
  }
  let station;
  try {
    station = await openStation(
      {
        clock: systemClock,
        ids: systemIds(systemClock),
        paths: { dataDir: options.dataDir, resourcesDir: join(root, 'resources') },
        keyStore: new FileKeyStore(join(options.dataDir, 'keys')),
        printer: new ChromiumPrinter(process.env['LM_CHROMIUM'] ?? '/usr/bin/chromium'),
        log,
        hid: new NodeHidBackend(),
        drives: systemDrives(process.platform),
      },
      {
        host: 'station-server',
        encrypt: options.encrypt,
        demo: options.isDemo,
        autoSyncMs: 60_000,
        hubCa,
        limits: options.loadTestLimits ? LOAD_TEST_LIMITS : undefined,
        versions: { app: version, node: process.versions.node, sqlite: 'sqlite3mc' },
      },
    );
  } catch (error) {
    if (error instanceof StationOpenError) {
      console.error(`\n${error.messageId}\n(${error.message})\n`);
      return 1;
    }
    throw error;
  }
  const lanMode = !isLoopback(options.host);
  let certificate: LanCertificate | null = null;
  if (options.tlsCert && options.tlsKey) {
    certificate = describeCertificate(readFileSync(options.tlsCert), readFileSync(options.tlsKey));
  } else if (lanMode) {
    // docs/lan.md: the station's own certificate, its key sealed under the key store.
    const made = loadOrMakeCertificate({
      dir: join(options.dataDir, 'lan-tls'),
      keyStore: station.deps.ports.keyStore,
      names: certificateNames(options.lanNames),
      now: new Date(),
    });
    certificate = made.certificate;
    if (made.outcome.kind === 'remade') {
      const rule = '!'.repeat(72);
      console.warn(
        `\n${rule}\nSERTIFIKAT LAN DIBUAT ULANG / LAN CERTIFICATE RE-MADE (${made.outcome.reason}: ` +
          `${made.outcome.detail})\nSidik jari BARU / NEW fingerprint: ${certificate.fingerprint}\n` +
          'Perangkat yang sudah dipasangkan akan melihat peringatan sertifikat: periksa sidik jari ' +
          'baru ini.\nPaired devices will see a certificate warning: check this new fingerprint.\n' +
          `${rule}\n`,
      );
    } else if (made.outcome.kind === 'made') {
      log.info('LAN certificate made', { names: certificate.names.join(', ') });
    }
  }
  // --lan without a token: a new one for this run; the host URL is printed once, below.
  const pairingToken =
    lanMode && !options.pairingToken ? randomBytes(24).toString('base64url') : options.pairingToken;
  const host = await startHost(station, {
    host: options.host,
    port: options.port,
    rendererDir: join(root, 'dist', 'renderer'),
    pairingToken,
    tls: certificate ? { cert: certificate.cert, key: certificate.key } : null,
    certificateMadeAt: certificate?.madeAt ?? null,
    lanNames: options.lanNames,
  });
  log.info(`Lakon Mandira Station listening on ${host.url}`, {
    data: options.dataDir,
    training: options.isDemo,
  });
  if (lanMode && certificate) {
    // Tests and the e2e read these lines (docs/lan.md, "Console").
    console.log(`\nSidik jari sertifikat / Certificate fingerprint (SHA-256):`);
    console.log(`LAN_CERT_FINGERPRINT ${certificate.fingerprint}`);
    console.log(`LAN_CERT_SPKI ${certificate.spkiSha256}`);
    for (const url of host.lanUrls) console.log(`LAN_URL ${url}`);
    if (pairingToken && !options.pairingToken && host.lanUrls[0])
      console.log(
        `Layar host dari komputer lain / Host screen from another computer (sekali, once):\n` +
          `LAN_HOST_URL ${host.lanUrls[0]}?pair=${pairingToken}\n`,
      );
  }
  // First run of a real station (docs/accounts.md): the code goes to this console only. Tests
  // read the SETUP_CODE line; a new code (after too many wrong tries) is printed the same way.
  const showSetupCode = (code: string) =>
    console.log(
      `\nKode penyiapan admin pertama (sekali pakai): ${formatSetupCode(code)}\nSETUP_CODE ${code}\n`,
    );
  const setupCode = station.auth.setupCodes.current();
  if (setupCode) showSetupCode(setupCode);
  station.auth.setupCodes.onIssued(showSetupCode);
  // The load bench's memory samples (bench/load): on SIGUSR2, one LOAD_MEMORY line. Never
  // installed outside a load test.
  if (options.loadTestLimits)
    reportMemoryOnSignal(station.deps.sqlite, (line) => console.log(line));
  // Tests and scripts wait for this exact line.
  console.log(`STATION_READY ${host.url}`);
  const stop = async () => {
    await host.close();
    await station.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
