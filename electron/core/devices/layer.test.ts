import { describe, expect, it } from 'vitest';
import type { PushEvents, PushName } from '../../contract';
import type { ConnectionSource, Session } from '../../transport/dispatcher';
import { claimRefusal, DeskClaims } from './layer';

/**
 * DeskClaims on its own (docs/devices.md, "Who receives reads"), over a routing table the test
 * fills: which connection has which session and source. Claims are made directly, past the
 * devices-claim handler, so the rules at delivery are tested even for a claim that should never
 * have been made (a display, a desk that was re-paired, a socket that lost its pairing).
 */
const officer: Session = { role: 'operator', userName: 'Sri', mode: 'officer', userId: 'u-o' };
const kiosk: Session = { role: 'kiosk', userName: null, mode: 'kiosk' };
const paired = (desk: string | null, kind: 'desk' | 'display' = 'desk'): ConnectionSource => ({
  transport: 'ws',
  address: '192.168.1.30',
  local: false,
  lan: { deviceId: `lan-${kind}-${desk}`, kind, desk },
});
const LOCAL: ConnectionSource = { transport: 'ipc', address: 'ipc', local: true };

function routing() {
  const connections = new Map<string, { session: Session; source: ConnectionSource }>();
  const pushed: [string, PushName, unknown][] = [];
  const disconnects: ((id: string) => void)[] = [];
  const claims = new DeskClaims({
    broadcast: () => {},
    push: <N extends PushName>(id: string, name: N, payload: PushEvents[N]) =>
      void pushed.push([id, name, payload]),
    session: (id) => connections.get(id)?.session,
    source: (id) => connections.get(id)?.source,
    onDisconnect: (listener) => {
      disconnects.push(listener);
      return () => {};
    },
  });
  return {
    claims,
    pushed,
    add(id: string, session: Session, source: ConnectionSource, desk: string) {
      connections.set(id, { session, source });
      claims.claim(id, desk);
    },
    setSession(id: string, session: Session) {
      const connection = connections.get(id);
      if (connection) connection.session = session;
    },
    disconnect(id: string) {
      connections.delete(id);
      for (const listener of disconnects) listener(id);
    },
  };
}

const READER_2 = { desk: 'meja-2', isForKiosk: false };
const READER_1 = { desk: 'meja-1', isForKiosk: false };

describe('claimRefusal', () => {
  it('lets a local screen be any desk, a paired desk only its own, a display none', () => {
    expect(claimRefusal(LOCAL, 'meja-2')).toBeNull();
    expect(claimRefusal(paired('meja-2'), 'meja-2')).toBeNull();
    expect(claimRefusal(paired('meja-2'), 'meja-1')).toBe('OTHER_DESK');
    expect(claimRefusal(paired(null), 'meja-1')).toBe('NOT_A_DESK');
    expect(claimRefusal(paired('meja-2', 'display'), 'meja-2')).toBe('NOT_A_DESK');
    expect(claimRefusal({ ...LOCAL, lan: paired(null, 'display').lan }, 'meja-1')).toBe(
      'NOT_A_DESK',
    );
    expect(claimRefusal({ transport: 'ws', address: '10.0.0.9', local: false }, 'meja-1')).toBe(
      'NOT_LOCAL',
    );
  });
});

describe('DeskClaims.receivers', () => {
  it('sends a desk read to its local screens and its own paired desk, never to a display or another desk', () => {
    const r = routing();
    r.add('desk-2', officer, paired('meja-2'), 'meja-2');
    r.add('desk-3', officer, paired('meja-3'), 'meja-3');
    r.add('local-2', officer, LOCAL, 'meja-2');
    r.add('host', officer, LOCAL, 'meja-1');
    // Claims that the handler would have refused: they must still receive nothing.
    r.add('display', officer, paired('meja-2', 'display'), 'meja-2');
    r.add('display-null', officer, paired(null, 'display'), 'meja-2');
    r.add('desk-2-as-1', officer, paired('meja-2'), 'meja-1');
    r.add('unpaired', officer, { transport: 'ws', address: '10.0.0.9', local: false }, 'meja-2');
    expect(r.claims.receivers(READER_2)).toEqual(['desk-2', 'local-2']);
    expect(r.claims.receivers(READER_1)).toEqual(['host']);
    expect(r.claims.receivers({ desk: 'meja-3', isForKiosk: false })).toEqual(['desk-3']);

    r.claims.deliver(
      { role: 'card-reader', value: '04A1B2C3', at: 'x' },
      {
        vendorId: 1,
        productId: 2,
        format: 'wedge',
        raw: null,
        uidText: 'hex',
        label: 'Meja 2',
        ...READER_2,
      },
    );
    expect(r.pushed.map(([id, name]) => `${id}:${name}`)).toEqual([
      'desk-2:device-read',
      'local-2:device-read',
    ]);
  });

  it('checks the session at delivery: a signed-out desk gets only kiosk reads; a closed one nothing', () => {
    const r = routing();
    r.add('desk-2', officer, paired('meja-2'), 'meja-2');
    r.add('local-2', officer, LOCAL, 'meja-2');
    r.setSession('desk-2', kiosk);
    expect(r.claims.receivers(READER_2)).toEqual(['local-2']);
    expect(r.claims.receivers({ ...READER_2, isForKiosk: true })).toEqual(['desk-2', 'local-2']);
    r.disconnect('desk-2');
    expect(r.claims.deskOf('desk-2')).toBeNull();
    expect(r.claims.receivers({ ...READER_2, isForKiosk: true })).toEqual(['local-2']);
  });

  it("knows a screen's desk: its pairing's, else its claim, else meja-1", () => {
    const r = routing();
    r.add('desk-3', officer, paired('meja-3'), 'meja-3');
    r.add('local-2', officer, LOCAL, 'meja-2');
    expect(r.claims.screenDesk('desk-3', paired('meja-3'))).toBe('meja-3');
    expect(r.claims.screenDesk('local-2', LOCAL)).toBe('meja-2');
    expect(r.claims.screenDesk('nobody', LOCAL)).toBe('meja-1');
  });
});
