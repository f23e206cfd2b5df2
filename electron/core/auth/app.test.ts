import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../contract';
import { putSetting } from '../../../db/queries/settings';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';
import { ADMIN, KIOSK_SESSION as kiosk, OFFICER } from '../../testing/accounts';

let station: TestStation;
let connections = 0;
const connect = () => memoryPair(station.dispatcher, `auth-${connections++}`, kiosk);

let mark = 0;

// One station for the file (opening one takes a second or two); each test starts with no accounts.
beforeAll(async () => {
  station = await createTestStation();
});
afterAll(() => station.dispose());
beforeEach(() => {
  // login_locks rows go with their users (on delete cascade).
  station.deps.sqlite.exec("DELETE FROM users; DELETE FROM settings WHERE key LIKE 'auth.%'");
  // A minute later every sign-in bucket is full again (finding 1.9), whatever the last test did.
  advance(60_000);
  mark = station.deps.sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
});

const now = () => station.ports.clock.now().getTime();
const advance = (ms: number) =>
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(ms);

function audits(prefix: string): { action: string; actor: string; role: string; detail: string }[] {
  return station.deps.sqlite
    .prepare(
      'SELECT action, actor, role, detail FROM audit_log WHERE seq > ? AND action LIKE ? ORDER BY seq',
    )
    .all(mark, `${prefix}%`) as { action: string; actor: string; role: string; detail: string }[];
}

/** Failures of the account counted for the source (in-process clients by default). */
const failedAttempts = (username: string, source = 'memory') =>
  (station.deps.sqlite
    .prepare(
      'SELECT l.failed_attempts FROM login_locks l JOIN users u ON u.id = l.user_id WHERE u.username = ? AND l.source = ?',
    )
    .pluck()
    .get(username, source) as number | undefined) ?? 0;

/** Setup on one connection, then an operator account made by that admin. */
async function withOfficer(): Promise<Client> {
  const admin = connect();
  expect((await admin.send('auth-setup', ADMIN)).ok).toBe(true);
  expect((await admin.send('auth-users-create', OFFICER)).ok).toBe(true);
  return admin;
}

describe('first-run setup', () => {
  it('creates the first admin once, signs that connection in, and then says SETUP_DONE', async () => {
    const client = connect();
    expect(await client.send('auth-setup-status', {})).toEqual({
      ok: true,
      value: { hasAdmin: false, needsCode: false, isAllowedHere: true },
    });
    const pushed: SessionInfo[] = [];
    client.listen('session-changed', (info) => pushed.push(info));
    const result = await client.send('auth-setup', ADMIN);
    expect(result).toMatchObject({
      ok: true,
      value: { role: 'admin', userName: 'Rina Admin', mode: 'officer' },
    });
    expect(pushed).toEqual([result.ok && result.value]);
    expect(await client.send('auth-setup-status', {})).toMatchObject({
      ok: true,
      value: { hasAdmin: true },
    });
    const again = await connect().send('auth-setup', { ...ADMIN, username: 'second' });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'SETUP_DONE' } });
    expect(audits('auth.').map((a) => [a.action, a.actor, a.role])).toEqual([
      ['auth.setup', 'Rina Admin', 'admin'],
      ['auth.login', 'Rina Admin', 'admin'],
    ]);
    expect(JSON.stringify(audits('auth.'))).not.toContain(ADMIN.pin);
  });

  it.each(['111111', '123456', '654321', '890123', '121212', 'abcdef'])(
    'refuses the weak PIN %s with WEAK_PIN and creates nothing',
    async (pin) => {
      const result = await connect().send('auth-setup', { ...ADMIN, pin });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS', reason: 'WEAK_PIN', fields: ['pin'] },
      });
      expect(await connect().send('auth-setup-status', {})).toMatchObject({
        value: { hasAdmin: false },
      });
    },
  );

  it.each([
    [{ ...ADMIN, username: 'ab' }, 'username'],
    [{ ...ADMIN, username: 'rina admin' }, 'username'],
    [{ ...ADMIN, displayName: '  ' }, 'displayName'],
    [{ ...ADMIN, pin: '48291' }, 'pin'],
    [{ ...ADMIN, pin: '4'.repeat(30) + '2'.repeat(35) }, 'pin'],
  ])('validates %o', async (args, field) => {
    const result = await connect().send('auth-setup', args);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGS', fields: [field] } });
  });

  it('stores the user name in lower case', async () => {
    await connect().send('auth-setup', { ...ADMIN, username: '  Rina.A ' });
    const result = await connect().send('auth-login', { username: 'rina.a', pin: ADMIN.pin });
    expect(result.ok).toBe(true);
  });
});

