import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signDocument } from '../../protocol/canonical';
import { ENROLMENT_ANSWER } from '../../protocol/documents';
import { keyPairFromSeed } from '../../protocol/packet/keys';
import { createTestStation, type TestStation } from '../../testing/station';
import { applyEnrolmentAnswer, isUsableHubUrl, storedEnrolment } from './enrolment';
import { liveDelay } from './service';

/**
 * The station's side of issue 15 items 3 and 8 that needs no hub: which hub addresses an
 * enrolment answer may carry, and the backoff of the update loop (the loop itself is tested
 * against a real hub in electron/hub/sync-live.test.ts).
 */

describe('hub addresses', () => {
  it('takes https:// and http:// addresses with a host, nothing else', () => {
    for (const url of [
      'https://hub.disdukcapil.example',
      'https://hub.disdukcapil.example:8470/',
      'https://10.1.2.3:8470',
      'http://127.0.0.1:8470',
      'https://[fd00::1]:8470',
    ])
      expect(isUsableHubUrl(url), url).toBe(true);
    for (const url of [
      'ftp://hub.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:secret@hub.example',
      'hub.example',
      '',
    ])
      expect(isUsableHubUrl(url), url).toBe(false);
  });

  describe('an enrolment answer', () => {
    let station: TestStation;
    beforeEach(async () => {
      station = await createTestStation();
    });
    afterEach(async () => station.dispose());

    const answer = (hubUrl: string) => {
      const district = keyPairFromSeed('ed25519', randomBytes(32));
      return signDocument(district.privateKey, {
        format: ENROLMENT_ANSWER,
        version: 1 as const,
        unitId: station.deps.unit.unit_id,
        hubUrl,
        districtName: 'Disdukcapil Kabupaten Uji',
        districtSigningKey: district.publicRaw.toString('base64'),
        districtEncryptionKey: keyPairFromSeed('x25519', randomBytes(32)).publicRaw.toString(
          'base64',
        ),
        issuedAt: '2026-11-29T02:00:00.000Z',
      });
    };

    it('with an https:// hub is stored; one with another scheme is refused as BAD_HUB_URL, storing nothing', async () => {
      expect(await applyEnrolmentAnswer(station.deps, answer('file:///etc/hub'))).toEqual({
        ok: false,
        problem: 'BAD_HUB_URL',
      });
      expect(await storedEnrolment(station.deps)).toBeNull();
      const applied = await applyEnrolmentAnswer(station.deps, answer('https://hub.example:8470'));
      expect(applied).toMatchObject({
        ok: true,
        enrolment: { hubUrl: 'https://hub.example:8470' },
      });
    });
  });
});

describe('the update loop backoff', () => {
  const backoff = { baseMs: 2_000, capMs: 60_000 };
  it('doubles from the base, stays in the upper half of each step and never passes the cap', () => {
    const low = { ...backoff, random: () => 0 };
    const high = { ...backoff, random: () => 0.999_999 };
    expect([1, 2, 3, 4].map((n) => liveDelay(low, n))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(liveDelay(high, 1)).toBe(1_999);
    for (const n of [6, 7, 30, 1_000]) {
      expect(liveDelay(low, n)).toBe(30_000);
      expect(liveDelay(high, n)).toBeLessThanOrEqual(60_000);
    }
  });
});
