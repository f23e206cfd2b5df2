import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../core/ports';
import { KeyStoreError, SafeStorageKeyStore, type SafeStorageLike } from './key-store.safe-storage';

/** A stand-in for the OS keystore: XOR with a secret, so the file is never the plain hex. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  const mask = (data: Buffer) => Buffer.from(data.map((byte, i) => byte ^ (0x5a + (i % 7))));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(text, 'utf8'))]),
    decryptString: (data) => {
      if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting');
      return mask(data.subarray(3)).toString('utf8');
    },
    getSelectedStorageBackend: () => 'gnome_libsecret',
    ...overrides,
  };
}

const log = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { warnings, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };
};

describe('SafeStorageKeyStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'lm-keys-')), 'keys');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('creates a 32-byte key once and reads the same key back', () => {
    const store = new SafeStorageKeyStore(dir, fakeSafeStorage(), log(), 'linux');
    expect(store.load('database')).toBeNull();
    const key = store.loadOrCreate('database');
    expect(key).toHaveLength(32);
    expect(store.loadOrCreate('database').equals(key)).toBe(true);
    const again = new SafeStorageKeyStore(dir, fakeSafeStorage(), log(), 'linux');
    expect(again.load('database')?.equals(key)).toBe(true);
    expect(again.loadOrCreate('audit-subject').equals(key)).toBe(false);
  });

  it('stores only the encrypted form, owner-only, as <name>.bin', () => {
    const store = new SafeStorageKeyStore(dir, fakeSafeStorage(), log(), 'linux');
    const key = store.loadOrCreate('database');
    const file = join(dir, 'database.bin');
    const raw = readFileSync(file);
    expect(raw.toString('latin1')).not.toContain(key.toString('hex'));
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
    }
  });

  it('refuses to start when the OS offers no encryption, writing nothing', () => {
    const encryptString = vi.fn();
    expect(
      () =>
        new SafeStorageKeyStore(
          dir,
          fakeSafeStorage({ isEncryptionAvailable: () => false, encryptString }),
          log(),
          'linux',
        ),
    ).toThrow(KeyStoreError);
    try {
      new SafeStorageKeyStore(dir, fakeSafeStorage({ isEncryptionAvailable: () => false }), log());
    } catch (error) {
      expect((error as KeyStoreError).messageId).toMatch(/tidak tersedia/);
    }
    expect(encryptString).not.toHaveBeenCalled();
    expect(existsSync(dir)).toBe(false);
  });

  it('finding 1.11: refuses the basic_text backend on Linux (obfuscation only), writing nothing', () => {
    const encryptString = vi.fn();
    const basicText = fakeSafeStorage({
      getSelectedStorageBackend: () => 'basic_text',
      encryptString,
    });
    expect(() => new SafeStorageKeyStore(dir, basicText, log(), 'linux')).toThrow(KeyStoreError);
    try {
      new SafeStorageKeyStore(dir, basicText, log(), 'linux');
    } catch (error) {
      expect((error as KeyStoreError).messageId).toMatch(/frasa sandi/);
    }
    expect(encryptString).not.toHaveBeenCalled();
    expect(existsSync(dir)).toBe(false);
    // Only to move old keys away, and it says so.
    const warned = log();
    const reader = new SafeStorageKeyStore(dir, basicText, warned, 'linux', {
      allowBasicText: true,
    });
    expect(reader.description).toContain('basic_text');
    expect(warned.warnings[0]).toMatch(/basic_text/);
    // Other platforms have no such backend: the name is not even asked for.
    const quiet = log();
    new SafeStorageKeyStore(dir, basicText, quiet, 'win32');
    expect(quiet.warnings).toHaveLength(0);
  });

  it('never replaces a key it cannot decrypt', () => {
    const store = new SafeStorageKeyStore(dir, fakeSafeStorage(), log(), 'linux');
    store.loadOrCreate('database');
    const file = join(dir, 'database.bin');
    writeFileSync(file, Buffer.from('garbage'));
    expect(() => store.load('database')).toThrow(KeyStoreError);
    expect(() => store.loadOrCreate('database')).toThrow(KeyStoreError);
    expect(readFileSync(file).toString()).toBe('garbage');
  });

  it('rejects a decrypted value that is not a 32-byte hex key', () => {
    const store = new SafeStorageKeyStore(dir, fakeSafeStorage(), log(), 'linux');
    store.loadOrCreate('database');
    const broken = fakeSafeStorage({ decryptString: () => 'abc' });
    expect(() => new SafeStorageKeyStore(dir, broken, log(), 'linux').load('database')).toThrow(
      /damaged/,
    );
  });

  it('refuses key names that could leave the folder', () => {
    const store = new SafeStorageKeyStore(dir, fakeSafeStorage(), log(), 'linux');
    expect(() => store.loadOrCreate('../x')).toThrow(/Bad key name/);
    expect(() => store.load('Database')).toThrow(/Bad key name/);
  });
});
