import { statSync } from 'node:fs';
import { z } from 'zod';
import { fail, ok, type SessionInfo } from '../../contract';
import { schemaVersion } from '../../../db/open';
import type { App, ConnectionSource, Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import type { CoreDeps } from '../deps';

/** The training officer used by the demo switch until real logins exist. */
const TRAINING_OFFICER = 'Petugas Pelatihan';

export function sessionInfo(
  deps: CoreDeps,
  connectionId: string,
  session: Session,
  source?: Readonly<ConnectionSource>,
): SessionInfo {
  const lan = source?.lan;
  return {
    connectionId,
    role: session.role,
    userName: session.userName,
    mode: session.mode,
    isTraining: deps.unit.is_training === 1,
    unitName: deps.unit.name,
    placeName: `${deps.unit.region_name}, Kec. ${deps.unit.district_name}`,
    // A browser paired over the LAN (docs/lan.md): what it was paired as.
    device: lan ? { kind: lan.kind, desk: lan.desk, label: lan.label ?? '' } : null,
  };
}

export function registerStation(app: App, deps: CoreDeps): void {
  app.method('station-session-get', {
    role: 'kiosk',
    args: z.strictObject({}),
    run: (_args, ctx) => ok(sessionInfo(deps, ctx.connectionId, ctx.session, ctx.source)),
  });

  app.method('station-demo-switch', {
    role: 'kiosk',
    args: z.strictObject({ mode: z.enum(['kiosk', 'officer']) }),
    run: async (args, ctx) => {
      if (deps.unit.is_training !== 1) {
        return fail('NOT_TRAINING', 'Switching without a login exists only on training stations');
      }
      const next: Session =
        args.mode === 'officer'
          ? { role: 'supervisor', userName: TRAINING_OFFICER, mode: 'officer' }
          : { role: 'kiosk', userName: null, mode: 'kiosk' };
      await recordAudit(deps, deps.db, ctx.session, 'session.demo-switch', { to: args.mode });
      ctx.setSession(next);
      const info = sessionInfo(deps, ctx.connectionId, next, ctx.source);
      ctx.push('session-changed', info);
      return ok(info);
    },
  });

  app.method('station-status', {
    role: 'operator',
    args: z.strictObject({}),
    run: () =>
      ok({
        unitId: deps.unit.unit_id,
        unitName: deps.unit.name,
        region: {
          code: deps.unit.region_code,
          name: deps.unit.region_name,
          district: deps.unit.district_name,
          regency: deps.unit.regency_name,
        },
        isTraining: deps.unit.is_training === 1,
        startMode: deps.unit.start_mode,
        host: deps.host,
        database: {
          path: deps.database.file,
          isEncrypted: deps.database.cipher !== null,
          cipher: deps.database.cipher,
          schemaVersion: schemaVersion(),
          sizeBytes: statSync(deps.database.file).size,
          keyProtection: deps.ports.keyStore.protection ?? 'file',
        },
        versions: deps.versions,
      }),
  });
}
