import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../transport/client';
import type { ConnectionSource } from '../../transport/dispatcher';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  formatSetupCode,
  MAX_SETUP_CODE_ATTEMPTS,
  normalizeSetupCode,
  SETUP_CODE_ALPHABET,
  SETUP_CODE_LENGTH,
  SetupCodes,
} from './setup-code';
import { ADMIN, KIOSK_SESSION as kiosk } from '../../testing/accounts';

describe('setup codes', () => {
  it('are 10 characters of an alphabet without look-alikes, and read back however typed', () => {
    const codes = new SetupCodes();
    const code = codes.issue();
    expect(code).toMatch(new RegExp(`^[${SETUP_CODE_ALPHABET}]{${SETUP_CODE_LENGTH}}$`));
    expect(SETUP_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
    expect(new Set(Array.from({ length: 50 }, () => codes.issue())).size).toBe(50);
    expect(normalizeSetupCode(` ${formatSetupCode(code).toLowerCase()} `)).toBe(code);
  });

  it('work once, and a wrong code counts until the code is replaced and announced', () => {
    const codes = new SetupCodes();
    const announced: string[] = [];
    codes.onIssued((code) => announced.push(code));
    const first = codes.issue();
    expect(announced).toEqual([first]);
    for (let i = 1; i < MAX_SETUP_CODE_ATTEMPTS; i++)
      expect(codes.redeem('AAAAAAAAAA')).toBe('wrong');
    expect(codes.redeem('AAAAAAAAAA')).toBe('renewed');
    expect(announced).toHaveLength(2);
    const second = announced[1] ?? '';
    expect(second).not.toBe(first);
    expect(codes.redeem(first)).toBe('wrong');
    expect(codes.redeem(second)).toBe('ok');
    expect(codes.redeem(second)).toBe('none');
    expect(codes.current()).toBeNull();
  });
});

/** A real (non-training) station: the setup code is needed. */
let station: TestStation;
let connections = 0;

const connectFrom = (source: ConnectionSource): Client =>
  memoryPair(station.dispatcher, `setup-${connections++}`, kiosk, source);
const LOCAL_WINDOW: ConnectionSource = { transport: 'ipc', address: 'ipc', local: true };
const LAN_SOCKET: ConnectionSource = { transport: 'ws', address: '192.168.1.40', local: false };

/** Every user and audit row, so "nothing written" is checked on the data itself. */
const snapshot = () =>
  JSON.stringify([
    station.deps.sqlite.prepare('SELECT * FROM users ORDER BY id').all(),
    station.deps.sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').all(),
  ]);
const advance = (ms: number) =>
  (station.ports.clock as unknown as { advance(ms: number): void }).advance(ms);

let codeAtStart: string | null = null;
beforeAll(async () => {
  station = await createTestStation({ demo: false });
  codeAtStart = station.auth.setupCodes.current();
});
afterAll(() => station.dispose());
beforeEach(async () => {
  station.deps.sqlite.exec('DELETE FROM users');
  advance(60_000); // full sign-in buckets
  await station.auth.issueSetupCode();
});

const code = () => station.auth.setupCodes.current() ?? '';

describe('finding 1.2: first-run setup on a real station needs the machine and its one-time code', () => {
  it('made a code at start, which the status does not show', async () => {
    expect(codeAtStart).toMatch(/^[A-Z2-9]{10}$/);
    const status = await connectFrom(LOCAL_WINDOW).send('auth-setup-status', {});
    expect(status).toEqual({
      ok: true,
      value: { hasAdmin: false, needsCode: true, isAllowedHere: true },
    });
    expect(JSON.stringify(status)).not.toContain(code());
  });

  it('refuses a socket from another machine, even with the right code, and writes nothing', async () => {
    const remote = connectFrom(LAN_SOCKET);
    expect(await remote.send('auth-setup-status', {})).toMatchObject({
      value: { needsCode: true, isAllowedHere: false },
    });
    const before = snapshot();
    const result = await remote.send('auth-setup', { ...ADMIN, code: code() });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', reason: 'SETUP_NOT_LOCAL' },
    });
    expect(snapshot()).toBe(before);
    // The code was not spent on the refusal: the machine itself can still use it.
    expect(
      (await connectFrom(LOCAL_WINDOW).send('auth-setup', { ...ADMIN, code: code() })).ok,
    ).toBe(true);
  });

  it('refuses the kiosk screen of the machine without the code, or with a wrong one', async () => {
    const screen = connectFrom(LOCAL_WINDOW);
    const before = snapshot();
    for (const typed of [undefined, '', 'AAAAA-AAAAA']) {
      const result = await screen.send('auth-setup', { ...ADMIN, code: typed });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGS', reason: 'SETUP_CODE_WRONG', fields: ['code'] },
      });
    }
    expect(snapshot()).toBe(before);
    expect(await screen.send('station-session-get', {})).toMatchObject({
      ok: true,
      value: { role: 'kiosk' },
    });
  });

  it('replaces the code after five wrong ones: guessing gets nowhere, the new code works', async () => {
    const screen = connectFrom(LOCAL_WINDOW);
    const original = code();
    const announced: string[] = [];
    const stop = station.auth.setupCodes.onIssued((next) => announced.push(next));
    const before = snapshot();
    const reasons = [];
    for (let i = 0; i < 5; i++) {
      const result = await screen.send('auth-setup', { ...ADMIN, code: `WRONG${i}WRONG` });
      reasons.push(!result.ok && result.error.reason);
    }
    stop();
    expect(reasons).toEqual([...Array<string>(4).fill('SETUP_CODE_WRONG'), 'SETUP_CODE_RENEWED']);
    expect(announced).toHaveLength(1);
    expect(await screen.send('auth-setup', { ...ADMIN, code: original })).toMatchObject({
      error: { reason: 'SETUP_CODE_WRONG' },
    });
    expect(snapshot()).toBe(before);
    const typed = formatSetupCode(announced[0] ?? '').toLowerCase();
    expect(await screen.send('auth-setup', { ...ADMIN, code: typed })).toMatchObject({
      ok: true,
      value: { role: 'admin' },
    });
  });

  it('takes a code once: reused after its setup it is refused and writes nothing', async () => {
    const used = code();
    expect((await connectFrom(LOCAL_WINDOW).send('auth-setup', { ...ADMIN, code: used })).ok).toBe(
      true,
    );
    expect(station.auth.setupCodes.current()).toBeNull();
    // An administrator exists: a restart makes no code.
    expect(await station.auth.issueSetupCode()).toBeNull();
    // Even with the accounts gone (a restored backup without users), the used code stays used.
    station.deps.sqlite.exec('DELETE FROM users');
    const before = snapshot();
    const again = await connectFrom(LOCAL_WINDOW).send('auth-setup', {
      ...ADMIN,
      username: 'second',
      code: used,
    });
    expect(again).toMatchObject({ ok: false, error: { reason: 'SETUP_CODE_WRONG' } });
    expect(snapshot()).toBe(before);
  });

  it('lets a browser on the machine (loopback socket) set up with the code', async () => {
    const loopback = connectFrom({ transport: 'ws', address: '127.0.0.1', local: true });
    const result = await loopback.send('auth-setup', { ...ADMIN, code: code() });
    expect(result).toMatchObject({ ok: true, value: { role: 'admin', mode: 'officer' } });
  });
});
