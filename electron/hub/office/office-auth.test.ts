import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OfficeAccount, OfficeSessionInfo } from '../../contract/office';
import { HUB_BACKENDS } from '../../testing/hub';
import {
  hubFingerprint,
  startTestOffice,
  type OfficeClient,
  type TestOffice,
} from '../../testing/office';

/**
 * Sign-in, sessions, the CSRF and Host defences, the audit chain, photos and the page
 * (issue 15, "Must be shown": the lockout and cross-site tests). Real HTTP on a real hub; the
 * hub's clock is injected, so idle and lockout times pass without waiting.
 */
const START = Date.parse('2026-12-08T01:00:00.000Z');

describe.each(HUB_BACKENDS)('back-office sign-in and defences (%s)', (backend) => {
  let office: TestOffice;
  let clock = START;
  const minutes = (n: number) => {
    clock += n * 60_000;
  };
  const open = (extra: Parameters<typeof startTestOffice>[0] = {}) =>
    startTestOffice({ backend, now: () => new Date(clock), ...extra });

  beforeEach(async () => {
    clock = START;
    office = await open();
  });
  afterEach(async () => {
    await office.close();
  });

  const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
    office.request({ method: 'POST', path, headers, body: JSON.stringify(body) });
  const userCount = async () =>
    (await office.hub.db.selectFrom('office_users').select('id').execute()).length;

  it('sets the session cookie Secure, HttpOnly, SameSite=Strict and stores only its hash', async () => {
    const user = await office.createUser('verifikator');
    const answer = await office.login(user.userName, user.password);
    expect(answer.status).toBe(200);
    const cookie = answer.headers['set-cookie'] ?? [];
    expect(cookie).toHaveLength(1);
    expect(cookie[0]).toMatch(
      /^lm_office=[A-Za-z0-9_-]{43}; Path=\/; Secure; HttpOnly; SameSite=Strict$/,
    );
    const token = /^lm_office=([^;]+)/.exec(cookie[0] ?? '')?.[1] ?? '';
    const info = answer.json<OfficeSessionInfo>();
    expect(info).toMatchObject({ userName: user.userName, role: 'verifikator', idleSeconds: 900 });
    const rows = await office.hub.db.selectFrom('office_sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers an unknown user and a wrong password alike, and audits both without the password', async () => {
    const user = await office.createUser('pemantau');
    const wrong = await office.login(user.userName, 'salah-salah-salah');
    const unknown = await office.login('tidak.ada', 'salah-salah-salah');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const audit = await office.hub.db
      .selectFrom('office_audit')
      .selectAll()
      .where('action', '=', 'session.login-failed')
      .orderBy('seq')
      .execute();
    expect(audit.map((row) => [row.user_name, JSON.parse(row.detail).why])).toEqual([
      [user.userName, 'password'],
      ['tidak.ada', 'unknown-user'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('salah-salah-salah');
  });

  it('locks an account after 5 failures in a row: the 6th try with the right password is refused until an admin unlocks', async () => {
    const user = await office.createUser('verifikator');
    for (let i = 0; i < 5; i += 1)
      expect((await office.login(user.userName, `salah-${i}-xxxxxx`)).status).toBe(401);
    const locked = await office.login(user.userName, user.password);
    expect(locked.status).toBe(423);
    expect(locked.json()).toMatchObject({
      reason: 'LOCKED',
      lockedUntil: new Date(clock + 15 * 60_000).toISOString(),
    });
    expect(locked.headers['set-cookie']).toBeUndefined();
    minutes(14);
    expect((await office.login(user.userName, user.password)).status).toBe(423);

    const admin = await office.signInAs('admin');
    const listed = await admin.call('accounts-list', {});
    const account = (listed.body as { accounts: OfficeAccount[] }).accounts.find(
      (a) => a.id === user.id,
    );
    expect(account?.lockedUntil).toBe(new Date(START + 15 * 60_000).toISOString());
    const unlocked = await admin.call('accounts-update', { userId: user.id, unlock: true });
    expect(unlocked.status).toBe(200);
    expect((unlocked.body as OfficeAccount).lockedUntil).toBeNull();
    expect((await office.login(user.userName, user.password)).status).toBe(200);
  });

  it('lets a locked account in again once the 15 minutes passed', async () => {
    const user = await office.createUser('penandatangan');
    for (let i = 0; i < 5; i += 1) await office.login(user.userName, `salah-${i}-xxxxxx`);
    expect((await office.login(user.userName, user.password)).status).toBe(423);
    minutes(15);
    expect((await office.login(user.userName, user.password)).status).toBe(200);
  });

  it('locks an unknown user name alike (no way to tell real names by the lockout)', async () => {
    for (let i = 0; i < 5; i += 1)
      expect((await office.login('tidak.ada', `salah-${i}-xxxxxx`)).status).toBe(401);
    const answer = await office.login('tidak.ada', 'salah-xxxxxxxx');
    expect(answer.status).toBe(423);
    expect(answer.json<{ reason: string }>().reason).toBe('LOCKED');
  });

  it('limits login attempts per client address', async () => {
    await office.close();
    office = await open({ office: { auth: { loginsPerMinute: 3 } } });
    const user = await office.createUser('admin');
    for (let i = 0; i < 3; i += 1) await office.login('tidak.ada', `salah-${i}-xxxxxx`);
    const limited = await office.login(user.userName, user.password);
    expect(limited.status).toBe(429);
    expect(limited.json<{ reason: string }>().reason).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    minutes(1);
    expect((await office.login(user.userName, user.password)).status).toBe(200);
  });

  describe('cross-site requests are refused and change nothing', () => {
    let admin: OfficeClient;
    const create = {
      userName: 'korban',
      displayName: 'Korban',
      title: 'Staf',
      role: 'admin',
      password: 'sandi-penyerang-1',
    };
    beforeEach(async () => {
      admin = await office.signInAs('admin');
    });

    it.each([
      ['a foreign Origin', { origin: 'https://evil.example' }, 'CROSS_SITE'],
      ['no Origin', {}, 'CROSS_SITE'],
      ['the Origin "null"', { origin: 'null' }, 'CROSS_SITE'],
      ['no x-lm-csrf', { origin: 'SELF' }, 'CSRF'],
      ['a wrong x-lm-csrf', { origin: 'SELF', 'x-lm-csrf': 'A'.repeat(43) }, 'CSRF'],
    ])('%s', async (_what, given: Record<string, string>, reason) => {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        cookie: admin.cookie,
        ...given,
      };
      if (headers['origin'] === 'SELF') headers['origin'] = office.url;
      if (!('x-lm-csrf' in given) && reason === 'CROSS_SITE') headers['x-lm-csrf'] = admin.csrf;
      const before = await hubFingerprint(office.hub.db);
      const answer = await post('/office/api/accounts-create', headers, create);
      expect(answer.status).toBe(403);
      expect(answer.json<{ reason: string }>().reason).toBe(reason);
      expect(await hubFingerprint(office.hub.db)).toEqual(before);
    });

    it('a form post (text/plain) is refused', async () => {
      const before = await userCount();
      const answer = await office.request({
        method: 'POST',
        path: '/office/api/accounts-create',
        headers: {
          'content-type': 'text/plain',
          cookie: admin.cookie,
          origin: office.url,
          'x-lm-csrf': admin.csrf,
        },
        body: JSON.stringify(create),
      });
      expect(answer.status).toBe(415);
      expect(await userCount()).toBe(before);
    });

    it('a login from another site is refused', async () => {
      const user = await office.createUser('verifikator');
      const answer = await post(
        '/office/api/session-login',
        { 'content-type': 'application/json', origin: 'https://evil.example' },
        { userName: user.userName, password: user.password },
      );
      expect(answer.status).toBe(403);
      expect(answer.headers['set-cookie']).toBeUndefined();
    });

    it('the same request with the right Origin and token goes through', async () => {
      const answer = await admin.call('accounts-create', create as never);
      expect(answer.status).toBe(200);
      expect((answer.body as OfficeAccount).userName).toBe('korban');
    });
  });

  it('refuses a Host that is not the hub (DNS rebinding) and accepts its own names', async () => {
    const user = await office.createUser('verifikator');
    const port = new URL(office.url).port;
    const login = (host: string, origin: string) =>
      office.request({
        method: 'POST',
        path: '/office/api/session-login',
        headers: { host, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ userName: user.userName, password: user.password }),
      });
    const rebound = await login(`evil.example:${port}`, `http://evil.example:${port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.json<{ reason: string }>().reason).toBe('BAD_HOST');
    expect((await login(`127.0.0.1:1`, `http://127.0.0.1:1`)).status).toBe(421);
    const page = await office.request({ path: '/', headers: { host: `evil.example:${port}` } });
    expect(page.status).toBe(421);
    expect((await login(`localhost:${port}`, `http://localhost:${port}`)).status).toBe(200);
    expect((await login(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).status).toBe(200);

    await office.close();
    office = await open({ office: { publicUrl: 'https://hub.dukcapil.example' } });
    const other = await office.createUser('verifikator');
    const viaProxy = await office.request({
      method: 'POST',
      path: '/office/api/session-login',
      headers: {
        host: 'hub.dukcapil.example',
        origin: 'https://hub.dukcapil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userName: other.userName, password: other.password }),
    });
    expect(viaProxy.status).toBe(200);
  });

  it('signs out after 15 idle minutes; activity keeps the session; 10 hours end it anyway', async () => {
    const client = await office.signInAs('pemantau');
    minutes(14);
    expect((await client.call('session-get', {})).status).toBe(200);
    minutes(14);
    expect((await client.call('session-get', {})).status).toBe(200);
    minutes(15.5);
    const idle = await client.call('session-get', {});
    expect(idle.status).toBe(401);
    expect((idle.body as { reason: string }).reason).toBe('SESSION_IDLE');
    expect(await office.hub.db.selectFrom('office_sessions').selectAll().execute()).toEqual([]);

    const busy = await office.signIn(client.user!.userName, client.user!.password);
    for (let i = 0; i < 59; i += 1) {
      minutes(10);
      expect((await busy.call('session-get', {})).status).toBe(200);
    }
    minutes(10);
    const expired = await busy.call('session-get', {});
    expect(expired.status).toBe(401);
    expect((expired.body as { reason: string }).reason).toBe('SESSION_EXPIRED');
  });

  it('takes the idle limit from the options', async () => {
    await office.close();
    office = await open({ office: { idleMinutes: 5 } });
    const client = await office.signInAs('pemantau');
    expect(client.session.idleSeconds).toBe(300);
    minutes(6);
    expect((await client.call('session-get', {})).status).toBe(401);
  });

  it('session-logout deletes the session; its cookie no longer works', async () => {
    const client = await office.signInAs('verifikator');
    const out = await client.call('session-logout', {});
    expect(out.status).toBe(200);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^lm_office=; .*Max-Age=0/);
    expect(await office.hub.db.selectFrom('office_sessions').selectAll().execute()).toEqual([]);
    expect((await client.call('session-get', {})).status).toBe(401);
  });

  it('session-get needs the cookie but not the CSRF token (a reloaded page learns it there)', async () => {
    const client = await office.signInAs('verifikator');
    const answer = await post('/office/api/session-get', {
      'content-type': 'application/json',
      origin: office.url,
      cookie: client.cookie,
    });
    expect(answer.status).toBe(200);
    expect(answer.json<OfficeSessionInfo>().csrfToken).toBe(client.csrf);
  });

  it('disabling a user or changing their role ends their sessions', async () => {
    const admin = await office.signInAs('admin');
    const a = await office.signInAs('verifikator');
    const b = await office.signInAs('verifikator');
    expect(
      (await admin.call('accounts-update', { userId: a.user.id, disabled: true })).status,
    ).toBe(200);
    expect((await a.call('session-get', {})).status).toBe(401);
    expect((await office.login(a.user.userName, a.user.password)).status).toBe(401);
    expect(
      (await admin.call('accounts-update', { userId: b.user.id, role: 'pemantau' })).status,
    ).toBe(200);
    expect((await b.call('session-get', {})).status).toBe(401);
    const again = await office.signIn(b.user.userName, b.user.password);
    expect(again.session.role).toBe('pemantau');
    expect(
      (await admin.call('accounts-update', { userId: a.user.id, disabled: false })).status,
    ).toBe(200);
    expect((await office.login(a.user.userName, a.user.password)).status).toBe(200);
  });

  it('keeps the last active admin: it cannot be disabled or demoted', async () => {
    const admin = await office.signInAs('admin');
    for (const change of [{ disabled: true }, { role: 'verifikator' }] as const) {
      const answer = await admin.call('accounts-update', { userId: admin.user.id, ...change });
      expect(answer.status).toBe(409);
      expect((answer.body as { reason: string }).reason).toBe('LAST_ADMIN');
    }
    const second = await office.createUser('admin');
    expect(
      (await admin.call('accounts-update', { userId: second.id, role: 'verifikator' })).status,
    ).toBe(200);
    const other = await office.createUser('admin');
    expect(
      (await admin.call('accounts-update', { userId: admin.user.id, disabled: true })).status,
    ).toBe(200);
    const otherClient = await office.signIn(other.userName, other.password);
    expect(
      (await otherClient.call('accounts-update', { userId: other.id, role: 'pemantau' })).status,
    ).toBe(409);
  });

  it('creates accounts: password rules, unique lower-case names, audited without the password', async () => {
    const admin = await office.signInAs('admin');
    const make = (over: Record<string, unknown>) =>
      admin.call('accounts-create', {
        userName: 'Siti.Rahma',
        displayName: 'Siti Rahmawati',
        title: 'Kepala Seksi Pelayanan Pendaftaran Penduduk',
        role: 'penandatangan',
        password: 'sandi-yang-panjang',
        ...over,
      } as never);
    const short = await make({ password: 'pendek-9c' });
    expect([short.status, (short.body as { reason: string }).reason]).toEqual([
      400,
      'PASSWORD_TOO_SHORT',
    ]);
    expect((await make({ role: 'raja' })).status).toBe(400);
    expect((await make({ userName: '../../etc' })).status).toBe(400);
    const made = await make({});
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ userName: 'siti.rahma', role: 'penandatangan' });
    const taken = await make({ userName: 'SITI.RAHMA' });
    expect([taken.status, (taken.body as { reason: string }).reason]).toEqual([
      409,
      'USER_NAME_TAKEN',
    ]);
    expect((await office.login('Siti.Rahma', 'sandi-yang-panjang')).status).toBe(200);
    const audit = await office.hub.db.selectFrom('office_audit').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain('sandi-yang-panjang');
    expect(
      audit.some(
        (row) => row.action === 'accounts.create' && row.user_name === admin.user!.userName,
      ),
    ).toBe(true);
    const reset = await admin.call('accounts-update', {
      userId: (made.body as OfficeAccount).id,
      newPassword: 'sandi-baru-dari-admin',
    });
    expect(reset.status).toBe(200);
    expect((await office.login('siti.rahma', 'sandi-yang-panjang')).status).toBe(401);
    expect((await office.login('siti.rahma', 'sandi-baru-dari-admin')).status).toBe(200);
    expect((await admin.call('accounts-update', { userId: 'nobody' })).status).toBe(404);
  });

  it('changes its own password: the current one is checked, other sessions end, this one stays', async () => {
    const client = await office.signInAs('verifikator');
    const user = client.user!;
    const elsewhere = await office.signIn(user.userName, user.password);
    const wrong = await client.call('session-password-change', {
      current: 'bukan-sandinya',
      next: 'sandi-baru-12345',
    });
    expect([wrong.status, (wrong.body as { reason: string }).reason]).toEqual([
      403,
      'WRONG_PASSWORD',
    ]);
    const short = await client.call('session-password-change', {
      current: user.password,
      next: 'x',
    });
    expect(short.status).toBe(400);
    const changed = await client.call('session-password-change', {
      current: user.password,
      next: 'sandi-baru-12345',
    });
    expect(changed.status).toBe(200);
    expect((await client.call('session-get', {})).status).toBe(200);
    expect((await elsewhere.call('session-get', {})).status).toBe(401);
    expect((await office.login(user.userName, user.password)).status).toBe(401);
    expect((await office.login(user.userName, 'sandi-baru-12345')).status).toBe(200);
  });

  it('refuses bad input (400) and unknown handlers (404), and a body over the limit (413) unread', async () => {
    const admin = await office.signInAs('admin');
    expect((await admin.call('accounts-audit-list', { limit: 'many' } as never)).status).toBe(400);
    expect((await admin.call('accounts-list', { extra: 1 } as never)).status).toBe(400);
    expect((await admin.call('no-such' as never, {})).status).toBe(404);
    const big = await office.request({
      method: 'POST',
      path: '/office/api/accounts-list',
      headers: {
        'content-type': 'application/json',
        origin: office.url,
        cookie: admin.cookie,
        'x-lm-csrf': admin.csrf,
      },
      body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.status).toBe(413);
  });

  it('keeps a hash-chained audit that verifies, and finds an edited or removed row', async () => {
    const admin = await office.signInAs('admin');
    await office.createUser('pemantau');
    await admin.call('session-get', {});
    await office.login('tidak.ada', 'salah-salah-salah');
    const verified = await admin.call('accounts-audit-verify', {});
    expect(verified.body).toEqual({ ok: true, entries: 4 });
    const listed = await admin.call('accounts-audit-list', { limit: 2 });
    const entries = (listed.body as { entries: { seq: number; action: string }[] }).entries;
    expect(entries.map((e) => [e.seq, e.action])).toEqual([
      [4, 'session.login-failed'],
      [3, 'accounts.create'],
    ]);
    const older = await admin.call('accounts-audit-list', { limit: 10, beforeSeq: 3 });
    expect((older.body as { entries: unknown[] }).entries).toHaveLength(2);

    await office.hub.db
      .updateTable('office_audit')
      .set({ detail: '{"role":"admin"}' })
      .where('seq', '=', 3)
      .execute();
    expect((await admin.call('accounts-audit-verify', {})).body).toMatchObject({
      ok: false,
      brokenAt: 3,
    });
    expect((await admin.call('accounts-audit-list', { limit: 1 })).status).toBe(200);
  });

  it('keeps the chain whole under concurrent appends', async () => {
    const admin = await office.signInAs('admin');
    const made = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? office.login(`tidak.ada.${i}`, 'salah-salah-salah')
          : admin.call('accounts-create', {
              userName: `staf${i}`,
              displayName: `Staf ${i}`,
              title: 'Staf',
              role: 'pemantau',
              password: 'sandi-yang-panjang',
            }),
      ),
    );
    expect(made.map((answer) => answer.status).sort()).toEqual(
      [...Array(6).fill(200), ...Array(6).fill(401)].sort(),
    );
    expect((await admin.call('accounts-audit-verify', {})).body).toEqual({ ok: true, entries: 14 });
  });

  it('finds a removed tail of the audit', async () => {
    const admin = await office.signInAs('admin');
    await office.login('tidak.ada', 'salah-salah-salah');
    await office.hub.db.deleteFrom('office_audit').where('seq', '=', 3).execute();
    const check = await admin.call('accounts-audit-verify', {});
    expect(check.body).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('serves photos to the roles that check applications, by a 64-hex name only', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
    const sha256 = createHash('sha256').update(jpeg).digest('hex');
    await office.hub.db
      .insertInto('attachments')
      .values({ sha256, size: jpeg.length, file_name: 'foto.jpg', packet_id: 'p1', data: jpeg })
      .execute();
    const verifikator = await office.signInAs('verifikator');
    const photo = await verifikator.get(`/office/photo/${sha256}`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.body.equals(jpeg)).toBe(true);
    expect(photo.headers['cache-control']).toContain('no-store');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect((await verifikator.get(`/office/photo/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await verifikator.get('/office/photo/..%2F..%2Fhub.db')).status).toBe(400);
    expect((await verifikator.get(`/office/photo/${sha256.toUpperCase()}`)).status).toBe(400);
    const pemantau = await office.signInAs('pemantau');
    expect((await pemantau.get(`/office/photo/${sha256}`)).status).toBe(403);
    expect((await office.request({ path: `/office/photo/${sha256}` })).status).toBe(401);
  });

  it('serves the page and its assets by the names in the built folder only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lm-office-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'office.html'), '<!doctype html><title>Back-office</title>');
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Station</title>');
    writeFileSync(join(dir, 'assets', 'office-abc.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'no');
    await office.close();
    office = await open({ office: { rendererDir: dir } });
    for (const path of ['/', '/office', '/office/']) {
      const page = await office.request({ path });
      expect(page.status, path).toBe(200);
      expect(page.body.toString()).toContain('Back-office');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toBe(
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; " +
          "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
      );
      expect(page.headers['strict-transport-security']).toBeUndefined();
    }
    for (const path of ['/assets/office-abc.js', '/office/assets/office-abc.js'])
      expect((await office.request({ path })).body.toString()).toBe('console.log(1)');
    for (const path of [
      '/index.html',
      '/secret.txt',
      '/assets/../secret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/..%2fsecret.txt',
      '/office/../index.html',
      '/assets/nope.js',
    ])
      expect((await office.request({ path })).status, path).toBe(404);
    expect((await office.request({ method: 'POST', path: '/' })).status).toBe(405);
  });
});
