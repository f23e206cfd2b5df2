import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyStore } from './key-store';

const NAME = /^[a-z][a-z0-9-]{0,40}$/;

/**
 * Keys as files readable only by their owner (station-server mode, where there is no OS
 * keystore). A key file that others can read is refused rather than silently used.
 */
export class FileKeyStore implements KeyStore {
  readonly description: string;
  readonly protection = 'file' as const;
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
    this.description = `file:${dir}`;
  }

  load(name: string): Buffer | null {
    const file = this.#file(name);
    if (!existsSync(file)) return null;
    const mode = statSync(file).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new Error(
        `Key file ${file} is readable by others (mode ${mode.toString(8)}); fix with chmod 600`,
      );
    }
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error(`Key file ${file} is damaged`);
    return key;
  }

  loadOrCreate(name: string): Buffer {
    const existing = this.load(name);
    if (existing) return existing;
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    // 'wx' fails if another process created it in the meantime: never overwrite a key.
    writeFileSync(this.#file(name), `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  }

  #file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Bad key name: ${name}`);
    return join(this.#dir, `${name}.key`);
  }
}
