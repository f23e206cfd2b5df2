import { randomBytes } from 'node:crypto';

/**
 * Raw WebSocket bytes a library will not send, for the frame tests and the fuzzer
 * (torture/lib/fuzz-client.ts): the upgrade request and client frames of any shape. Test tooling,
 * not used by the server itself.
 */

/** The HTTP request that upgrades a plain TCP connection to `/ws`, Origin matching Host. */
export function upgradeRequest(url: URL): string {
  return [
    'GET /ws HTTP/1.1',
    `Host: ${url.host}`,
    `Origin: ${url.protocol}//${url.host}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    '',
    '',
  ].join('\r\n');
}

/**
 * A client frame: `first` is the FIN, RSV and opcode byte as given (reserved values included),
 * the payload masked with a random key, or unmasked when `masked` is false (which a client must
 * never send). The length takes 7, 16 or 64 bits as the payload needs.
 */
export function clientFrame(first: number, payload: Buffer, masked = true): Buffer {
  const maskBit = masked ? 0x80 : 0;
  const length = payload.length;
  let lengthBytes: Buffer;
  if (length < 126) lengthBytes = Buffer.from([maskBit | length]);
  else if (length < 0x10000) lengthBytes = Buffer.from([maskBit | 126, length >> 8, length & 0xff]);
  else {
    lengthBytes = Buffer.alloc(9);
    lengthBytes[0] = maskBit | 127;
    lengthBytes.writeBigUInt64BE(BigInt(length), 1);
  }
  if (!masked) return Buffer.concat([Buffer.from([first]), lengthBytes, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (mask[i % 4] as number);
  return Buffer.concat([Buffer.from([first]), lengthBytes, mask, body]);
}
