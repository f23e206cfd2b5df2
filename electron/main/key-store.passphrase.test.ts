import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../core/ports';
import {
  openKeyStore,
  PASSPHRASE_FILE,
  PassphraseKeyStore,
  planKeyProtection,
  WRONG_PASSPHRASE_ID,
  type PassphrasePrompt,
} from './key-store.passphrase';
import { KeyStoreError, SafeStorageKeyStore, type SafeStorageLike } from './key-store.safe-storage';

/** safeStorage with Linux's basic_text backend: a fixed, public obfuscation, no keyring. */
function basicText(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  const mask = (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x21));
  return {
    isEncryptionAvailable: () => true,
    encryptString: (text) => Buffer.concat([Buffer.from('v11'), mask(Buffer.from(text, 'utf8'))]),
    decryptString: (data) => mask(data.subarray(3)).toString('utf8'),
    getSelectedStorageBackend: () => 'basic_text',
    ...overrides,
  };
}
const keyring = () => basicText({ getSelectedStorageBackend: () => 'gnome_libsecret' });

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
/** scrypt N=2^14 instead of 2^17 in tests: the same code path, a few ms per derivation. */
const CHEAP = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'kijang ulu tujuh belas';

/** A prompt that answers from a list and records what it was asked. */
function scripted(
  answers: (string | null)[],
): PassphrasePrompt & { asked: [string, string | null][] } {
  const asked: [string, string | null][] = [];
  const prompt = (kind: 'open' | 'create', problem: string | null) => {
    asked.push([kind, problem]);
    return Promise.resolve(answers.shift() ?? null);
  };
  return Object.assign(prompt, { asked });
}

/** Every file of the key folder with its bytes, to show that a refusal changed nothing. */
const folder = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .sort()
        .map((name) => `${name}:${readFileSync(join(dir, name)).toString('base64')}`)
    : [];

