import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryPair } from '../transport/memory-pair';
import { StationOpenError } from './compose';
import { createTestStation } from '../testing/station';

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

describe('openStation', () => {
  it('creates the encrypted database, keys and a training unit on first start', async () => {
    const station = await createTestStation();
    try {
      expect(existsSync(join(station.dataDir, 'station.db'))).toBe(true);
      expect(existsSync(join(station.dataDir, 'keys', 'database.key'))).toBe(true);
      expect(station.deps.database.cipher).toBe('sqlcipher');
      expect(station.deps.unit).toMatchObject({ region_code: '1602052011', is_training: 1 });
      const officer = memoryPair(station.dispatcher, 'o', {
        role: 'supervisor',
        userName: 'x',
        mode: 'officer',
      });
      const status = await officer.send('station-status', {});
      expect(status).toMatchObject({
        ok: true,
        value: { isTraining: true, database: { isEncrypted: true, cipher: 'sqlcipher' } },
      });
    } finally {
      await station.dispose();
    }
  });

  it('keeps what was written across a restart on the same folder', async () => {
    const first = await createTestStation();
    await memoryPair(first.dispatcher, 'k', kiosk).send('kiosk-ticket-take', { serviceCode: 'kk' });
    const unitId = first.deps.unit.unit_id;
    await first.close();
    const second = await createTestStation({}, first.dataDir);
    try {
      expect(second.deps.unit.unit_id).toBe(unitId);
      const next = await memoryPair(second.dispatcher, 'k', kiosk).send('kiosk-ticket-take', {
        serviceCode: 'kk',
      });
      expect(next).toMatchObject({ ok: true, value: { number: 'A-002', waitingAhead: 1 } });
      const audit = await memoryPair(second.dispatcher, 's', {
        role: 'supervisor',
        userName: 's',
        mode: 'officer',
      }).send('audit-verify', {});
      // station.started twice, two tickets.
      expect(audit).toEqual({ ok: true, value: { isIntact: true, checked: 4 } });
    } finally {
      await second.dispose();
    }
  });

  it('refuses a wrong key and a missing key without touching the database', async () => {
    const station = await createTestStation();
    await station.close();
    const file = join(station.dataDir, 'station.db');
    const keyFile = join(station.dataDir, 'keys', 'database.key');
    const before = readFileSync(file);
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    await expect(createTestStation({}, station.dataDir)).rejects.toMatchObject({
      code: 'DB_WRONG_KEY',
      messageId: expect.stringContaining('TIDAK diubah'),
    });
    rmSync(keyFile);
    await expect(createTestStation({}, station.dataDir)).rejects.toBeInstanceOf(StationOpenError);
    await expect(createTestStation({}, station.dataDir)).rejects.toMatchObject({
      code: 'DB_KEY_MISSING',
    });
    // No new key was made for the existing database.
    expect(existsSync(keyFile)).toBe(false);
    expect(readFileSync(file).equals(before)).toBe(true);
    rmSync(station.dataDir, { recursive: true, force: true });
  });

  it('refuses to start a training station on a real station folder', async () => {
    const real = await createTestStation({ demo: false });
    await real.close();
    await expect(createTestStation({ demo: true }, real.dataDir)).rejects.toMatchObject({
      code: 'DEMO_ON_REAL_DATA',
    });
    rmSync(real.dataDir, { recursive: true, force: true });
  });
});
