import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo, UserSummary } from '../../contract';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';
import { ADMIN, KIOSK_SESSION as kiosk, OFFICER as SRI } from '../../testing/accounts';

let station: TestStation;
let admin: Client;
let connections = 0;
let mark = 0;
const connect = () => memoryPair(station.dispatcher, `users-${connections++}`, kiosk);

beforeAll(async () => {
  station = await createTestStation();
});
afterAll(() => station.dispose());
beforeEach(async () => {
  station.deps.sqlite.exec('DELETE FROM users');
  mark = station.deps.sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
  admin = connect();
  expect((await admin.send('auth-setup', ADMIN)).ok).toBe(true);
});

async function create(
  args: typeof SRI | { [K in keyof typeof SRI]: string },
): Promise<UserSummary> {
  const result = await admin.send('auth-users-create', args as typeof SRI);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const updatedAudits = () =>
  (
    station.deps.sqlite
      .prepare("SELECT detail FROM audit_log WHERE seq > ? AND action = 'users.updated'")
      .pluck()
      .all(mark) as string[]
  ).map((detail) => JSON.parse(detail) as Record<string, unknown>);

describe('auth-users-create and auth-users-list', () => {
  it('creates an account, audited, and lists accounts without any hash', async () => {
    const sri = await create(SRI);
    expect(sri).toEqual({
      id: expect.any(String),
      username: 'sri',
      displayName: 'Sri Wahyuni',
      role: 'operator',
      isActive: true,
      isLocked: false,
      lockedUntil: null,
      failedAttempts: 0,
      lockedSources: 0,
      createdAt: station.ports.clock.now().toISOString(),
    });
    const list = await admin.send('auth-users-list', {});
    expect(list.ok && list.value.map((u) => u.username)).toEqual(['admin', 'sri']);
    const text = JSON.stringify(list);
    expect(text).not.toMatch(/scrypt|pin|hash/i);
    const audit = station.deps.sqlite
      .prepare("SELECT actor, detail FROM audit_log WHERE seq > ? AND action = 'users.created'")
      .all(mark);
    expect(audit).toEqual([
      {
        actor: 'Rina Admin',
        detail: JSON.stringify({ userId: sri.id, username: 'sri', role: 'operator' }),
      },
    ]);
  });

  it('refuses a taken user name, whatever its case, and a weak PIN', async () => {
    await create(SRI);
    const taken = await admin.send('auth-users-create', { ...SRI, username: 'SRI' });
    expect(taken).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'USERNAME_TAKEN', fields: ['username'] },
    });
    const weak = await admin.send('auth-users-create', { ...SRI, username: 'budi', pin: '999999' });
    expect(weak).toMatchObject({ ok: false, error: { reason: 'WEAK_PIN' } });
  });

  it('is for administrators only', async () => {
    await create({ ...SRI, role: 'supervisor' });
    const supervisor = connect();
    await supervisor.send('auth-login', { username: 'sri', pin: SRI.pin });
    for (const result of [
      await supervisor.send('auth-users-list', {}),
      await supervisor.send('auth-users-create', { ...SRI, username: 'budi' }),
      await connect().send('auth-users-list', {}),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });
});

describe('auth-users-update', () => {
  it('changes only what is given and audits which fields changed, never the PIN', async () => {
    const sri = await create(SRI);
    const result = await admin.send('auth-users-update', {
      id: sri.id,
      role: 'supervisor',
      displayName: 'Sri W.',
      pin: '640218',
      isActive: true,
    });
    expect(result).toMatchObject({
      ok: true,
      value: { role: 'supervisor', displayName: 'Sri W.', isActive: true },
    });
    expect(updatedAudits()).toEqual([
      {
        userId: sri.id,
        username: 'sri',
        changed: ['role', 'displayName', 'pin'],
        role: 'supervisor',
      },
    ]);
    const audit = JSON.stringify(station.deps.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain('640218');
    expect(audit).not.toContain('scrypt$');
    const old = await connect().send('auth-login', { username: 'sri', pin: SRI.pin });
    expect(old).toMatchObject({ ok: false, error: { reason: 'LOGIN_FAILED' } });
    const fresh = await connect().send('auth-login', { username: 'sri', pin: '640218' });
    expect(fresh).toMatchObject({ ok: true, value: { role: 'supervisor', userName: 'Sri W.' } });
  });

  it('writes nothing when nothing really changes', async () => {
    const sri = await create(SRI);
    const result = await admin.send('auth-users-update', { id: sri.id, role: 'operator' });
    expect(result).toEqual({ ok: true, value: sri });
    expect(updatedAudits()).toEqual([]);
  });

  it('refuses an empty change, an unknown id and a weak PIN', async () => {
    const sri = await create(SRI);
    expect(await admin.send('auth-users-update', { id: sri.id })).toMatchObject({
      error: { code: 'INVALID_ARGS' },
    });
    expect(await admin.send('auth-users-update', { id: 'nope', isActive: false })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await admin.send('auth-users-update', { id: sri.id, pin: '246810' })).toMatchObject({
      ok: true,
    });
    expect(await admin.send('auth-users-update', { id: sri.id, pin: '343434' })).toMatchObject({
      error: { reason: 'WEAK_PIN' },
    });
  });

  it('never demotes or deactivates the last active administrator', async () => {
    const list = await admin.send('auth-users-list', {});
    const me = list.ok ? list.value[0] : undefined;
    if (!me) throw new Error('no admin');
    for (const change of [{ role: 'supervisor' }, { isActive: false }] as const) {
      expect(await admin.send('auth-users-update', { id: me.id, ...change })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', reason: 'LAST_ADMIN' },
      });
    }
    // With a second active admin the first may step down.
    const other = await create({ ...SRI, username: 'budi', role: 'admin' });
    expect(await admin.send('auth-users-update', { id: me.id, role: 'supervisor' })).toMatchObject({
      ok: true,
    });
    // ... and then the second is the last one.
    const second = connect();
    await second.send('auth-login', { username: 'budi', pin: SRI.pin });
    expect(await second.send('auth-users-update', { id: other.id, isActive: false })).toMatchObject(
      {
        error: { reason: 'LAST_ADMIN' },
      },
    );
  });

  it('ends the signed-in sessions of an account that is deactivated or changed', async () => {
    const sri = await create(SRI);
    const desk = connect();
    await desk.send('auth-login', { username: 'sri', pin: SRI.pin });
    const pushed: SessionInfo[] = [];
    desk.listen('session-changed', (info) => pushed.push(info));
    await admin.send('auth-users-update', { id: sri.id, displayName: 'Sri W.' });
    expect(pushed).toEqual([]);
    await admin.send('auth-users-update', { id: sri.id, isActive: false });
    expect(pushed).toMatchObject([{ role: 'kiosk', userName: null, mode: 'kiosk' }]);
    expect(await desk.send('kiosk-queue-list', { limit: 1 })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    // The admin's own session is untouched.
    expect((await admin.send('auth-users-list', {})).ok).toBe(true);
  });
});
