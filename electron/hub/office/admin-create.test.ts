import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifySecret } from '../../protocol/password-hash';
import { HUB_BACKENDS, openTestHub, type TestHub } from '../../testing/hub';
import { runCli } from '../cli';
import { verifyOfficeAudit } from './audit';

/** `npm run hub -- admin-create`: the back-office's first administrator, on the server itself. */
describe.each(HUB_BACKENDS)('hub admin-create (%s)', (backend) => {
  let testHub: TestHub;
  beforeEach(async () => {
    testHub = await openTestHub(backend);
  });
  afterEach(async () => {
    await testHub.close();
  });

  async function cli(
    argv: string[],
    readSecret: (prompt: string) => Promise<string | null> = async () => null,
  ) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        ...argv,
        '--data',
        testHub.dataDir,
        ...(testHub.databaseUrl ? ['--database', testHub.databaseUrl] : []),
      ],
      { out: (l) => out.push(l), err: (l) => err.push(l), readSecret },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const users = () =>
    testHub.hub.db.selectFrom('office_users').selectAll().orderBy('user_name').execute();
  const passwordFile = (text: string) => {
    const file = join(testHub.dataDir, 'password.txt');
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };

  it('creates the first admin from a password file, audited as the command line', async () => {
    const file = passwordFile('sandi-admin-pertama\n');
    const made = await cli([
      'admin-create',
      '--user',
      'Admin.Dinas',
      '--name',
      'Budi Santoso',
      '--title',
      'Kepala Bidang PIAK',
      '--password-file',
      file,
    ]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain('admin.dinas');
    const [admin] = await users();
    expect(admin).toMatchObject({
      user_name: 'admin.dinas',
      display_name: 'Budi Santoso',
      title: 'Kepala Bidang PIAK',
      role: 'admin',
      disabled_at: null,
    });
    expect(await verifySecret('sandi-admin-pertama', admin?.password_hash ?? '')).toBe(true);
    const audit = await testHub.hub.db.selectFrom('office_audit').selectAll().execute();
    expect(audit.map((row) => [row.user_name, row.role, row.action])).toEqual([
      ['cli', 'cli', 'accounts.create'],
    ]);
    expect(JSON.stringify(audit)).not.toContain('sandi-admin-pertama');
    expect(await verifyOfficeAudit(testHub.hub.db)).toEqual({ ok: true, entries: 1 });
  });

  it('refuses a second admin unless --force-another', async () => {
    const file = passwordFile('sandi-admin-pertama');
    const base = ['admin-create', '--name', 'Staf', '--password-file', file];
    expect((await cli([...base, '--user', 'admin1'])).code).toBe(0);
    const again = await cli([...base, '--user', 'admin2']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('--force-another');
    expect((await users()).map((u) => u.user_name)).toEqual(['admin1']);
    expect((await cli([...base, '--user', 'admin2', '--force-another'])).code).toBe(0);
    expect((await users()).map((u) => u.user_name)).toEqual(['admin1', 'admin2']);
    const taken = await cli([...base, '--user', 'ADMIN1', '--force-another']);
    expect(taken.code).toBe(2);
    expect(await verifyOfficeAudit(testHub.hub.db)).toEqual({ ok: true, entries: 2 });
  });

  it('reads the password typed twice at the terminal; refuses without a terminal or a file', async () => {
    const none = await cli(['admin-create', '--user', 'admin1', '--name', 'Staf']);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--password-file');
    const typed = ['sandi-diketik-1', 'sandi-diketik-2'];
    const differ = await cli(
      ['admin-create', '--user', 'admin1', '--name', 'Staf'],
      async () => typed.shift() ?? null,
    );
    expect(differ.code).toBe(2);
    expect(await users()).toEqual([]);
    const ok = await cli(
      ['admin-create', '--user', 'admin1', '--name', 'Staf'],
      async () => 'sandi-diketik-1',
    );
    expect(ok.code).toBe(0);
    expect(await verifySecret('sandi-diketik-1', (await users())[0]?.password_hash ?? '')).toBe(
      true,
    );
  });

  it('refuses a short password or a bad user name, creating nothing', async () => {
    const short = await cli([
      'admin-create',
      '--user',
      'admin1',
      '--name',
      'Staf',
      '--password-file',
      passwordFile('pendek'),
    ]);
    expect(short.code).toBe(2);
    expect(short.err).toContain('10');
    const bad = await cli([
      'admin-create',
      '--user',
      '../etc',
      '--name',
      'Staf',
      '--password-file',
      passwordFile('sandi-yang-panjang'),
    ]);
    expect(bad.code).toBe(2);
    expect(await users()).toEqual([]);
  });
});