describe('auth-login', () => {
  it('changes the session, and the role decides what the connection may call', async () => {
    await withOfficer();
    const client = connect();
    expect((await client.send('audit-list', { limit: 5 })).ok).toBe(false);
    const pushed: SessionInfo[] = [];
    client.listen('session-changed', (info) => pushed.push(info));
    const login = await client.send('auth-login', { username: 'SRI', pin: OFFICER.pin });
    expect(login).toMatchObject({
      ok: true,
      value: { role: 'operator', userName: 'Sri Wahyuni', mode: 'officer' },
    });
    expect(pushed).toHaveLength(1);
    expect(await client.send('station-session-get', {})).toEqual(login);
    // Operator: the officer handlers, but not the supervisor's audit log.
    expect((await client.send('kiosk-queue-list', { limit: 5 })).ok).toBe(true);
    expect(await client.send('audit-list', { limit: 5 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const admin = connect();
    await admin.send('auth-login', { username: 'admin', pin: ADMIN.pin });
    expect((await admin.send('audit-list', { limit: 5 })).ok).toBe(true);
    const last = audits('auth.login').at(-2);
    expect(last).toMatchObject({ action: 'auth.login', actor: 'Sri Wahyuni', role: 'operator' });
  });

  it('answers an unknown user exactly like a wrong PIN, and audits both', async () => {
    await withOfficer();
    const wrongPin = await connect().send('auth-login', { username: 'sri', pin: '000001' });
    const unknown = await connect().send('auth-login', { username: 'nobody', pin: '000001' });
    expect(wrongPin).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGS',
        reason: 'LOGIN_FAILED',
        message: 'Unknown user name or wrong PIN',
      },
    });
    expect(unknown).toEqual(wrongPin);
    expect(audits('auth.login-failed').map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      expect.objectContaining({ username: 'sri', reason: 'wrong-pin', failedAttempts: 1 }),
      { username: 'nobody', reason: 'unknown-user', source: 'memory' },
    ]);
    expect(audits('auth.login-failed').every((a) => a.actor === 'kiosk')).toBe(true);
  });

  it('treats an inactive account like an unknown one, even with the right PIN', async () => {
    const admin = await withOfficer();
    const list = await admin.send('auth-users-list', {});
    const sri = list.ok ? list.value.find((u) => u.username === 'sri') : undefined;
    await admin.send('auth-users-update', { id: sri?.id ?? '', isActive: false });
    const result = await connect().send('auth-login', { username: 'sri', pin: OFFICER.pin });
    expect(result).toMatchObject({ ok: false, error: { reason: 'LOGIN_FAILED' } });
    expect(failedAttempts('sri')).toBe(0);
  });

  it('resets the failure count after a successful login', async () => {
    await withOfficer();
    const client = connect();
    for (let i = 0; i < 4; i++) await client.send('auth-login', { username: 'sri', pin: '000001' });
    expect(failedAttempts('sri')).toBe(4);
    expect((await client.send('auth-login', { username: 'sri', pin: OFFICER.pin })).ok).toBe(true);
    expect(failedAttempts('sri')).toBe(0);
  });
});

