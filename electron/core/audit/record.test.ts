import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/queries/audit';
import { createTestStation, type TestStation } from '../../testing/station';
import { recordAudit, recordAuditAlone } from './record';

let station: TestStation;
beforeEach(async () => {
  station = await createTestStation();
});
afterEach(() => station.dispose());

describe('recordAudit', () => {
  it('keeps the chain when entries are written at the same moment without a transaction (found by the load bench, issue 13 §2)', async () => {
    const kiosk = { role: 'kiosk', userName: null } as const;
    // As 20 desks switching to officer at once did (station-demo-switch passes deps.db).
    const seqs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAudit(station.deps, station.deps.db, kiosk, 'session.demo-switch', { i }),
      ),
    );
    expect(new Set(seqs).size).toBe(20);
    expect(await verifyAuditChain(station.deps.db)).toMatchObject({ isIntact: true });
  });

  it('finding 1.9: an officer reading the same record twice gets two entries (only anonymous ones are coalesced)', async () => {
    const officer = { role: 'operator', userName: 'Sri' } as const;
    const rows = () =>
      station.deps.sqlite
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'desk.application-read'")
        .pluck()
        .get();
    for (let i = 0; i < 2; i += 1) {
      await recordAuditAlone(station.deps, officer, 'desk.application-read', { id: 'a' }, null);
    }
    expect(rows()).toBe(2);
  });
});
