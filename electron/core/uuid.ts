import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from './ports';

/** RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, 74 random bits with the variant. */
export function uuidv7(ms: number, random: Uint8Array): string {
  if (random.length < 10) throw new Error('uuidv7 needs 10 random bytes');
  const bytes = new Uint8Array(16);
  let time = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function systemIds(clock: Clock): Ids {
  let last = 0;
  return {
    uuid: () => {
      // Keep ids ordered even if the wall clock steps back (NTP, a dead CMOS battery).
      last = Math.max(last, clock.now().getTime());
      return uuidv7(last, randomBytes(10));
    },
  };
}

/** Deterministic ids for tests: time from the clock, a counter for the random part. */
export function sequentialIds(clock: Clock): Ids {
  let counter = 0;
  return {
    uuid: () => {
      counter += 1;
      const random = Buffer.alloc(10);
      random.writeUInt32BE(counter, 6);
      return uuidv7(clock.now().getTime(), random);
    },
  };
}