describe('lockout', () => {
  it('locks on the fifth wrong PIN, refuses the right PIN while locked, then lets it in', async () => {
    await withOfficer();
    const client = connect();
    const attempt = (pin: string) => client.send('auth-login', { username: 'sri', pin });
    for (let i = 1; i <= 4; i++) {
      expect(await attempt(`00000${i}`)).toMatchObject({ error: { reason: 'LOGIN_FAILED' } });
    }
    const until = new Date(now() + 15 * 60_000).toISOString();
    const fifth = await attempt('000005');
    expect(fifth).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'ACCOUNT_LOCKED',
        message: `Account locked until ${until}`,
      },
    });
    expect(audits('auth.locked').map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      expect.objectContaining({ username: 'sri', lockedUntil: until, minutes: 15 }),
    ]);

    advance(15 * 60_000 - 1);
    expect(await attempt(OFFICER.pin)).toEqual(fifth);
    expect(audits('auth.login-refused-locked')).toHaveLength(1);
    expect(failedAttempts('sri')).toBe(5);

    advance(1);
    expect(await attempt(OFFICER.pin)).toMatchObject({ ok: true, value: { role: 'operator' } });
    expect(failedAttempts('sri')).toBe(0);
  });

  it('gives five fresh tries once a lock has run out', async () => {
    await withOfficer();
    const client = connect();
    const attempt = () => client.send('auth-login', { username: 'sri', pin: '000009' });
    for (let i = 0; i < 5; i++) await attempt();
    advance(15 * 60_000);
    expect(await attempt()).toMatchObject({ error: { reason: 'LOGIN_FAILED' } });
    expect(failedAttempts('sri')).toBe(1);
  });

  it('takes the lock time from the auth.lock-minutes setting', async () => {
    await withOfficer();
    await putSetting(station.deps.db, 'auth.lock-minutes', 2, new Date(now()).toISOString());
    const client = connect();
    let last;
    for (let i = 0; i < 5; i++)
      last = await client.send('auth-login', { username: 'sri', pin: '0' });
    const until = new Date(now() + 2 * 60_000).toISOString();
    expect(last).toMatchObject({ error: { message: `Account locked until ${until}` } });
  });

  it('lets an admin unlock the account at once', async () => {
    const admin = await withOfficer();
    const client = connect();
    for (let i = 0; i < 5; i++) await client.send('auth-login', { username: 'sri', pin: '0' });
    const list = await admin.send('auth-users-list', {});
    const sri = list.ok ? list.value.find((u) => u.username === 'sri') : undefined;
    expect(sri).toMatchObject({ isLocked: true, failedAttempts: 5, lockedSources: 1 });
    const unlocked = await admin.send('auth-users-update', { id: sri?.id ?? '', unlock: true });
    expect(unlocked).toMatchObject({
      ok: true,
      value: { isLocked: false, failedAttempts: 0, lockedSources: 0 },
    });
    expect(audits('users.updated').map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      expect.objectContaining({ username: 'sri', changed: ['unlock'] }),
    ]);
    expect((await client.send('auth-login', { username: 'sri', pin: OFFICER.pin })).ok).toBe(true);
  });
});

