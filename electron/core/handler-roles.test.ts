import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAtLeast, type HandlerName, type Role } from '../contract';
import type { ServerMessage } from '../contract/envelope';
import { createTestStation, type TestStation } from '../testing/station';

/**
 * The least role of every handler in the contract. Typed as a Record over HandlerName, so adding a
 * handler to the contract without deciding its role here does not compile.
 */
const EXPECTED: Record<HandlerName, Role> = {
  'station-status': 'operator',
  'station-session-get': 'kiosk',
  'station-demo-switch': 'kiosk',
  'auth-setup-status': 'kiosk',
  'auth-setup': 'kiosk',
  'auth-login': 'kiosk',
  'auth-logout': 'operator',
  'auth-lock': 'operator',
  'auth-users-list': 'admin',
  'auth-users-create': 'admin',
  'auth-users-update': 'admin',
  'auth-passphrase-change': 'admin',
  'kiosk-services': 'kiosk',
  'kiosk-catalogue': 'kiosk',
  'kiosk-ticket-take': 'kiosk',
  'kiosk-ticket-print': 'kiosk',
  'kiosk-code-lists': 'kiosk',
  'kiosk-villages': 'kiosk',
  'kiosk-identify': 'kiosk',
  'kiosk-identify-card': 'kiosk',
  'applications-field-check': 'kiosk',
  'applications-consent-get': 'kiosk',
  'applications-submit': 'kiosk',
  'applications-receipt-print': 'kiosk',
  'applications-status-check': 'kiosk',
  'desk-inbox': 'operator',
  'desk-application-get': 'operator',
  'desk-application-photo': 'operator',
  'desk-application-claim': 'operator',
  'desk-application-release': 'operator',
  'desk-requirement-check': 'operator',
  'desk-application-decide': 'operator',
  'desk-application-confirm': 'supervisor',
  'desk-application-submit': 'operator',
  'desk-summary': 'operator',
  'print-documents': 'operator',
  'print-preview': 'operator',
  'print-run': 'operator',
  'print-log': 'operator',
  'print-settings-get': 'admin',
  'print-settings-set': 'admin',
  'devices-list': 'admin',
  'devices-status': 'kiosk',
  'devices-claim': 'kiosk',
  'devices-settings-get': 'admin',
  'devices-settings-set': 'admin',
  'devices-training': 'kiosk',
  'recording-eligibility': 'operator',
  'recording-create': 'operator',
  'recording-list': 'operator',
  'recording-get': 'operator',
  'recording-portrait': 'operator',
  'recording-handover': 'operator',
  'recording-training-district': 'operator',
  'stock-get': 'operator',
  'stock-move': 'operator',
  'stock-threshold-set': 'supervisor',
  'hardware-check-run': 'operator',
  'sync-status': 'operator',
  'sync-enrolment-request': 'admin',
  'sync-enrolment-apply': 'admin',
  'sync-run': 'operator',
  'sync-usb-drives': 'operator',
  'sync-usb-export': 'operator',
  'sync-usb-import': 'operator',
  'outreach-event-list': 'operator',
  'outreach-event-get': 'operator',
  'outreach-event-options': 'supervisor',
  'outreach-event-save': 'supervisor',
  'outreach-event-start': 'supervisor',
  'outreach-event-close': 'supervisor',
  'outreach-readiness-check': 'supervisor',
  'outreach-readiness-confirm': 'supervisor',
  'outreach-stock-checkout': 'supervisor',
  'outreach-invitations-list': 'operator',
  'outreach-invitations-export': 'operator',
  'outreach-visit-arrive': 'operator',
  'outreach-visit-list': 'operator',
  'outreach-visit-get': 'operator',
  'outreach-call-next': 'operator',
  'outreach-call-repeat': 'operator',
  'outreach-visit-service-link': 'operator',
  'outreach-visit-service-set': 'operator',
  'outreach-visit-finish': 'operator',
  'outreach-visit-handover-print': 'operator',
  'outreach-display-get': 'kiosk',
  'outreach-board-get': 'supervisor',
  'outreach-report-get': 'supervisor',
  'outreach-report-pdf': 'supervisor',
  'outreach-report-confirm': 'supervisor',
  'outreach-report-list': 'supervisor',
  'outreach-training-run': 'supervisor',
  'lan-status': 'supervisor',
  'lan-pair-offer': 'supervisor',
  'lan-device-remove': 'supervisor',
  'sync-settings-get': 'operator',
  'sync-settings-set': 'admin',
  'sync-document-verify': 'operator',
  'kiosk-queue-list': 'operator',
  'audit-list': 'supervisor',
  'audit-verify': 'supervisor',
  'registry-nik-check': 'operator',
  'registry-nik-override': 'operator',
  'registry-card-bind': 'operator',
  'registry-search': 'operator',
  'registry-resident-get': 'operator',
  'registry-family-get': 'operator',
  'registry-import-begin': 'supervisor',
  'registry-import-chunk': 'supervisor',
  'registry-import-start': 'supervisor',
  'registry-import-cancel': 'supervisor',
  'registry-import-list': 'supervisor',
  'registry-import-rejects': 'supervisor',
};

let station: TestStation;
beforeAll(async () => {
  station = await createTestStation();
});
afterAll(async () => {
  await station.dispose();
});

let nextConnection = 0;
/** One call on a fresh connection holding `role`; returns the error code or 'OK'. */
async function callAs(role: Role, name: string, args: unknown): Promise<string> {
  const id = `roles-${nextConnection++}`;
  const replies: ServerMessage[] = [];
  station.dispatcher.connect(id, { role, userName: `test-${role}`, mode: 'officer' }, (m) =>
    replies.push(m),
  );
  await station.dispatcher.receive(id, { kind: 'call', id: 1, name, args });
  station.dispatcher.disconnect(id);
  const reply = replies.find((m) => m.kind === 'reply');
  if (!reply || reply.kind !== 'reply') throw new Error(`no reply for ${name}`);
  return reply.result.ok ? 'OK' : reply.result.error.code;
}

describe('every handler with every role', () => {
  it('registers exactly the handlers of the contract', () => {
    expect(station.dispatcher.handlerNames).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([name, least]) =>
    ROLES.map((role) => ({ name, least, role, allowed: roleAtLeast(role, least) })),
  );

  it.each(cases)('$name as $role (least $least)', async ({ name, role, allowed }) => {
    // Arguments that no handler accepts: a refused role must say FORBIDDEN before any validation;
    // an allowed role gets past the role check and stops at validation.
    const code = await callAs(role, name, { notAnArgument: true });
    if (allowed) expect(code).toBe('INVALID_ARGS');
    else expect(code).toBe('FORBIDDEN');
  });
});
