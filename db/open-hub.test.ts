import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, HUB_BACKENDS, type TestDatabase } from '../electron/testing/hub';
import { openHubDatabase, redacted, type OpenedHubDb } from './open-hub';
import { DbOpenError } from './open';

let dir: string | null = null;
let database: TestDatabase | null = null;
let opened: OpenedHubDb | null = null;
afterEach(async () => {
  await opened?.close();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  [opened, database, dir] = [null, null, null];
});

describe.each(HUB_BACKENDS)('the hub database on %s', (backend) => {
  it('gives numbers for counts, sums and 64-bit columns, and bytes back as they went in', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lm-open-hub-'));
    if (backend === 'postgres') database = await createTestDatabase();
    opened = await openHubDatabase({ dataDir: dir, key: null, databaseUrl: database?.url });
    expect(opened.dialect).toBe(backend);
    const { db } = opened;
    const photo = Buffer.from([0xff, 0xd8, 0x00, 0x01, 0xfe, 0xff, 0xd9]);
    await db
      .insertInto('attachments')
      .values([
        { sha256: 'a'.repeat(64), size: 2 ** 40, file_name: 'a.jpg', packet_id: 'p', data: photo },
        { sha256: 'b'.repeat(64), size: 5, file_name: 'b.jpg', packet_id: 'p', data: null },
      ])
      .execute();
    const row = await db
      .selectFrom('attachments')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('size').as('total'),
        eb.fn.max('size').as('largest'),
      ])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 2, total: 2 ** 40 + 5, largest: 2 ** 40 });
    const stored = await db
      .selectFrom('attachments')
      .select('data')
      .where('sha256', '=', 'a'.repeat(64))
      .executeTakeFirstOrThrow();
    expect(Buffer.isBuffer(stored.data)).toBe(true);
    expect(stored.data).toEqual(photo);
  });
});

describe('a PostgreSQL address that does not answer', () => {
  it('is DB_UNREADABLE, and the message never shows the password', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lm-open-hub-'));
    // A socket folder with no server in it: refused at once, no network involved.
    const url = `postgres://hub:s3cret-word@/hub?host=${encodeURIComponent(dir)}`;
    const error = await openHubDatabase({ dataDir: dir, key: null, databaseUrl: url }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbOpenError);
    expect((error as DbOpenError).code).toBe('DB_UNREADABLE');
    expect((error as Error).message).not.toContain('s3cret-word');
    expect(redacted('postgres://hub:s3cret-word@db.example:5432/hub?sslmode=verify-full')).toBe(
      'postgres://hub:***@db.example:5432/hub?sslmode=verify-full',
    );
  });
});
