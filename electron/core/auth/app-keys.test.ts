import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../transport/client';
import type { ConnectionSource } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import type { KeyStore } from '../../protocol/key-store';
import { createTestStation, type TestStation } from '../../testing/station';
import { ADMIN, KIOSK_SESSION as kiosk } from '../../testing/accounts';

let station: TestStation;
let fileStore: KeyStore;
let connections = 0;

/** A passphrase store stand-in: remembers its passphrase, as PassphraseKeyStore does on disk. */
function passphraseStore(passphrase: string): KeyStore & { passphrase: string; calls: number } {
  const store = {
    description: 'passphrase (test)',
    protection: 'passphrase' as const,
    passphrase,
    calls: 0,
    load: (name: string) => fileStore.load(name),
    loadOrCreate: (name: string) => fileStore.loadOrCreate(name),
    changePassphrase: (current: string, next: string) => {
      store.calls++;
      if (next.length < 12) return Promise.resolve('too-short' as const);
      if (current !== store.passphrase) return Promise.resolve('wrong-passphrase' as const);
      store.passphrase = next;
      return Promise.resolve('changed' as const);
    },
  };
  return store;
}

const connectFrom = (source: ConnectionSource): Client =>
  memoryPair(station.dispatcher, `keys-${connections++}`, kiosk, source);

async function admin(source: ConnectionSource): Promise<Client> {
  const client = connectFrom(source);
  expect((await client.send('auth-login', { username: ADMIN.username, pin: ADMIN.pin })).ok).toBe(
    true,
  );
  return client;
}

const LOCAL: ConnectionSource = { transport: 'ipc', address: 'ipc', local: true };
const audits = () =>
  station.deps.sqlite
    .prepare("SELECT action, detail FROM audit_log WHERE action LIKE 'keys.%' ORDER BY seq")
    .all() as { action: string; detail: string }[];

beforeAll(async () => {
  station = await createTestStation();
  fileStore = station.ports.keyStore;
  expect((await connectFrom(LOCAL).send('auth-setup', ADMIN)).ok).toBe(true);
});
afterAll(() => station.dispose());
beforeEach(() => {
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(60_000);
  station.ports.keyStore = fileStore;
});

describe('finding 1.11: auth-passphrase-change', () => {
  it('lets an administrator at the machine set a new passphrase, audited without it', async () => {
    const store = passphraseStore('frasa lama yang panjang');
    station.ports.keyStore = store;
    const client = await admin(LOCAL);
    const wrong = await client.send('auth-passphrase-change', {
      current: 'bukan frasa ini',
      next: 'frasa baru yang panjang',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'WRONG_PASSPHRASE', fields: ['current'] },
    });
    expect(store.passphrase).toBe('frasa lama yang panjang');
    const short = await client.send('auth-passphrase-change', {
      current: 'frasa lama yang panjang',
      next: 'pendek',
    });
    expect(short).toMatchObject({ error: { reason: 'SHORT_PASSPHRASE', fields: ['next'] } });
    const changed = await client.send('auth-passphrase-change', {
      current: 'frasa lama yang panjang',
      next: 'frasa baru yang panjang',
    });
    expect(changed).toEqual({ ok: true, value: {} });
    expect(store.passphrase).toBe('frasa baru yang panjang');
    expect(audits().map((a) => a.action)).toEqual([
      'keys.passphrase-refused',
      'keys.passphrase-changed',
    ]);
    expect(JSON.stringify(audits())).not.toMatch(/frasa/);
  });

  it('refuses an administrator on another machine without asking the key store', async () => {
    const store = passphraseStore('frasa lama yang panjang');
    station.ports.keyStore = store;
    const client = await admin({ transport: 'ws', address: '192.168.1.9', local: false });
    const result = await client.send('auth-passphrase-change', {
      current: 'frasa lama yang panjang',
      next: 'frasa baru yang panjang',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'KEYS_NOT_LOCAL' },
    });
    expect(store.calls).toBe(0);
  });

  it('says NOT_PASSPHRASE on a station whose keys are not under a passphrase', async () => {
    const client = await admin(LOCAL);
    const result = await client.send('auth-passphrase-change', {
      current: 'x',
      next: 'frasa baru yang panjang',
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_PASSPHRASE' },
    });
    expect(await client.send('station-status', {})).toMatchObject({
      ok: true,
      value: { database: { keyProtection: 'file' } },
    });
  });

  it('is for administrators only', async () => {
    const result = await connectFrom(LOCAL).send('auth-passphrase-change', {
      current: 'x',
      next: 'y',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
