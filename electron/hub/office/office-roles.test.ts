import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_ROLES, type OfficeHandlerName, type OfficeRole } from '../../contract/office';
import { HUB_BACKENDS } from '../../testing/hub';
import { hubFingerprint, startTestOffice, type TestOffice } from '../../testing/office';
import { OFFICE_HANDLERS } from './registry';

/**
 * The roles that may call each back-office handler. Typed as a Record over OfficeHandlerName, so
 * a handler added to the contract without a row here does not compile. SHARED: each area adds
 * the rows of its handlers.
 */
const ALL = OFFICE_ROLES;
const ADMIN = ['admin'] as const;
const EXPECTED: Record<OfficeHandlerName, readonly OfficeRole[]> = {
  'session-login': ALL,
  'session-get': ALL,
  'session-logout': ALL,
  'session-password-change': ALL,
  'accounts-list': ADMIN,
  'accounts-create': ADMIN,
  'accounts-update': ADMIN,
  'accounts-audit-list': ADMIN,
  'accounts-audit-verify': ADMIN,
  'queue-list': ['verifikator', 'penandatangan', 'admin'],
  'queue-counts': ['verifikator', 'penandatangan', 'admin'],
  'queue-filters': ['verifikator', 'penandatangan', 'admin'],
  'queue-get': ['verifikator', 'penandatangan', 'admin'],
  'queue-claim': ['verifikator', 'penandatangan'],
  'queue-release': ['verifikator', 'penandatangan'],
  'decision-get': ['verifikator', 'penandatangan', 'admin'],
  'decision-lines': ['verifikator', 'penandatangan'],
  'decision-propose': ['verifikator'],
  'decision-issue': ['penandatangan'],
  'decision-reject': ['penandatangan'],
  'decision-return': ['verifikator', 'penandatangan'],
  'decision-numbering-get': ADMIN,
  'decision-numbering-set': ADMIN,
  'decision-number-suggest': ['penandatangan'],
  'recordings-list': ['verifikator', 'penandatangan'],
  'recordings-mark': ['verifikator', 'penandatangan'],
  'recordings-csv-check': ['verifikator', 'penandatangan'],
  'recordings-csv-apply': ['verifikator', 'penandatangan'],
  'stations-list': ['admin', 'pemantau'],
  'stations-enrol': ADMIN,
  'stations-revoke': ADMIN,
  'stations-documents-list': ['penandatangan'],
  'stations-document-revoke': ['penandatangan'],
  'reports-summary': ALL,
  'reports-csv': ALL,
  'reports-pdf': ALL,
  'reports-outreach-list': ALL,
  'reports-outreach-pdf': ALL,
};

const NAMES = Object.keys(OFFICE_HANDLERS).sort() as OfficeHandlerName[];

describe.each(HUB_BACKENDS)('back-office roles (%s)', (backend) => {
  let office: TestOffice;
  beforeAll(async () => {
    office = await startTestOffice({ backend });
  });
  afterAll(async () => {
    await office.close();
  });

  it('names the roles of every handler, and the registry agrees', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(NAMES);
    for (const name of NAMES)
      expect([...OFFICE_HANDLERS[name].roles].sort()).toEqual([...EXPECTED[name]].sort());
  });

  it.each(NAMES)('%s: every role not listed gets 403 ROLE and changes nothing', async (name) => {
    const allowed = EXPECTED[name];
    expect(allowed, `${name}: add its row to EXPECTED`).toBeDefined();
    for (const role of OFFICE_ROLES) {
      // A fresh session per call: session-logout and a password change end theirs.
      const client = await office.signInAs(role);
      const before = await hubFingerprint(office.hub.db);
      const answer = await client.call(name, {});
      const body = answer.body as { reason?: string };
      if (allowed.includes(role)) {
        expect(answer.status === 403 && body.reason === 'ROLE', `${name} as ${role}`).toBe(false);
      } else {
        expect([answer.status, body.reason], `${name} as ${role}`).toEqual([403, 'ROLE']);
        expect(await hubFingerprint(office.hub.db), `${name} as ${role}`).toEqual(before);
      }
    }
  });

  it.each(NAMES.filter((name) => name !== 'session-login'))(
    '%s: no session answers 401 and changes nothing',
    async (name) => {
      const before = await hubFingerprint(office.hub.db);
      const answer = await office.request({
        method: 'POST',
        path: `/office/api/${name}`,
        headers: { 'content-type': 'application/json', origin: office.url },
        body: '{}',
      });
      expect(answer.status).toBe(401);
      expect(answer.json<{ reason: string }>().reason).toBe('NO_SESSION');
      expect(await hubFingerprint(office.hub.db)).toEqual(before);
    },
  );
});
