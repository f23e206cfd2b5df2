import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutreachReadiness, ReadinessItemId } from '../../contract';
import { insertHardwareCheck } from '../../../db/queries/hardware-checks';
import { RINA, SRI } from '../../testing/desk';
import {
  addAccounts,
  KIJANG_ULU,
  kijangUluPlan,
  planCounts,
  planEvent,
  receive,
  valueOf,
} from '../../testing/outreach-plan';
import { as } from '../../testing/recording';
import { syncWorld, type SyncWorld } from '../../testing/sync';
import { stockNeeds } from './readiness';

// A real station enrolled with a real hub (HTTP on this machine): the sync item is checked
// against a real sync pass.
let world: SyncWorld;
beforeAll(async () => {
  world = await syncWorld();
  await addAccounts(world.station);
});
afterAll(() => world.dispose());

const station = () => world.station;
const check = async (eventId: string) =>
  valueOf(await as(station(), RINA).send('outreach-readiness-check', { eventId }));
const item = (r: OutreachReadiness, id: ReadinessItemId) => {
  const found = r.items.find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const hardwareCheck = (id: string, at: string, passed: 0 | 1) =>
  insertHardwareCheck(station().deps.db, {
    id,
    at,
    user_id: 'user-sri',
    user_name: 'Sri Wahyuni',
    passed,
    lines: '[]',
    sheet_pdf: new Uint8Array([1]),
  });

describe('readiness checklist', () => {
  it('checks registry, sync, hardware, stock and paper on the station itself', async () => {
    const eventId = await planEvent(station());
    let r = await check(eventId);
    // Registry: the residents of Kijang Ulu the station holds, counted in the database.
    const residents = station()
      .deps.sqlite.prepare('SELECT count(*) FROM residents WHERE village_code = ? AND is_alive = 1')
      .pluck()
      .get(KIJANG_ULU) as number;
    expect(residents).toBeGreaterThan(1000);
    expect(item(r, 'registry-imported')).toMatchObject({
      state: 'passed',
      detail: {
        id: `${residents.toLocaleString('id-ID')} penduduk (Kijang Ulu ${residents.toLocaleString('id-ID')})`,
      },
    });
    // Enrolled, never synced.
    expect(item(r, 'station-synced')).toMatchObject({
      state: 'failed',
      detail: { id: 'Belum pernah tersinkron' },
    });
    expect(item(r, 'hardware-checked').state).toBe('failed');
    expect(item(r, 'stock-checked-out')).toMatchObject({
      state: 'failed',
      detail: {
        id: 'Belum dibawa: blanko KTP-el, blanko KIA, pita printer kartu (blanko KTP-el 0, blanko KIA 0, pita printer kartu 0)',
      },
    });
    expect(item(r, 'printer-paper')).toMatchObject({ state: 'confirm', confirmedBy: null });
    expect(r.ready).toBe(false);

    // A real sync pass with the hub.
    expect(await as(station(), SRI).send('sync-run', {})).toMatchObject({ ok: true });
    r = await check(eventId);
    expect(item(r, 'station-synced')).toMatchObject({
      state: 'passed',
      detail: { id: 'Sinkron terakhir Minggu, 29 November 2026, 09.00 WIB' },
    });

    // Hardware: a failed check today and a passed one yesterday do not count; today's pass does.
    await hardwareCheck('hw-failed', '2026-11-29T01:00:00.000Z', 0);
    await hardwareCheck('hw-yesterday', '2026-11-28T16:59:00.000Z', 1);
    expect(item(await check(eventId), 'hardware-checked').state).toBe('failed');
    await hardwareCheck('hw-today', '2026-11-28T17:00:00.000Z', 1);
    expect(item(await check(eventId), 'hardware-checked')).toMatchObject({
      state: 'passed',
      detail: { id: 'Lulus Minggu, 29 November 2026, 00.00 WIB oleh Sri Wahyuni' },
    });

    // Stock: every blank the services need, and ribbon.
    await receive(station(), 'blanko-ktp-el', 50);
    await receive(station(), 'blanko-kia', 30);
    await receive(station(), 'ribbon', 100);
    const checkout = (i: 'blanko-ktp-el' | 'blanko-kia' | 'ribbon', count: number) =>
      as(station(), RINA).send('outreach-stock-checkout', { eventId, item: i, count });
    valueOf(await checkout('blanko-ktp-el', 20));
    valueOf(await checkout('ribbon', 20));
    // The checkout re-checks a planned event's list by itself.
    let detail = valueOf(await as(station(), SRI).send('outreach-event-get', { eventId }));
    expect(item(detail.readiness, 'stock-checked-out')).toMatchObject({
      state: 'failed',
      detail: {
        id: 'Belum dibawa: blanko KIA (blanko KTP-el 20, blanko KIA 0, pita printer kartu 20)',
      },
    });
    valueOf(await checkout('blanko-kia', 10));
    detail = valueOf(await as(station(), SRI).send('outreach-event-get', { eventId }));
    expect(item(detail.readiness, 'stock-checked-out').state).toBe('passed');

    // Paper: only the leader's confirmation; the station's own items cannot be confirmed.
    const before = planCounts(station());
    expect(
      await as(station(), RINA).send('outreach-readiness-confirm', {
        eventId,
        item: 'hardware-checked',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'NOT_A_CONFIRM_ITEM' } });
    expect(
      await as(station(), SRI).send('outreach-readiness-confirm', {
        eventId,
        item: 'printer-paper',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(planCounts(station())).toEqual(before);
    r = valueOf(
      await as(station(), RINA).send('outreach-readiness-confirm', {
        eventId,
        item: 'printer-paper',
      }),
    );
    expect(item(r, 'printer-paper')).toMatchObject({
      state: 'confirm',
      confirmedBy: 'Rina Kartika',
      confirmedAt: '2026-11-29T02:00:00.000Z',
    });
    expect(r.ready).toBe(true);
    // A re-check keeps the confirmation.
    expect((await check(eventId)).ready).toBe(true);

    // Everything ready: the start needs no reason, and none is stored.
    const started = valueOf(
      await as(station(), RINA).send('outreach-event-start', { eventId, overrideReason: null }),
    );
    expect(started).toMatchObject({ status: 'running', startOverrideReason: null });
    expect(started.readiness.ready).toBe(true);
    // A running event's checklist is what it was at the start.
    expect(await as(station(), RINA).send('outreach-readiness-check', { eventId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', reason: 'NOT_PLANNED' },
    });

    // 24 hours after the sync the item fails again (checked on a new plan).
    valueOf(await as(station(), RINA).send('outreach-event-close', { eventId }));
    const later = await planEvent(station(), kijangUluPlan({ days: ['2026-11-30'] }));
    (station().ports.clock as unknown as { advance(ms: number): void }).advance(
      24 * 3600 * 1000 + 60_000,
    );
    r = await check(later);
    expect(item(r, 'station-synced')).toMatchObject({
      state: 'failed',
      detail: {
        id: 'Sinkron terakhir Minggu, 29 November 2026, 09.00 WIB, lebih dari 24 jam lalu',
      },
    });
    // A new day: yesterday's hardware check no longer counts.
    expect(item(r, 'hardware-checked').state).toBe('failed');
  });

  it('names the villages without residents', async () => {
    // The demo registry fills Kec. Kayu Agung only: two villages of Kec. Tanjung Lubuk are empty.
    const villages = station()
      .deps.sqlite.prepare(
        "SELECT code, name FROM regions WHERE level = 'village' AND parent_code = '160202' AND valid_until_version IS NULL ORDER BY code LIMIT 2",
      )
      .all() as Array<{ code: string; name: string }>;
    const eventId = await planEvent(
      station(),
      kijangUluPlan({ villageCodes: villages.map((v) => v.code), days: ['2026-11-30'] }),
    );
    const [a, b] = villages.map((v) => v.name);
    expect(item(await check(eventId), 'registry-imported')).toMatchObject({
      state: 'failed',
      detail: {
        id: `Belum ada data penduduk: ${a}, ${b} (${a} 0, ${b} 0)`,
        en: `No residents imported: ${a}, ${b} (${a} 0, ${b} 0)`,
      },
    });
  });

  it('asks blanks only for card services', () => {
    expect(stockNeeds(['kk-perubahan', 'akta-kelahiran'])).toEqual([]);
    expect(stockNeeds(['perekaman-ktp-el'])).toEqual(['blanko-ktp-el', 'ribbon']);
    expect(stockNeeds(['kia-baru', 'ktp-el-rusak'])).toEqual([
      'blanko-ktp-el',
      'blanko-kia',
      'ribbon',
    ]);
  });
});
