import type { Kysely } from 'kysely';
import {
  failWith,
  ok,
  type ApplicationSubmitArgs,
  type CatalogueService,
  type ConsentText,
  type Result,
} from '../../contract';
import { insertApplication } from '../../../db/queries/applications';
import { enqueue } from '../outbox';
import { nextSequence } from '../../../db/queries/sequences';
import type { ApplicationRow, Database } from '../../../db/schema';
import type { Session } from '../../transport/dispatcher';
import { recordAudit } from '../audit/record';
import { officerName } from '../common/officer';
import type { CoreDeps } from '../deps';
import { consentTextHash } from './consent';
import { applicationDisplay, registrySnapshot } from './district-view';
import { applicationNumber, numberSequenceName } from './number';
import { checkFields, checkPhotos } from './validate';
import { jakartaDay } from '../common/jakarta';

export const INITIAL_STATUS = 'diajukan';

export function findService(deps: CoreDeps, code: string): CatalogueService | null {
  for (const group of deps.catalogue.groups) {
    const found = group.services.find((s) => s.code === code);
    if (found) return found;
  }
  return null;
}

/**
 * Validates everything first (no transaction is opened for a bad submission), then writes the
 * application, photos, consent, first status, audit entry and outbox entry in ONE transaction.
 */
export async function submitApplication(
  deps: CoreDeps,
  session: Pick<Session, 'role' | 'userName' | 'userId'>,
  args: ApplicationSubmitArgs,
  context: { consent: ConsentText; unitCode: string; channel: 'kiosk' | 'desk' },
): Promise<Result<ApplicationRow>> {
  const service = findService(deps, args.serviceCode);
  if (!service)
    return failWith('NOT_FOUND', 'UNKNOWN_SERVICE', `Unknown service ${args.serviceCode}`, [
      'serviceCode',
    ]);
  if (args.consent.version !== context.consent.version)
    return failWith(
      'INVALID_ARGS',
      'CONSENT_VERSION',
      `Consent ${args.consent.version} is not the current ${context.consent.version}`,
      ['consent.version'],
    );
  const now = deps.ports.clock.now();
  const at = now.toISOString();
  const day = jakartaDay(now);
  const fields = checkFields(service, args.fields, { today: day, codeLists: deps.codeLists });
  if (!fields.ok) return fields;
  const photos = checkPhotos(service, args.photos);
  if (!photos.ok) return photos;

  const nik = fields.value['pemohon-nik'] ?? null;
  const actor = officerName(session);
  // Read before the transaction (registry reads on the raw handle): what the district shows.
  const registry = registrySnapshot(deps, service, fields.value);
  const display = applicationDisplay(deps, service, fields.value);
  const row = await deps.db.transaction().execute(async (trx: Kysely<Database>) => {
    const sequence = await nextSequence(trx, numberSequenceName(context.unitCode, day));
    const application: ApplicationRow = {
      id: deps.ports.ids.uuid(),
      number: applicationNumber(context.unitCode, day, sequence),
      service_code: service.code,
      status: INITIAL_STATUS,
      applicant_nik: nik,
      applicant_kk: fields.value['pemohon-no-kk'] ?? null,
      applicant_name: fields.value['pemohon-nama'] ?? null,
      fields: JSON.stringify(fields.value),
      channel: context.channel,
      created_at: at,
      unit_id: deps.unit.unit_id,
      is_training: deps.unit.is_training,
    };
    const consent = {
      application_id: application.id,
      version: context.consent.version,
      text_sha256: consentTextHash(context.consent, args.consent.language),
      language: args.consent.language,
      accepted_at: at,
    };
    await insertApplication(trx, {
      application,
      photos: photos.value.map((p) => ({
        application_id: application.id,
        requirement_code: p.requirementCode,
        mime: 'image/jpeg',
        bytes: p.bytes,
        sha256: p.sha256,
        width: p.width,
        height: p.height,
        taken_at: p.takenAt,
      })),
      consent,
      status: { at, actor, note: null, actor_user_id: session.userId ?? null },
    });
    await recordAudit(
      deps,
      trx,
      session,
      // kiosk.application-submitted or desk.application-submitted (the officer is the actor).
      `${context.channel}.application-submitted`,
      { number: application.number, service: service.code, photos: photos.value.length },
      nik,
    );
    // The export carries photos as separate attachments; the record references them by hash.
    await enqueue(trx, {
      id: deps.ports.ids.uuid(),
      aggregate: 'application',
      aggregateId: application.id,
      op: 'upsert',
      at,
      payload: {
        ...application,
        fields: fields.value,
        photos: photos.value.map((p) => ({
          requirement_code: p.requirementCode,
          mime: 'image/jpeg' as const,
          sha256: p.sha256,
          size: p.bytes.length,
          width: p.width,
          height: p.height,
          taken_at: p.takenAt,
        })),
        consent,
        status_history: [{ status: INITIAL_STATUS, at, actor }],
        registry,
        display,
      },
    });
    return application;
  });
  return ok(row);
}
