import { describe, expect, it } from 'vitest';
import { detailText } from './audit-detail';

describe('detailText', () => {
  it('shows pairs on one line and cuts a long detail', () => {
    expect(detailText({ userName: 'siti', role: 'verifikator', changes: { a: 1 } })).toBe(
      'userName: siti · role: verifikator · changes: {"a":1}',
    );
    expect(detailText({})).toBe('');
    const long = detailText({ note: 'x'.repeat(500) });
    expect(long).toHaveLength(240);
    expect(long.endsWith('…')).toBe(true);
  });
});