describe('finding 1.11: passphrase key protection instead of basic_text', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'lm-pass-')), 'keys');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('derives the same keys from the same passphrase, and stores neither key nor passphrase', async () => {
    const store = await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP);
    const key = store.loadOrCreate('database');
    expect(key).toHaveLength(32);
    expect(store.loadOrCreate('database').equals(key)).toBe(true);
    const again = await PassphraseKeyStore.open(dir, PASSPHRASE);
    expect(again.load('database')?.equals(key)).toBe(true);
    expect(again.protection).toBe('passphrase');
    expect(again.description).toMatch(/scrypt N=16384, r=8, p=1/);
    const settings = JSON.parse(readFileSync(join(dir, PASSPHRASE_FILE), 'utf8')) as object;
    expect(settings).toMatchObject({ version: 1, kdf: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
    const everything = folder(dir).join('\n');
    expect(everything).not.toContain(key.toString('base64'));
    expect(Buffer.from(everything).includes(key)).toBe(false);
    expect(everything).not.toContain(Buffer.from(PASSPHRASE).toString('base64'));
    if (process.platform !== 'win32') {
      expect(statSync(join(dir, 'database.pass')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, PASSPHRASE_FILE)).mode & 0o777).toBe(0o600);
    }
  });

  it('refuses a wrong passphrase and changes nothing', async () => {
    (await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP)).loadOrCreate('database');
    const before = folder(dir);
    await expect(PassphraseKeyStore.open(dir, 'kijang ulu tujuh belaS')).rejects.toMatchObject({
      name: 'KeyStoreError',
      messageId: WRONG_PASSPHRASE_ID,
    });
    expect(folder(dir)).toEqual(before);
  });

  it('refuses a short passphrase and a second set-up over an existing one', async () => {
    await expect(PassphraseKeyStore.create(dir, 'pendek', CHEAP)).rejects.toThrow(KeyStoreError);
    expect(existsSync(join(dir, PASSPHRASE_FILE))).toBe(false);
    await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP);
    await expect(PassphraseKeyStore.create(dir, 'another long passphrase', CHEAP)).rejects.toThrow(
      /EEXIST/,
    );
  });

  it('never opens a key file under another key name', async () => {
    const store = await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP);
    store.loadOrCreate('audit-subject');
    renameSync(join(dir, 'audit-subject.pass'), join(dir, 'database.pass'));
    expect(() => store.load('database')).toThrow(/damaged/);
    expect(() => store.loadOrCreate('database')).toThrow(KeyStoreError);
  });

  it('plans: a real keyring is used, basic_text asks for a passphrase, a passphrase is kept', async () => {
    expect(planKeyProtection(dir, keyring(), 'linux')).toEqual({ kind: 'os-keyring' });
    expect(planKeyProtection(dir, basicText(), 'linux')).toEqual({
      kind: 'passphrase-create',
      importLegacy: false,
    });
    new SafeStorageKeyStore(dir, basicText(), quiet, 'linux', {
      allowBasicText: true,
    }).loadOrCreate('database');
    expect(planKeyProtection(dir, basicText(), 'linux')).toEqual({
      kind: 'passphrase-create',
      importLegacy: true,
    });
    expect(() =>
      planKeyProtection(dir, basicText({ isEncryptionAvailable: () => false }), 'linux'),
    ).toThrow(KeyStoreError);
    await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP);
    expect(planKeyProtection(dir, keyring(), 'linux')).toEqual({ kind: 'passphrase-open' });
  });

  it('on basic_text asks for a new passphrase, moves the old keys under it, and asks for it next start', async () => {
    const old = new SafeStorageKeyStore(dir, basicText(), quiet, 'linux', { allowBasicText: true });
    const databaseKey = old.loadOrCreate('database');
    const auditKey = old.loadOrCreate('audit-subject');

    const first = scripted(['kurang', PASSPHRASE]);
    const store = await openKeyStore(dir, basicText(), quiet, first, {
      platform: 'linux',
      params: CHEAP,
    });
    expect(first.asked).toEqual([
      ['create', null],
      ['create', 'Frasa sandi minimal 12 karakter.'],
    ]);
    expect(store?.protection).toBe('passphrase');
    expect(store?.load('database')?.equals(databaseKey)).toBe(true);
    expect(store?.load('audit-subject')?.equals(auditKey)).toBe(true);
    // The obfuscated copies are gone once their passphrase copies read back right.
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toEqual([]);

    const next = scripted(['salah sekali frasa ini', PASSPHRASE]);
    const reopened = await openKeyStore(dir, basicText(), quiet, next, { platform: 'linux' });
    expect(next.asked).toEqual([
      ['open', null],
      ['open', WRONG_PASSPHRASE_ID],
    ]);
    expect(reopened?.load('database')?.equals(databaseKey)).toBe(true);
  });

  it('gives up (null, nothing written) when the person cancels or keeps typing a wrong one', async () => {
    expect(
      await openKeyStore(dir, basicText(), quiet, scripted([null]), { platform: 'linux' }),
    ).toBeNull();
    expect(existsSync(join(dir, PASSPHRASE_FILE))).toBe(false);
    (await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP)).loadOrCreate('database');
    const before = folder(dir);
    const wrong = scripted(Array<string>(10).fill('bukan frasa yang benar'));
    expect(await openKeyStore(dir, basicText(), quiet, wrong, { platform: 'linux' })).toBeNull();
    expect(wrong.asked).toHaveLength(5);
    expect(folder(dir)).toEqual(before);
  });

  it('keeps the OS keyring where there is a real one, without asking', async () => {
    const prompt = scripted([]);
    const store = await openKeyStore(dir, keyring(), quiet, prompt, { platform: 'linux' });
    expect(store?.protection).toBe('os-keyring');
    expect(prompt.asked).toEqual([]);
  });
});

describe('finding 1.11: changing the station passphrase', () => {
  let dir: string;
  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'lm-pass-')), 'keys');
  });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('rewrites only passphrase.json: the keys stay, the old passphrase stops working', async () => {
    const store = await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP);
    const key = store.loadOrCreate('database');
    const keyFile = readFileSync(join(dir, 'database.pass'));
    expect(await store.changePassphrase(PASSPHRASE, 'frasa baru yang panjang')).toBe('changed');
    expect(readFileSync(join(dir, 'database.pass')).equals(keyFile)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['database.pass', PASSPHRASE_FILE]);
    await expect(PassphraseKeyStore.open(dir, PASSPHRASE)).rejects.toMatchObject({
      messageId: WRONG_PASSPHRASE_ID,
    });
    const reopened = await PassphraseKeyStore.open(dir, 'frasa baru yang panjang');
    expect(reopened.load('database')?.equals(key)).toBe(true);
  });

  it('refuses a wrong current passphrase or a short new one, changing nothing', async () => {
    const store = await PassphraseKeyStore.create(dir, PASSPHRASE, CHEAP);
    store.loadOrCreate('database');
    const before = folder(dir);
    expect(await store.changePassphrase('bukan frasa yang benar', 'frasa baru yang panjang')).toBe(
      'wrong-passphrase',
    );
    expect(await store.changePassphrase(PASSPHRASE, 'pendek')).toBe('too-short');
    await expect(store.replacePassphrase(PASSPHRASE, 'pendek')).rejects.toThrow(/12/);
    expect(folder(dir)).toEqual(before);
  });
});
