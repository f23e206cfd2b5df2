import type { ApplicationSubmitArgs, ApplicationSubmitResult, DeskDecision } from '../contract';
import type { OfficeArgs, OfficeHandlerName, OfficeResult, OfficeRole } from '../contract/office';
import { insertOfficeUser } from '../../db/queries/office-accounts';
import type { StationConfig } from '../core/compose';
import { pullUpdates } from '../core/sync/pull';
import { syncRun } from '../core/sync/run';
import type { OfficeUser } from '../hub/office/handler';
import { OFFICE_HANDLERS } from '../hub/office/registry';
import { memoryPair } from '../transport/memory-pair';
import { KIOSK, RINA, desk, photo, submission, value } from './desk';
import type { HubBackend } from './hub';
import { testOfficeCall } from './office';
import { syncWorld, type SyncWorld } from './sync';

/**
 * A station and a hub (on either database) for the back-office decision tests: district staff
 * accounts of each role, kiosk applications the station's desk verified and sent, back-office
 * handlers called directly with their input parsed as the server parses it, and the station's
 * pull.
 */
export interface DecisionWorld {
  world: SyncWorld;
  /** Accounts in office_users (with a jabatan), by name. */
  users: Record<'vera' | 'vino' | 'putri' | 'panji', OfficeUser>;
  /** A kiosk application (two photos), verified at the desk and synced: its id, number, check. */
  sendApplication(
    over?: Partial<ApplicationSubmitArgs>,
  ): Promise<{ id: string; number: string; check: string }>;
  /** Runs a back-office handler as `user` (its input parsed first, like the HTTP layer does). */
  office<N extends OfficeHandlerName>(
    user: OfficeUser,
    name: N,
    args: OfficeArgs<N>,
  ): Promise<OfficeResult<N>>;
  /** The desk (RINA, a supervisor) decides again on the station. */
  deskDecide(id: string, decision: DeskDecision): Promise<void>;
  /** Pulls the district's updates into the station. */
  pull(): ReturnType<typeof pullUpdates>;
  /** Sends the station's outbox to the hub. */
  sync(): Promise<void>;
  dispose(): Promise<void>;
}

const STAFF: Record<keyof DecisionWorld['users'], { role: OfficeRole; name: string }> = {
  vera: { role: 'verifikator', name: 'Vera Verifikator' },
  vino: { role: 'verifikator', name: 'Vino Verifikator' },
  putri: { role: 'penandatangan', name: 'Putri Penandatangan' },
  panji: { role: 'penandatangan', name: 'Panji Penandatangan' },
};

export async function decisionWorld(
  backend: HubBackend,
  station: Partial<StationConfig> = {},
): Promise<DecisionWorld> {
  const world = await syncWorld(backend, { station });
  const at = world.hub.at();
  const users = {} as DecisionWorld['users'];
  for (const [key, staff] of Object.entries(STAFF) as [keyof typeof STAFF, typeof STAFF.vera][]) {
    const user: OfficeUser = {
      id: `user-${key}`,
      userName: key,
      displayName: staff.name,
      role: staff.role,
    };
    await insertOfficeUser(world.hub.db, {
      id: user.id,
      user_name: user.userName,
      display_name: user.displayName,
      role: staff.role,
      title: `Kepala Seksi ${key}`,
      password_hash: 'scrypt$unused',
      created_at: at,
      disabled_at: null,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: at,
    });
    users[key] = user;
  }
  const d = desk(world.station);
  const rina = d.as(RINA);
  const sync = async () => {
    const summary = await syncRun(world.station.deps, world.keys, await world.target());
    if (summary.failed.length > 0) throw new Error(JSON.stringify(summary.failed));
  };
  const deskDecide = async (id: string, decision: DeskDecision) => {
    value(await rina.send('desk-application-claim', { id }));
    const detail = value(await rina.send('desk-application-get', { id }));
    for (const r of detail.requirements.filter((x) => x.need === 'required'))
      value(
        await rina.send('desk-requirement-check', { id, requirementCode: r.code, state: 'ok' }),
      );
    value(
      await rina.send('desk-application-decide', {
        id,
        decision,
        ...(decision === 'approve' ? {} : { reason: 'Alasan dari loket' }),
      }),
    );
  };
  return {
    world,
    users,
    sendApplication: async (over = {}) => {
      const kiosk = memoryPair(world.station.dispatcher, `kiosk-${Math.random()}`, KIOSK);
      const submitted: ApplicationSubmitResult = value(
        await kiosk.send(
          'applications-submit',
          submission(world.station, {
            serviceCode: 'kk-hilang-rusak',
            photos: [photo('ktp-el', 1), photo('kk-rusak', 2)],
            ...over,
          }),
        ),
      );
      const id = world.station.deps.sqlite
        .prepare('SELECT id FROM applications WHERE number = ?')
        .pluck()
        .get(submitted.number) as string;
      await deskDecide(id, 'approve');
      await sync();
      return { id, number: submitted.number, check: submitted.check };
    },
    office: async (user, name, args) => {
      const handler = OFFICE_HANDLERS[name];
      const input = handler.input.parse(args);
      return handler.run(testOfficeCall(world.hub, user), input);
    },
    deskDecide,
    pull: async () => pullUpdates(world.station.deps, world.keys, await world.target()),
    sync,
    dispose: () => world.dispose(),
  };
}
