import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyStore } from './key-store.file';

describe('FileKeyStore', () => {
  it('creates an owner-only 32-byte key once and returns the same key after', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lm-keys-')), 'keys');
    const store = new FileKeyStore(dir);
    expect(store.load('database')).toBeNull();
    const key = store.loadOrCreate('database');
    expect(key).toHaveLength(32);
    expect(statSync(join(dir, 'database.key')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(new FileKeyStore(dir).loadOrCreate('database').equals(key)).toBe(true);
  });

  it('refuses a key file others can read, and a damaged one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-keys-'));
    const store = new FileKeyStore(dir);
    store.loadOrCreate('database');
    chmodSync(join(dir, 'database.key'), 0o644);
    expect(() => store.load('database')).toThrow(/readable by others/);
    writeFileSync(join(dir, 'other.key'), 'abcd\n', { mode: 0o600 });
    expect(() => store.load('other')).toThrow(/damaged/);
    expect(readFileSync(join(dir, 'other.key'), 'utf8')).toBe('abcd\n');
  });

  it('rejects key names that could escape the folder', () => {
    const store = new FileKeyStore(mkdtempSync(join(tmpdir(), 'lm-keys-')));
    expect(() => store.loadOrCreate('../x')).toThrow(/Bad key name/);
  });
});
