import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/ports';
import type { KeyStore } from '../protocol/key-store';
import { KeyStoreError, SafeStorageKeyStore, type SafeStorageLike } from './key-store.safe-storage';

/**
 * Keys wrapped with a key derived from a passphrase typed at start (issue 13 finding 1.11;
 * docs/decisions.md, "Passphrase key protection"): for Linux stations whose Electron safeStorage
 * has only the `basic_text` backend (obfuscation, no keyring). Files in the key folder:
 * - `passphrase.json`: `{ version: 1, kdf: 'scrypt', N, r, p, salt, check, wrapped }`: salt 16
 *   random bytes; the passphrase key is scrypt(passphrase NFC, salt, 32 bytes), N=2^17, r=8, p=1
 *   (128 MiB, about half a second per start, so a stolen data folder costs that per guess);
 *   `check` = HMAC-SHA256(passphrase key, CHECK_LABEL), so a wrong passphrase is told apart from
 *   a damaged file; `wrapped` = the random 32-byte master key, AES-256-GCM under the passphrase
 *   key. Changing the passphrase rewrites only this file (atomically, by rename);
 * - `<name>.pass`: AES-256-GCM of the 32-byte key under the master key, `v1 | iv(12) | tag(16) |
 *   ciphertext(32)`, the key's name as additional data (a file renamed to another key fails).
 */
export interface PassphraseParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_PASSPHRASE_PARAMS: PassphraseParams = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 12;
export const PASSPHRASE_FILE = 'passphrase.json';
const CHECK_LABEL = 'lakon-mandira/key-store/passphrase-check/v1';
const NAME = /^[a-z][a-z0-9-]{0,40}$/;
const VERSION = Buffer.from('v1');

interface PassphraseFile extends PassphraseParams {
  version: 1;
  kdf: 'scrypt';
  salt: string;
  check: string;
  wrapped: string;
}

export type KeyProtection = 'os-keyring' | 'passphrase';

