import { describe, expect, it } from 'vitest';
import { attachmentSources, isAggregate, OUTBOX } from './outbox';

describe('outbox records', () => {
  it('knows exactly the aggregates of packet format version 1', () => {
    expect(Object.keys(OUTBOX).sort()).toEqual([
      'application',
      'application-activity',
      'outreach-event',
      'recording',
      'stock',
    ]);
    expect(isAggregate('stock')).toBe(true);
    expect(isAggregate('toString')).toBe(false);
    expect(isAggregate('users')).toBe(false);
    expect(isAggregate(7)).toBe(false);
  });

  it('finds an application’s photos in its submit record, none in a decision', () => {
    const photo = { mime: 'image/jpeg', size: 12, width: 4, height: 3, taken_at: 't' };
    const submitted = {
      photos: [
        { ...photo, requirement_code: 'kk', sha256: 'a'.repeat(64) },
        { ...photo, requirement_code: 'akta', sha256: 'b'.repeat(64), size: 30 },
      ],
    };
    expect(attachmentSources('application', JSON.stringify(submitted))).toEqual([
      {
        from: 'application-photo',
        role: 'kk',
        sha256: 'a'.repeat(64),
        size: 12,
        mime: 'image/jpeg',
      },
      {
        from: 'application-photo',
        role: 'akta',
        sha256: 'b'.repeat(64),
        size: 30,
        mime: 'image/jpeg',
      },
    ]);
    const decided = { number: 'n', status: 'diverifikasi', checks: [] };
    expect(attachmentSources('application', JSON.stringify(decided))).toEqual([]);
  });

  it('takes a recording’s images from its creation only; other aggregates carry none', () => {
    const created = { event: 'created', ID_REKAM: 'r', FOTO: { SHA256: 'c'.repeat(64) } };
    expect(attachmentSources('recording', JSON.stringify(created))).toEqual([
      { from: 'recording-images' },
    ]);
    const moved = { ID_REKAM: 'r', STATUS_REKAM: 'dicetak' };
    expect(attachmentSources('recording', JSON.stringify(moved))).toEqual([]);
    expect(attachmentSources('stock', '{"item":"ribbon"}')).toEqual([]);
    expect(attachmentSources('application-activity', '{"action":"claim"}')).toEqual([]);
    expect(attachmentSources('unknown', '{"photos":[]}')).toEqual([]);
  });

  it('carries a confirmed outreach report’s PDF as its attachment (issue 16)', () => {
    const reported = { reportId: 'rep-1', pdf: { sha256: 'd'.repeat(64), size: 5000 } };
    expect(attachmentSources('outreach-event', JSON.stringify(reported))).toEqual([
      {
        from: 'outreach-report-pdf',
        reportId: 'rep-1',
        sha256: 'd'.repeat(64),
        size: 5000,
        mime: 'application/pdf',
      },
    ]);
  });
});
