import { request } from 'node:https';
import type { LanPairingOffer, Result } from '../../electron/contract';
import type { Link, SocketOptions } from './link';

/**
 * The bench's desks and display join as on a mobile unit's LAN (docs/lan.md): over HTTPS/WSS to
 * this machine's LAN address (never loopback, which the station treats as its own screens), each
 * paired by a one-time code the host screen offers, then connected with its device cookie.
 */
export interface LanAccess {
  /** https://ADDRESS:PORT */
  origin: string;
  address: string;
  port: number;
  /** The station's own certificate (PEM): the one thing the clients trust. */
  ca: string;
}

function value<T>(what: string, result: Result<unknown>): T {
  if (!result.ok)
    throw new Error(
      `${what}: ${result.error.code} ${result.error.reason ?? ''} ${result.error.message}`,
    );
  return result.value as T;
}

/** POST /pair with the code of an offer, as the pairing page does; resolves with the cookie. */
function redeem(lan: LanAccess, code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: lan.address,
        port: lan.port,
        path: '/pair',
        method: 'POST',
        ca: lan.ca,
        headers: {
          host: `${lan.address}:${lan.port}`,
          origin: lan.origin,
          'content-type': 'application/json',
        },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          const setCookie = [res.headers['set-cookie'] ?? []].flat()[0] ?? '';
          const token = /^lm_device=([^;]+)/.exec(setCookie)?.[1];
          if (res.statusCode !== 200 || !token)
            reject(new Error(`Pairing refused: ${res.statusCode} ${body}`));
          else resolve(`lm_device=${token}`);
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}

/**
 * Pairs one device from the host screen (`host`, a supervisor): the offer's QR URL carries the
 * code after '#'; redeemed from the LAN address, it gives the device's cookie.
 */
export async function pairDevice(
  host: Link,
  lan: LanAccess,
  offer: { kind: 'desk' | 'display'; desk: string | null; label: string },
): Promise<SocketOptions> {
  const made = value<LanPairingOffer>(
    `lan-pair-offer ${offer.label}`,
    (await host.call('lan-pair-offer', offer)).result,
  );
  const cookie = await redeem(lan, new URL(made.url).hash.slice(1));
  return { ca: lan.ca, cookie };
}
