import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../transport/client';
import { memoryPair } from '../../transport/memory-pair';
import { createTestStation, type TestStation } from '../../testing/station';

const kiosk = { role: 'kiosk', userName: null, mode: 'kiosk' } as const;

let station: TestStation;
let client: Client;
beforeEach(async () => {
  station = await createTestStation();
  client = memoryPair(station.dispatcher, 'field-check', kiosk);
});
afterEach(() => station.dispose());

const check = (fieldCode: string, value: string, serviceCode = 'akta-kelahiran') =>
  client.send('applications-field-check', { serviceCode, fieldCode, value });

describe('applications-field-check', () => {
  it('accepts what the submit accepts', async () => {
    for (const [field, value] of [
      ['pemohon-nik', '1602054107900001'],
      ['pemohon-no-kk', '1602051234567890'],
      ['tanggal-lahir', '2026-10-15'],
      ['jenis-kelamin', '2'],
      ['pemohon-hubungan', 'orang-tua'],
      ['pemohon-telepon', '0812 3456 7890'],
      ['ayah-nik', ''],
    ] as const) {
      expect(await check(field, value), field).toEqual({
        ok: true,
        value: { isValid: true, reason: null, message: null },
      });
    }
  });

  it('says which NIK digits are wrong, in both languages', async () => {
    const result = await check('pemohon-nik', '1602051513030001');
    expect(result.ok && result.value.isValid).toBe(false);
    if (!result.ok) return;
    expect(result.value.reason).toBe('INVALID_NIK');
    expect(result.value.message?.id).toMatch(/bulan/i);
    expect(result.value.message?.en).toMatch(/month/i);
  });

  it('refuses by the same reasons as the submit', async () => {
    const reason = async (field: string, value: string) => {
      const result = await check(field, value);
      return result.ok ? result.value.reason : result.error.code;
    };
    expect(await reason('tanggal-lahir', '2026-02-31')).toBe('INVALID_DATE');
    expect(await reason('tanggal-lahir', '2999-01-01')).toBe('DATE_IN_FUTURE');
    expect(await reason('jenis-kelamin', '3')).toBe('INVALID_OPTION');
    expect(await reason('ibu-nama', '')).toBe('FIELD_REQUIRED');
    expect(await reason('pemohon-no-kk', '12345')).toBe('INVALID_KK');
    expect(await reason('pemohon-telepon', '12')).toBe('INVALID_PHONE');
  });

  it('refuses a field the service does not ask and an unknown service, writing nothing', async () => {
    const before = station.deps.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const unknownField = await check('almarhum-nik', '1602054107900001');
    expect(unknownField).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGS', reason: 'UNKNOWN_FIELD' },
    });
    const unknownService = await check('pemohon-nik', '1602054107900001', 'no-such-service');
    expect(unknownService).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', reason: 'UNKNOWN_SERVICE' },
    });
    expect(station.deps.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(
      before,
    );
  });
});