function derive(passphrase: string, salt: Buffer, params: PassphraseParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

const checkOf = (kek: Buffer) => createHmac('sha256', kek).update(CHECK_LABEL).digest();
const MASTER_LABEL = 'lakon-mandira/key-store/master/v1';

/** `v1 | iv(12) | tag(16) | ciphertext` of a 32-byte secret, with `label` as associated data. */
function seal(key: Buffer, secret: Buffer, label: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([VERSION, iv, cipher.getAuthTag(), body]);
}

/** The secret `seal` wrapped; throws when the key, the label or a byte is wrong. */
function unseal(key: Buffer, data: Buffer, label: string): Buffer {
  if (data.length !== 2 + 12 + 16 + 32 || !data.subarray(0, 2).equals(VERSION)) {
    throw new Error('bad length or version');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(2, 14));
  decipher.setAAD(Buffer.from(label, 'utf8'));
  decipher.setAuthTag(data.subarray(14, 30));
  return Buffer.concat([decipher.update(data.subarray(30)), decipher.final()]);
}

async function passphraseFile(
  passphrase: string,
  master: Buffer,
  params: PassphraseParams,
): Promise<PassphraseFile> {
  const salt = randomBytes(16);
  const kek = await derive(passphrase, salt, params);
  return {
    version: 1,
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    check: checkOf(kek).toString('base64'),
    wrapped: seal(kek, master, MASTER_LABEL).toString('base64'),
  };
}

function checkLength(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw new KeyStoreError(
      `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
      `Frasa sandi minimal ${MIN_PASSPHRASE_LENGTH} karakter.`,
    );
  }
}

/** The master key of the folder, when `passphrase` is its passphrase. */
async function unlock(dir: string, passphrase: string): Promise<Buffer> {
  const file = readPassphraseFile(dir);
  const params = { N: file.N, r: file.r, p: file.p };
  const kek = await derive(passphrase, Buffer.from(file.salt, 'base64'), params);
  const expected = Buffer.from(file.check, 'base64');
  const actual = checkOf(kek);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new KeyStoreError('Wrong passphrase for the key folder', WRONG_PASSPHRASE_ID);
  }
  try {
    return unseal(kek, Buffer.from(file.wrapped, 'base64'), MASTER_LABEL);
  } catch (error) {
    throw new KeyStoreError(
      `${join(dir, PASSPHRASE_FILE)} is damaged`,
      'Berkas frasa sandi kunci rusak. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
      { cause: error },
    );
  }
}

export const WRONG_PASSPHRASE_ID =
  'Frasa sandi salah. Basis data TIDAK dibuka dan TIDAK diubah. Coba lagi dengan frasa sandi stasiun ini.';

export class PassphraseKeyStore implements KeyStore {
  readonly description: string;
  readonly protection = 'passphrase' as const;
  readonly #dir: string;
  readonly #master: Buffer;
  readonly #params: PassphraseParams;

  private constructor(dir: string, master: Buffer, params: PassphraseParams) {
    this.#dir = dir;
    this.#master = master;
    this.#params = params;
    this.description = `passphrase (scrypt N=${params.N}, r=${params.r}, p=${params.p}): ${dir}`;
  }

  static exists(dir: string): boolean {
    return existsSync(join(dir, PASSPHRASE_FILE));
  }

  /** Sets a passphrase up for a key folder that has none (never replaces one). */
  static async create(
    dir: string,
    passphrase: string,
    params: PassphraseParams = DEFAULT_PASSPHRASE_PARAMS,
  ): Promise<PassphraseKeyStore> {
    checkLength(passphrase);
    const master = randomBytes(32);
    const file = await passphraseFile(passphrase, master, params);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 'wx': an existing passphrase file (another start got there first) is never overwritten.
    writeFileSync(join(dir, PASSPHRASE_FILE), `${JSON.stringify(file, null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return new PassphraseKeyStore(dir, master, params);
  }

  /** Opens the key folder with its passphrase; a wrong one is refused and changes nothing. */
  static async open(dir: string, passphrase: string): Promise<PassphraseKeyStore> {
    const master = await unlock(dir, passphrase);
    const file = readPassphraseFile(dir);
    return new PassphraseKeyStore(dir, master, { N: file.N, r: file.r, p: file.p });
  }

  /**
   * A new passphrase for the same keys: only `passphrase.json` is rewritten (a temporary file
   * renamed over it), so a crash leaves either the old or the new passphrase working. The
   * current passphrase must be given again; a wrong one changes nothing.
   */
  async replacePassphrase(current: string, next: string): Promise<void> {
    checkLength(next);
    const master = await unlock(this.#dir, current);
    if (!master.equals(this.#master)) {
      throw new KeyStoreError('The key folder changed under this store', WRONG_PASSPHRASE_ID);
    }
    const file = await passphraseFile(next, master, this.#params);
    const path = join(this.#dir, PASSPHRASE_FILE);
    const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    const fd = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(file, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  }

  /** The KeyStore port's form of replacePassphrase (the admin screen's handler uses it). */
  async changePassphrase(
    current: string,
    next: string,
  ): Promise<'changed' | 'wrong-passphrase' | 'too-short'> {
    if ([...next.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) return 'too-short';
    try {
      await this.replacePassphrase(current, next);
      return 'changed';
    } catch (error) {
      if (error instanceof KeyStoreError && error.messageId === WRONG_PASSPHRASE_ID) {
        return 'wrong-passphrase';
      }
      throw error;
    }
  }

  load(name: string): Buffer | null {
    const file = this.#file(name);
    if (!existsSync(file)) return null;
    const data = readFileSync(file);
    try {
      return unseal(this.#master, data, name);
    } catch (error) {
      // Never replace a key that does not open: the data it protects would be lost for good.
      throw new KeyStoreError(
        `Key ${file} is damaged`,
        'Berkas kunci stasiun rusak. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
        { cause: error },
      );
    }
  }

  loadOrCreate(name: string): Buffer {
    const existing = this.load(name);
    if (existing) return existing;
    const key = randomBytes(32);
    this.#write(name, key);
    return key;
  }

  /**
   * Moves keys stored by safeStorage's basic_text backend (`<name>.bin`, only obfuscated) under
   * the passphrase: each is written, read back and compared before its `.bin` is deleted.
   * Returns the names moved.
   */
  importFrom(legacy: KeyStore): string[] {
    const moved: string[] = [];
    for (const entry of readdirSync(this.#dir)) {
      const name = /^([a-z][a-z0-9-]{0,40})\.bin$/.exec(entry)?.[1];
      if (!name) continue;
      const key = legacy.load(name);
      if (!key) continue;
      if (!existsSync(this.#file(name))) this.#write(name, key);
      if (!this.load(name)?.equals(key)) {
        throw new KeyStoreError(
          `Key ${name} differs between ${entry} and its passphrase copy`,
          'Kunci stasiun tidak cocok saat dipindahkan. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
        );
      }
      unlinkSync(join(this.#dir, entry));
      moved.push(name);
    }
    return moved;
  }

  #write(name: string, key: Buffer): void {
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.#file(name), seal(this.#master, key, name), { mode: 0o600, flag: 'wx' });
  }

  #file(name: string): string {
    if (!NAME.test(name)) throw new Error(`Bad key name: ${name}`);
    return join(this.#dir, `${name}.pass`);
  }
}

function readPassphraseFile(dir: string): PassphraseFile {
  const path = join(dir, PASSPHRASE_FILE);
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<PassphraseFile>;
  const isInt = (v: unknown, min: number, max: number) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  if (
    parsed.version !== 1 ||
    parsed.kdf !== 'scrypt' ||
    !isInt(parsed.N, 2 ** 14, 2 ** 22) ||
    ((parsed.N as number) & ((parsed.N as number) - 1)) !== 0 ||
    !isInt(parsed.r, 1, 32) ||
    !isInt(parsed.p, 1, 16) ||
    typeof parsed.salt !== 'string' ||
    typeof parsed.check !== 'string' ||
    typeof parsed.wrapped !== 'string'
  ) {
    throw new KeyStoreError(
      `${path} is damaged`,
      'Berkas frasa sandi kunci rusak. Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
    );
  }
  return parsed as PassphraseFile;
}

/** How this start protects the keys, decided before anything is asked or written. */
export type KeyPlan =
  | { kind: 'os-keyring' }
  | { kind: 'passphrase-open' }
  /** No real OS keyring: a new passphrase; `importLegacy` when basic_text keys exist to move. */
  | { kind: 'passphrase-create'; importLegacy: boolean };

export function planKeyProtection(
  dir: string,
  safeStorage: SafeStorageLike,
  platform = process.platform,
): KeyPlan {
  if (PassphraseKeyStore.exists(dir)) return { kind: 'passphrase-open' };
  const isAvailable = safeStorage.isEncryptionAvailable();
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (isAvailable && backend !== 'basic_text') return { kind: 'os-keyring' };
  const hasLegacy = hasLegacyKeys(dir);
  if (hasLegacy && !isAvailable) {
    throw new KeyStoreError(
      'Keys were stored with safeStorage, which reports no encryption now',
      'Kunci stasiun tersimpan di penyimpanan kunci sistem operasi yang kini tidak tersedia. ' +
        'Basis data TIDAK diubah. Hubungi admin Disdukcapil.',
    );
  }
  return { kind: 'passphrase-create', importLegacy: hasLegacy };
}

/**
 * Asks the person at the machine. `open`: the station's passphrase; `create`: a new one (the
 * prompt asks twice). `problem` is the sentence to show above the field after a refusal.
 * Resolves null when they give up (the app then quits, changing nothing).
 */
export type PassphrasePrompt = (
  kind: 'open' | 'create',
  problem: string | null,
) => Promise<string | null>;

/** Wrong passphrases before the app gives up (and quits) for this start. */
export const MAX_PASSPHRASE_TRIES = 5;

/**
 * The key store for this start: the OS keyring when there is a real one, else a passphrase
 * (asked through `prompt`). safeStorage's basic_text backend is refused as protection; keys it
 * holds are moved under the new passphrase.
 */
export async function openKeyStore(
  dir: string,
  safeStorage: SafeStorageLike,
  log: Logger,
  prompt: PassphrasePrompt,
  options: { platform?: NodeJS.Platform; params?: PassphraseParams } = {},
): Promise<(KeyStore & { protection: KeyProtection }) | null> {
  const platform = options.platform ?? process.platform;
  const plan = planKeyProtection(dir, safeStorage, platform);
  if (plan.kind === 'os-keyring') return new SafeStorageKeyStore(dir, safeStorage, log, platform);
  let problem: string | null = null;
  if (plan.kind === 'passphrase-open') {
    for (let attempt = 0; attempt < MAX_PASSPHRASE_TRIES; attempt++) {
      const typed = await prompt('open', problem);
      if (typed === null) return null;
      let store: PassphraseKeyStore;
      try {
        store = await PassphraseKeyStore.open(dir, typed);
      } catch (error) {
        if (!(error instanceof KeyStoreError) || error.messageId !== WRONG_PASSPHRASE_ID)
          throw error;
        log.warn('Wrong key passphrase', { attempt: attempt + 1 });
        problem = error.messageId;
        continue;
      }
      // A start that stopped between setting the passphrase and moving the old keys: finish it.
      if (hasLegacyKeys(dir) && safeStorage.isEncryptionAvailable()) {
        moveLegacy(store, dir, safeStorage, log, platform);
      }
      return store;
    }
    return null;
  }
  log.warn('No OS keyring (safeStorage backend basic_text or none): asking for a key passphrase');
  for (;;) {
    const typed = await prompt('create', problem);
    if (typed === null) return null;
    if ([...typed.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
      problem = `Frasa sandi minimal ${MIN_PASSPHRASE_LENGTH} karakter.`;
      continue;
    }
    const store = await PassphraseKeyStore.create(dir, typed, options.params);
    if (plan.importLegacy) moveLegacy(store, dir, safeStorage, log, platform);
    return store;
  }
}

function hasLegacyKeys(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((entry) => entry.endsWith('.bin'));
}

function moveLegacy(
  store: PassphraseKeyStore,
  dir: string,
  safeStorage: SafeStorageLike,
  log: Logger,
  platform: NodeJS.Platform,
): void {
  const legacy = new SafeStorageKeyStore(dir, safeStorage, log, platform, { allowBasicText: true });
  const moved = store.importFrom(legacy);
  log.info('Moved keys from safeStorage under the passphrase', { keys: moved.join(', ') });
}
