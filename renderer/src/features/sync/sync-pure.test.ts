import { describe, expect, it } from 'vitest';
import { en } from '../../lib/i18n/en';
import { id } from '../../lib/i18n/id';
import {
  ageOf,
  checkSettings,
  DOCUMENT_KINDS,
  enrolmentProblem,
  fingerprintGroups,
  isKnownKind,
  percentOf,
  problemGroup,
  SETTINGS_FIELDS,
  type ProblemGroup,
} from './sync-pure';

const GROUPS: ProblemGroup[] = [
  'NETWORK',
  'NOT_THE_HUB',
  'UNKNOWN_STATION',
  'BAD_RECEIPT',
  'BAD_UPDATES',
  'NOT_ENROLLED',
  'SYNC_RUNNING',
  'CLOCK_SKEW',
  'HUB_CERT',
  'HUB_CERT_DATE',
  'KEYS',
  'DAMAGED',
  'INTERRUPTED',
  'HUB_ERROR',
  'VERSION',
  'UNKNOWN_PACKET',
  'NOT_JSON',
  'FOLDER_IS_DATA',
  'NOT_A_FOLDER',
  'FOLDER_UNAVAILABLE',
  'PATH_NOT_ABSOLUTE',
  'UNSAFE_DRIVE',
  'OTHER',
];

describe('problemGroup', () => {
  it('gives every reason the core and the hub send a sentence with what to do', () => {
    const cases: [string, ProblemGroup][] = [
      ['NETWORK', 'NETWORK'],
      ['NOT_THE_HUB', 'NOT_THE_HUB'],
      ['UNKNOWN_STATION', 'UNKNOWN_STATION'],
      ['BAD_RECEIPT', 'BAD_RECEIPT'],
      ['NOT_ENROLLED', 'NOT_ENROLLED'],
      ['SYNC_RUNNING', 'SYNC_RUNNING'],
      ['CLOCK_SKEW', 'CLOCK_SKEW'],
      ['HUB_CERT_NAME', 'HUB_CERT'],
      ['HUB_CERT_UNTRUSTED', 'HUB_CERT'],
      ['HUB_TLS', 'HUB_CERT'],
      ['HUB_CERT_EXPIRED', 'HUB_CERT_DATE'],
      ['BUSY', 'HUB_ERROR'],
      ['BAD_SIGNATURE', 'KEYS'],
      ['NOT_FOR_THIS_RECIPIENT', 'KEYS'],
      ['HASH_MISMATCH', 'DAMAGED'],
      ['TRUNCATED', 'DAMAGED'],
      ['WRONG_OFFSET', 'INTERRUPTED'],
      ['INTERNAL', 'HUB_ERROR'],
      ['UNSUPPORTED_VERSION', 'VERSION'],
      ['UNKNOWN_PACKET', 'UNKNOWN_PACKET'],
      ['FOLDER_UNAVAILABLE', 'FOLDER_UNAVAILABLE'],
      ['DRIVE_LINK', 'UNSAFE_DRIVE'],
      ['DRIVE_TOO_LARGE', 'UNSAFE_DRIVE'],
    ];
    for (const [reason, group] of cases) expect(problemGroup(reason), reason).toBe(group);
  });

  it('reads a bare HTTP status by its class and keeps unknown reasons apart', () => {
    expect(problemGroup('HTTP_503')).toBe('HUB_ERROR');
    expect(problemGroup('HTTP_404')).toBe('NOT_THE_HUB');
    expect(problemGroup('HTTP_20')).toBe('OTHER');
    expect(problemGroup('SOMETHING_NEW')).toBe('OTHER');
  });

  it('has a sentence for every group in both languages', () => {
    for (const group of GROUPS) {
      const key = `sync.problem.${group}`;
      expect(id, key).toHaveProperty([key]);
      expect(en, key).toHaveProperty([key]);
    }
  });
});

describe('ageOf', () => {
  const now = new Date('2026-12-02T10:00:00.000Z');
  it('uses the largest whole unit', () => {
    expect(ageOf('2026-12-02T09:59:30.000Z', now)).toEqual({ unit: 'justNow', n: 0 });
    expect(ageOf('2026-12-02T09:15:00.000Z', now)).toEqual({ unit: 'minutes', n: 45 });
    expect(ageOf('2026-12-02T04:59:00.000Z', now)).toEqual({ unit: 'hours', n: 5 });
    expect(ageOf('2026-11-28T09:00:00.000Z', now)).toEqual({ unit: 'days', n: 4 });
  });
  it('treats a time ahead of the clock as now and refuses text that is no time', () => {
    expect(ageOf('2026-12-03T00:00:00.000Z', now)).toEqual({ unit: 'justNow', n: 0 });
    expect(ageOf('kemarin', now)).toBeNull();
  });
});

describe('checkSettings', () => {
  const good = { warnDays: '3', blockDays: '7', minFreeMb: '2048', retentionDays: '30' };
  it('accepts the defaults as numbers', () => {
    expect(checkSettings(good)).toEqual({
      ok: true,
      value: { warnDays: 3, blockDays: 7, minFreeMb: 2048, retentionDays: 30 },
    });
    expect(checkSettings({ ...good, retentionDays: '0' })).toMatchObject({ ok: true });
  });
  it('names every wrong field with its problem', () => {
    expect(
      checkSettings({ warnDays: '2,5', blockDays: '91', minFreeMb: '99', retentionDays: '' }),
    ).toEqual({
      ok: false,
      problems: {
        warnDays: 'notWhole',
        blockDays: 'range',
        minFreeMb: 'range',
        retentionDays: 'notWhole',
      },
    });
    expect(checkSettings({ ...good, warnDays: '-1' })).toEqual({
      ok: false,
      problems: { warnDays: 'notWhole' },
    });
  });
  it('refuses a block limit before the warning limit, as the core does', () => {
    expect(checkSettings({ ...good, warnDays: '10', blockDays: '5' })).toEqual({
      ok: false,
      problems: { blockDays: 'blockBeforeWarn' },
    });
    expect(checkSettings({ ...good, warnDays: '5', blockDays: '5' })).toMatchObject({ ok: true });
  });
  it('has a label for every field in both languages', () => {
    for (const field of SETTINGS_FIELDS) {
      expect(id).toHaveProperty([`sync.settings.${field}`]);
      expect(en).toHaveProperty([`sync.settings.${field}`]);
    }
  });
});

describe('small helpers', () => {
  it('groups a fingerprint by four for reading aloud', () => {
    expect(fingerprintGroups('3f2a91c04b7de815')).toBe('3F2A 91C0 4B7D E815');
    expect(fingerprintGroups('')).toBe('');
  });
  it('knows the enrolment refusals it explains', () => {
    expect(enrolmentProblem('OTHER_UNIT')).toBe('OTHER_UNIT');
    expect(enrolmentProblem('BAD_SIGNATURE')).toBe('BAD_SIGNATURE');
    expect(enrolmentProblem('BAD_HUB_URL')).toBe('BAD_HUB_URL');
    expect(enrolmentProblem('NETWORK')).toBeNull();
    expect(enrolmentProblem(undefined)).toBeNull();
  });
  it('names every issued document kind', () => {
    for (const kind of DOCUMENT_KINDS) expect(id).toHaveProperty([`sync.kind.${kind}`]);
    expect(isKnownKind('kk')).toBe(true);
    expect(isKnownKind('paspor')).toBe(false);
  });
  it('turns progress into a bounded percentage', () => {
    expect(percentOf(512, 1024)).toBe(50);
    expect(percentOf(2048, 1024)).toBe(100);
    expect(percentOf(1, 0)).toBeNull();
  });
});
