import { describe, expect, it } from 'vitest';
import { ageText, contactStaleness } from './health';

const HUB = '2026-12-08T12:00:00.000Z';

describe('station health as the list reads it', () => {
  it('names a contact stale after a day and lost after three, by the hub’s clock', () => {
    expect(contactStaleness(null, HUB)).toBe('never');
    expect(contactStaleness('2026-12-08T11:00:00.000Z', HUB)).toBe('fresh');
    expect(contactStaleness('2026-12-07T12:00:00.000Z', HUB)).toBe('stale');
    expect(contactStaleness('2026-12-05T12:00:00.000Z', HUB)).toBe('lost');
  });

  it('says how long ago in minutes, hours or days', () => {
    expect(ageText('2026-12-08T11:55:00.000Z', HUB)).toEqual({ id: '5 mnt lalu', en: '5 min ago' });
    expect(ageText('2026-12-08T09:00:00.000Z', HUB)).toEqual({ id: '3 jam lalu', en: '3 h ago' });
    expect(ageText('2026-12-06T11:00:00.000Z', HUB)).toEqual({
      id: '2 hari lalu',
      en: '2 day(s) ago',
    });
    // A station clock ahead of the hub is never "in the future".
    expect(ageText('2026-12-09T00:00:00.000Z', HUB).id).toBe('0 mnt lalu');
  });
});