describe('logout and idle lock', () => {
  it.each([
    ['auth-logout', 'auth.logout'],
    ['auth-lock', 'auth.idle-locked'],
  ] as const)('%s returns the connection to the kiosk, audited %s', async (name, action) => {
    await withOfficer();
    const client = connect();
    await client.send('auth-login', { username: 'sri', pin: OFFICER.pin });
    const result = await client.send(name, {});
    expect(result).toMatchObject({
      ok: true,
      value: { role: 'kiosk', userName: null, mode: 'kiosk' },
    });
    expect(await client.send('kiosk-queue-list', { limit: 5 })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(audits(action)).toMatchObject([{ actor: 'Sri Wahyuni', role: 'operator' }]);
  });

  it('leaves the training switch working as before', async () => {
    const client = connect();
    const result = await client.send('station-demo-switch', { mode: 'officer' });
    expect(result).toMatchObject({ ok: true, value: { role: 'supervisor', mode: 'officer' } });
    expect((await client.send('auth-logout', {})).ok).toBe(true);
  });
});

/** A connection from a given source: a socket from `address` (not the machine) by default. */
function connectFrom(address: string, local = false): Client {
  return memoryPair(station.dispatcher, `auth-${connections++}`, kiosk, {
    transport: 'ws',
    address,
    local,
  });
}

describe('finding 1.9: sign-in throttling per connection and per address', () => {
  it('answers RATE_LIMITED, without touching the database, to a flood against a locked account', async () => {
    await withOfficer();
    const attacker = connectFrom('192.168.1.66');
    const attempt = () => attacker.send('auth-login', { username: 'sri', pin: '0' });
    // The connection's burst of 10: five wrong PINs lock the account, five more are refused.
    const burst = [];
    for (let i = 0; i < 10; i++) burst.push(await attempt());
    expect(burst.slice(4).map((a) => !a.ok && a.error.reason)).toEqual(
      Array<string>(6).fill('ACCOUNT_LOCKED'),
    );
    const changes = () => station.deps.sqlite.prepare('SELECT total_changes()').pluck().get();
    const before = changes();
    const flood = await Promise.all(Array.from({ length: 2_000 }, attempt));
    expect(flood.every((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true);
    expect(flood[0]).toMatchObject({
      error: { code: 'RATE_LIMITED', retryAfterMs: 3_000, message: expect.stringMatching(/3 s/) },
    });
    // Not one row written (no audit entry, no failure count) for the 2,000 throttled calls.
    expect(changes()).toBe(before);
  });

  it('limits the address across connections, not other addresses, and refills with time', async () => {
    await withOfficer();
    const tries = (client: Client, n: number) =>
      Promise.all(
        Array.from({ length: n }, () => client.send('auth-login', { username: 'x', pin: '0' })),
      );
    const codes = (answers: Awaited<ReturnType<typeof tries>>) =>
      answers.map((a) => (a.ok ? 'ok' : a.error.code === 'RATE_LIMITED' ? 'limited' : 'answered'));
    // Two connections from one address share its burst of 20 (10 each).
    expect(codes(await tries(connectFrom('10.0.0.9'), 12))).toEqual([
      ...Array<string>(10).fill('answered'),
      'limited',
      'limited',
    ]);
    expect(codes(await tries(connectFrom('10.0.0.9'), 10))).toEqual(
      Array<string>(10).fill('answered'),
    );
    const third = await tries(connectFrom('10.0.0.9'), 1);
    expect(third[0]).toMatchObject({ error: { code: 'RATE_LIMITED', retryAfterMs: 1_500 } });
    // Another address is not affected; the same one gets a token back after the wait.
    expect(codes(await tries(connectFrom('10.0.0.10'), 1))).toEqual(['answered']);
    advance(1_500);
    expect(codes(await tries(connectFrom('10.0.0.9'), 2))).toEqual(['answered', 'limited']);
  });

  it('throttles auth-setup too, before anything else is checked', async () => {
    const client = connect();
    const answers = await Promise.all(
      Array.from({ length: 11 }, () => client.send('auth-setup', { ...ADMIN, pin: '111111' })),
    );
    expect(answers.slice(0, 10)).toMatchObject(
      Array.from({ length: 10 }, () => ({ error: { reason: 'WEAK_PIN' } })),
    );
    expect(answers[10]).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});

describe('finding 1.10: a lock holds for the failing source only, with growing backoff', () => {
  it('five wrong PINs from a kiosk socket do not lock the administrator out at the machine', async () => {
    await withOfficer();
    const kioskSocket = connectFrom('192.168.1.77');
    for (let i = 1; i <= 5; i++) {
      await kioskSocket.send('auth-login', { username: 'admin', pin: `wrong-${i}` });
    }
    expect(
      await kioskSocket.send('auth-login', { username: 'admin', pin: ADMIN.pin }),
    ).toMatchObject({ ok: false, error: { reason: 'ACCOUNT_LOCKED' } });
    expect(failedAttempts('admin', 'ws:192.168.1.77')).toBe(5);

    // The administrator at the machine (a local window) signs in at once.
    const atMachine = connect();
    expect(await atMachine.send('auth-login', { username: 'admin', pin: ADMIN.pin })).toMatchObject(
      { ok: true, value: { role: 'admin' } },
    );
    // So does a browser on the machine's loopback, another source.
    expect(
      (
        await connectFrom('127.0.0.1', true).send('auth-login', {
          username: 'admin',
          pin: ADMIN.pin,
        })
      ).ok,
    ).toBe(true);
    // The attacker's source stays locked, even after the admin's success elsewhere.
    expect(
      await kioskSocket.send('auth-login', { username: 'admin', pin: ADMIN.pin }),
    ).toMatchObject({ ok: false, error: { reason: 'ACCOUNT_LOCKED' } });
    expect(audits('auth.locked').map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      expect.objectContaining({ username: 'admin', minutes: 15, source: 'ws:192.168.1.77' }),
    ]);
    const list = await atMachine.send('auth-users-list', {});
    expect(list.ok && list.value.find((u) => u.username === 'admin')).toMatchObject({
      isLocked: true,
      lockedSources: 1,
    });
  });

  it('doubles the lock each time the same source comes back after it ran out', async () => {
    await withOfficer();
    const lockedFor = async (client: Client) => {
      let last;
      for (let i = 0; i < 5; i++)
        last = await client.send('auth-login', { username: 'sri', pin: '0' });
      expect(last).toMatchObject({ error: { reason: 'ACCOUNT_LOCKED' } });
      const detail = JSON.parse(audits('auth.locked').at(-1)?.detail ?? '{}') as {
        minutes: number;
      };
      return detail.minutes;
    };
    const minutes: number[] = [];
    for (let round = 0; round < 3; round++) {
      minutes.push(await lockedFor(connectFrom('192.168.1.88')));
      advance(minutes.at(-1)! * 60_000);
    }
    expect(minutes).toEqual([15, 30, 60]);
    // A success from that source ends the backoff: the next lock is 15 minutes again.
    expect(
      (await connectFrom('192.168.1.88').send('auth-login', { username: 'sri', pin: OFFICER.pin }))
        .ok,
    ).toBe(true);
    expect(await lockedFor(connectFrom('192.168.1.88'))).toBe(15);
  });
});
