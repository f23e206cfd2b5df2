import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports';
import type { KeyStore } from '../protocol/key-store';

/** The parts of Electron's safeStorage this store uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export const BASIC_TEXT_REFUSED_ID =
  'Sistem operasi ini tidak punya penyimpanan kunci yang aman (keyring). Kunci basis data dilindungi ' +
  'dengan frasa sandi stasiun.';

/** A key store failure with a message for the person at the station (Bahasa Indonesia). */
export class KeyStoreError extends Error {
  readonly messageId: string;
  constructor(message: string, messageId: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'KeyStoreError';
    this.messageId = messageId;
  }
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/;
const HEX_KEY = /^[0-9a-f]{64}$/;

/**
 * Keys encrypted with the operating system's keystore (DPAPI on Windows, the Secret Service or
 * KWallet on Linux) via Electron safeStorage, stored as `<dir>/<name>.bin` (mode 0600). Copying
 * the data folder to another machine or user account does not carry the keys' plaintext along.
 * Create only after app `ready`: before it, safeStorage reports no encryption on Linux.
 *
 * Linux's `basic_text` backend only obfuscates with a fixed key, so it is refused (issue 13
 * finding 1.11): such stations use a passphrase (key-store.passphrase.ts). `allowBasicText` is
 * only for reading the keys a basic_text store left, to move them under the passphrase.
 */
export class SafeStorageKeyStore implements KeyStore {
  readonly description: string;
  readonly protection = 'os-keyring' as const;
  readonly #dir: string;
  readonly #safeStorage: SafeStorageLike;

  constructor(
    dir: string,
    safeStorage: SafeStorageLike,
    log: Logger,
    platform = process.platform,
    options: { allowBasicText?: boolean } = {},
  ) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new KeyStoreError(
        'Electron safeStorage reports no OS encryption (no keyring/DPAPI); refusing to store keys in plain text',
        'Penyimpanan kunci sistem operasi tidak tersedia, sehingga kunci basis data tidak dapat disimpan dengan aman. ' +
          'Aplikasi tidak dijalankan. Hubungi admin Disdukcapil.',
      );
    }
    const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
    if (backend === 'basic_text') {
      if (!options.allowBasicText) {
        throw new KeyStoreError(
          'safeStorage uses the basic_text backend: keys would only be obfuscated; refusing it',
          BASIC_TEXT_REFUSED_ID,
        );
      }
      log.warn(
        'Reading keys of the basic_text safeStorage backend (obfuscation only) to move them',
      );
    }
    this.#dir = dir;
    this.#safeStorage = safeStorage;
    this.description = backend ? `safeStorage (${backend}): ${dir}` : `safeStorage: ${dir}`;
  }

  load(name: string): Buffer | null {
    const file = this.#file(name);
    if (!existsSync(file)) return null;
    let hex: string;
    try {
      hex = this.#safeStorage.decryptString(readFileSync(file));
    } catch (error) {
      // Never replace an undecryptable key: the database it opens would be lost for good.
      throw new KeyStoreError(
        `Key ${file} cannot be decrypted by this OS account`,
        'Kunci stasiun tidak dapat dibuka oleh akun sistem operasi ini. Basis data TIDAK diubah. ' +
          'Hubungi admin Disdukcapil.',
        { cause: error },
      );
    }
    if (!HEX_KEY.test(hex)) {
      throw new KeyStoreError(
        `Key ${file} is damaged`,
        'Berkas kunci stasiun rusak. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
      );
    }
    return Buffer.from(hex, 'hex');
  }

  loadOrCreate(name: string): Buffer {
    const existing = this.load(name);
    if (existing) return existing;
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32);
    const encrypted = this.#safeStorage.encryptString(key.toString('hex'));
    // 'wx' fails if the file appeared in the meantime: a key is never overwritten.
    writeFileSync(this.#file(name), encrypted, { mode: 0o600, flag: 'wx' });
    return key;
  }

  #file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Bad key name: ${name}`);
    return join(this.#dir, `${name}.bin`);
  }
}
