import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '../../transport/client';
import { createTestStation, type TestStation } from '../../testing/station';
import {
  desk,
  KK,
  NIK,
  photo,
  reasonOf,
  RINA,
  SRI,
  submitAtKiosk,
  value,
  type Desk,
} from '../../testing/desk';

let station: TestStation;
let d: Desk;
let sri: Client;

beforeEach(async () => {
  station = await createTestStation();
  d = desk(station);
  sri = d.as(SRI);
});
afterEach(() => station.dispose());

/** Moves the fixed clock (it starts at 2026-11-29T02:00Z, 09.00 WIB) to an instant. */
function clockAt(iso: string): void {
  const clock = station.ports.clock as unknown as { advance(ms: number): void; now(): Date };
  clock.advance(Date.parse(iso) - clock.now().getTime());
}

let printSeq = 0;
function printed(at: string, serviceCode: string | null, applicationId: string | null): void {
  printSeq += 1;
  station.deps.sqlite
    .prepare(
      `INSERT INTO print_log (id, run_id, at, user_id, user_name, kind, subject_type, subject_key,
         subject_label, application_id, service_code, copy_number, is_draft, is_reprint,
         reprint_reason, printer_name, is_printed)
       VALUES (?, ?, ?, 'user-sri', 'Sri Wahyuni', 'kk', ?, ?, 'label', ?, ?, ?, 1, 0, NULL, NULL, 1)`,
    )
    .run(
      `print-${printSeq}`,
      `run-${printSeq}`,
      at,
      applicationId ? 'application' : 'kk',
      applicationId ?? KK,
      applicationId,
      serviceCode,
      printSeq,
    );
}

async function decide(id: string, decision: 'approve' | 'return' | 'reject'): Promise<void> {
  value(await sri.send('desk-application-claim', { id }));
  const detail = value(await sri.send('desk-application-get', { id }));
  if (decision === 'approve')
    for (const r of detail.requirements.filter((x) => x.need === 'required'))
      value(await sri.send('desk-requirement-check', { id, requirementCode: r.code, state: 'ok' }));
  const reason = decision === 'approve' ? undefined : 'Alasan yang cukup panjang';
  value(await sri.send('desk-application-decide', { id, decision, reason }));
}

describe('desk-summary', () => {
  it('counts one Jakarta day by service, in catalogue order, with totals', async () => {
    clockAt('2026-11-28T16:59:00.000Z'); // 23.59 WIB on the 28th
    const yesterday = await submitAtKiosk(d);
    clockAt('2026-11-28T17:01:00.000Z'); // 00.01 WIB on the 29th
    const lost = await submitAtKiosk(d);
    const lost2 = await submitAtKiosk(d);
    const split = await submitAtKiosk(d, {
      serviceCode: 'kk-pisah',
      fields: { 'pemohon-nik': NIK, 'pemohon-no-kk': KK },
      photos: [photo('kk')],
    });
    await decide(lost, 'approve');
    await decide(lost2, 'return');
    await decide(yesterday, 'reject');
    // An operator's approval of a KK split waits: not verified until the supervisor confirms.
    await decide(split, 'approve');
    printed('2026-11-29T03:00:00.000Z', 'ktp-el-hilang', lost);
    printed('2026-11-29T03:00:00.000Z', 'ktp-el-hilang', lost);
    printed('2026-11-29T04:00:00.000Z', null, null);
    printed('2026-11-28T16:00:00.000Z', 'ktp-el-hilang', yesterday);
    printed('2026-11-29T17:00:00.000Z', 'ktp-el-hilang', lost); // 00.00 WIB on the 30th

    clockAt('2026-11-29T10:00:00.000Z');
    const today = value(await sri.send('desk-summary', {}));
    expect(today.day).toBe('2026-11-29');
    expect(today.byService).toEqual([
      {
        serviceCode: 'kk-pisah',
        service: expect.objectContaining({ id: expect.any(String) }) as unknown,
        received: 1,
        verified: 0,
        returned: 0,
        rejected: 0,
        printed: 0,
      },
      {
        serviceCode: 'ktp-el-hilang',
        service: expect.objectContaining({ id: expect.stringMatching(/KTP-el/) }) as unknown,
        received: 2,
        verified: 1,
        returned: 1,
        rejected: 1,
        printed: 2,
      },
      {
        serviceCode: '',
        service: { id: 'Cetak dari data kependudukan', en: 'Printed from the registry' },
        received: 0,
        verified: 0,
        returned: 0,
        rejected: 0,
        printed: 1,
      },
    ]);
    expect(today.totals).toEqual({
      received: 3,
      verified: 1,
      returned: 1,
      rejected: 1,
      printed: 3,
    });

    value(await d.as(RINA).send('desk-application-confirm', { id: split, decision: 'approve' }));
    const confirmed = value(await sri.send('desk-summary', { day: '2026-11-29' }));
    expect(confirmed.byService[0]).toMatchObject({ serviceCode: 'kk-pisah', verified: 1 });

    const before = value(await sri.send('desk-summary', { day: '2026-11-28' }));
    expect(before.byService).toEqual([
      expect.objectContaining({
        serviceCode: 'ktp-el-hilang',
        received: 1,
        rejected: 0,
        printed: 1,
      }),
    ]);
    const after = value(await sri.send('desk-summary', { day: '2026-11-30' }));
    expect(after.totals).toEqual({
      received: 0,
      verified: 0,
      returned: 0,
      rejected: 0,
      printed: 1,
    });
    const empty = value(await sri.send('desk-summary', { day: '2026-01-01' }));
    expect(empty).toEqual({
      day: '2026-01-01',
      byService: [],
      totals: { received: 0, verified: 0, returned: 0, rejected: 0, printed: 0 },
    });
  });

  it('refuses a day that is not a calendar day', async () => {
    for (const day of ['2026-02-30', '29-11-2026', '2026-11-29T00:00', ''])
      expect(reasonOf(await sri.send('desk-summary', { day })), day).toBe('INVALID_ARGS');
  });
});
