import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingRow } from '../../../db/queries/office-recordings';
import { FileKeyStore } from '../../protocol/key-store.file';
import { createTestDatabase, HUB_BACKENDS, type TestDatabase } from '../../testing/hub';
import { seedRecordings, seedStation } from '../../testing/office-recordings';
import { runCli } from '../cli';
import { Hub } from '../hub';

/**
 * The command line's `recording` and `station-revoke` (district staff at the server itself) go
 * the back-office's way: the recordings list follows, and both are in the audit chain.
 */
describe.each(HUB_BACKENDS)('hub command line: recordings and station keys (%s)', (backend) => {
  let dir: string;
  let database: TestDatabase | null;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lm-hub-cli-rec-'));
    database = backend === 'postgres' ? await createTestDatabase() : null;
  });
  afterEach(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = () =>
    Hub.open({
      dataDir: dir,
      keyStore: new FileKeyStore(join(dir, 'keys')),
      districtName: 'Disdukcapil Kabupaten Uji',
      databaseUrl: database?.url ?? null,
    });
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [...argv, '--data', dir, ...(database ? ['--database', database.url] : [])],
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('marks a recording as the back-office does, once', async () => {
    let hub = await open();
    const { unitId } = await seedStation(hub.db);
    const [id] = (await seedRecordings(hub.db, unitId, [{ nik: '1602011234560001' }])) as [string];
    await hub.close();

    expect(await cli('recording', id, 'prr', '--note', 'hasil pusat')).toMatchObject({ code: 0 });
    const again = await cli('recording', id, 'duplicate');
    expect(again.code).toBe(1);
    expect(again.err).toContain('not awaiting an outcome');

    hub = await open();
    try {
      expect(await recordingRow(hub.db, id)).toMatchObject({
        status: 'prr',
        decision: 'prr',
        decision_note: 'hasil pusat',
        decided_by: 'Disdukcapil',
      });
      const audit = await hub.db
        .selectFrom('office_audit')
        .select(['user_name', 'action'])
        .where('action', '=', 'recordings.marked')
        .execute();
      expect(audit).toEqual([{ user_name: 'cli', action: 'recordings.marked' }]);
    } finally {
      await hub.close();
    }
  });

  it('revokes a station key with a reason; a second time is an error', async () => {
    let hub = await open();
    const { unitId } = await seedStation(hub.db);
    await hub.close();
    expect((await cli('station-revoke', unitId)).code).toBe(2);
    expect(await cli('station-revoke', unitId, '--reason', 'Laptop hilang')).toMatchObject({
      code: 0,
    });
    expect((await cli('station-revoke', unitId, '--reason', 'lagi')).code).toBe(2);
    hub = await open();
    try {
      expect(await hub.activeStationKey(unitId)).toBeNull();
      expect(await hub.station(unitId)).toMatchObject({ revoke_reason: 'Laptop hilang' });
    } finally {
      await hub.close();
    }
  });
});
