import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isLoopback } from './ws-host';

export interface ServerOptions {
  dataDir: string;
  host: string;
  port: number;
  isDemo: boolean;
  encrypt: boolean;
  pairingToken: string | null;
  /** Names and addresses LAN clients use for the station (--lan-name), for the Host check. */
  lanNames: string[];
  tlsCert: string | null;
  tlsKey: string | null;
  /** The district's CA certificate for an https:// hub (--hub-ca, or LM_HUB_CA_FILE). */
  hubCaFile: string | null;
  /** Load benches only: raise the per-address kiosk limits (every bench client is 127.0.0.1). */
  loadTestLimits: boolean;
}

export type ParseResult = { ok: true; options: ServerOptions } | { ok: false; message: string };

export const USAGE = `Usage: npm run station -- [options]
  --data DIR            data folder (default: $XDG_DATA_HOME/lakon-mandira-station/station,
                        or .../training with --demo)
  --demo                training station for Desa Kijang Ulu with synthetic data
  --port N              port (default 8787; 0 picks a free one)
  --lan                 listen on all interfaces over HTTPS (docs/lan.md): without --tls-cert the
                        station makes its own certificate (fingerprint on the console); other
                        browsers join by the pairing QR on the LAN screen
  --pairing-token T     at least 24 characters; a browser elsewhere that opens
                        https://HOST:PORT/?pair=T is a host screen (or LM_PAIRING_TOKEN; without
                        one, --lan makes a new token at each start and prints the host URL)
  --lan-name NAME       a name LAN browsers use for this station (repeatable; this machine's
                        addresses and localhost are always known); other Host names are refused
  --tls-cert F --tls-key F
                        serve HTTPS/WSS (browsers give the camera only to secure origins)
  --hub-ca FILE         trust this CA certificate (PEM) for the district hub's HTTPS, besides
                        the usual CAs (or LM_HUB_CA_FILE); certificates are always checked
  --no-encryption       DIAGNOSTICS ONLY: keep the database unencrypted
  --load-test-limits    LOAD BENCHES ONLY: kiosk limits per address and per station raised
                        100 times (all bench clients share one address); per socket unchanged;
                        SIGUSR2 prints a LOAD_MEMORY line (heap and SQLite page figures)`;

/** A DNS name, an IPv4 address or an IPv6 address (without brackets); no port, no path. */
const LAN_NAME =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*)$/i;

export function defaultDataDir(isDemo: boolean, env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
  return join(base, 'lakon-mandira-station', isDemo ? 'training' : 'station');
}

export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParseResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        port: { type: 'string', default: '8787' },
        lan: { type: 'boolean', default: false },
        'pairing-token': { type: 'string' },
        'lan-name': { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'hub-ca': { type: 'string' },
        'no-encryption': { type: 'boolean', default: false },
        'load-test-limits': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: `Invalid --port ${values.port}` };
  }
  const host = values.lan ? '0.0.0.0' : '127.0.0.1';
  const pairingToken = values['pairing-token'] ?? (env['LM_PAIRING_TOKEN'] || null);
  if (!isLoopback(host) && pairingToken !== null) {
    // It stands in a URL (?pair=T) and in a cookie: URL-safe characters only.
    if (!/^[A-Za-z0-9._~-]{24,200}$/.test(pairingToken)) {
      return {
        ok: false,
        message:
          'The pairing token must be 24 to 200 characters of A-Z, a-z, 0-9 and . _ ~ - (no spaces)',
      };
    }
  }
  const lanNames = values['lan-name'] ?? [];
  if (lanNames.length > 0 && !values.lan) {
    return { ok: false, message: '--lan-name goes with --lan' };
  }
  const badName = lanNames.find((name) => !LAN_NAME.test(name));
  if (badName !== undefined) {
    return {
      ok: false,
      message: `Invalid --lan-name ${JSON.stringify(badName)}: a host name or IP address, no port`,
    };
  }
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    return { ok: false, message: '--tls-cert and --tls-key go together' };
  }
  return {
    ok: true,
    options: {
      dataDir: values.data ?? defaultDataDir(values.demo, env),
      host,
      port,
      isDemo: values.demo,
      encrypt: !values['no-encryption'],
      pairingToken: values.lan ? pairingToken : null,
      lanNames: lanNames.map((name) => name.toLowerCase()),
      tlsCert: values['tls-cert'] ?? null,
      tlsKey: values['tls-key'] ?? null,
      hubCaFile: values['hub-ca'] ?? (env['LM_HUB_CA_FILE'] || null),
      loadTestLimits: values['load-test-limits'],
    },
  };
}
