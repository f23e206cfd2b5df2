import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { rootCertificates } from 'node:tls';

/**
 * How the station reaches the hub (docs/sync-protocol.md, "TLS"). Without a district CA: the
 * platform's fetch, which trusts the system's CAs (and NODE_EXTRA_CA_CERTS given at process
 * start). With one (`--hub-ca FILE` or LM_HUB_CA_FILE at the hosts, `hubCa` in StationConfig):
 * HTTPS through node:https trusting Node's bundled CAs plus that certificate, TLS 1.2 at least.
 * Certificate checks are never switched off; a plain http:// URL (a lab hub on loopback) goes
 * through the platform's fetch either way.
 */
export function hubFetch(ca: string | Buffer | null | undefined): typeof fetch {
  if (!ca) return (input, init) => fetch(input, init);
  const agent = new Agent({
    ca: [...rootCertificates, ca.toString()],
    minVersion: 'TLSv1.2',
    keepAlive: true,
    maxSockets: 4,
  });
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.protocol !== 'https:') return fetch(input, init);
    return httpsFetch(agent, url, init ?? {});
  };
}

/** The district CA certificate (PEM) from a file; a clear error when it is not one. */
export function readHubCa(file: string): Buffer {
  const pem = readFileSync(file);
  if (!pem.toString('latin1').includes('-----BEGIN CERTIFICATE-----'))
    throw new Error(`${file} is not a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return pem;
}

/** Largest answer taken (the hub's biggest is an updates box of 1000 updates). */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The part of fetch the sync uses (method, headers, byte body, signal; no redirects followed). */
function httpsFetch(agent: Agent, url: URL, init: RequestInit): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const body = init.body;
    if (body !== undefined && body !== null && !(body instanceof Uint8Array))
      throw new TypeError('hubFetch sends byte bodies only');
    const req = request(url, {
      agent,
      method: init.method ?? 'GET',
      headers: {
        ...Object.fromEntries(new Headers(init.headers).entries()),
        ...(body ? { 'content-length': String(body.byteLength) } : {}),
      },
    });
    const onAbort = () => req.destroy(abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    req.once('error', (error) => {
      done();
      reject(new TypeError('fetch failed', { cause: error }));
    });
    req.once('response', (res) => {
      const parts: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
        else parts.push(chunk);
      });
      res.once('error', (error) => {
        done();
        reject(new TypeError('fetch failed', { cause: error }));
      });
      res.once('end', () => {
        done();
        const status = res.statusCode ?? 0;
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers))
          if (typeof value === 'string') headers.set(name, value);
          else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        const hasBody = ![101, 204, 205, 304].includes(status);
        resolve(
          new Response(hasBody ? Buffer.concat(parts, size) : null, {
            status: status >= 200 && status <= 599 ? status : 502,
            headers,
          }),
        );
      });
    });
    req.end(body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : undefined);
  });
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error
    ? reason
    : new DOMException('This operation was aborted', 'AbortError');
}
