import { z } from 'zod';
import {
  failWith,
  ok,
  type CatalogueField,
  type KioskCatalogue,
  type KioskIdentity,
} from '../../contract';
import { activeBindingByUid } from '../../../db/queries/card-bindings';
import { familyByKk, residentRowByNik } from '../../../db/queries/residents-read';
import type { FamilyRow, ResidentRow } from '../../../db/schema';
import type { App } from '../../transport/dispatcher';
import { checkFieldValue, type ValueContext } from './field-rules';
import { recordAuditAlone } from '../audit/record';
import type { CoreDeps } from '../deps';
import { normalizeUid } from '../registry/card';
import { validateKk, validateNik } from '../registry/nik';
import { shortName } from './receipt';
import { jakartaDay } from '../common/jakarta';

/**
 * kiosk-identify and kiosk-identify-card: the wizard's first step. Anyone can stand at a kiosk,
 * so the answer must not tell whether a NIK is registered: a NIK with the wrong No. KK, a deceased
 * resident, a NIK nobody has and a card nobody bound all get the same UNKNOWN
 * (docs/decisions.md, "Kiosk applications").
 */
const UNKNOWN: KioskIdentity = Object.freeze({
  isKnown: false,
  greetingName: null,
  prefill: Object.freeze({}),
});

export function registerKioskIdentify(app: App, deps: CoreDeps): void {
  const fields = fieldsByCode(deps.catalogue);
  /** The answer for a NIK's row and a No. KK; both handlers end here. */
  const identityOf = (
    resident: ResidentRow | undefined,
    kkNumber: string,
    options: { today: string; hasNumbers: boolean },
  ): KioskIdentity => {
    // residents.kk_number is the current membership (the writer moves both together).
    const isMatch = resident?.is_alive === 1 && resident.kk_number === kkNumber;
    const family = isMatch ? familyByKk(deps.sqlite, kkNumber) : undefined;
    if (!resident || !family) return UNKNOWN;
    const context = { today: options.today, codeLists: deps.codeLists };
    return known(resident, family, fields, context, options.hasNumbers);
  };

  app.method('kiosk-identify', {
    role: 'kiosk',
    // Room for a mistyped length, so it gets INVALID_NIK / INVALID_KK and not a bare schema error.
    args: z.strictObject({ nik: z.string().trim().max(32), kkNumber: z.string().trim().max(32) }),
    run: async (args, ctx) => {
      const today = jakartaDay(deps.ports.clock.now());
      const nik = validateNik(args.nik, { today });
      if (!nik.isValid) return failWith('INVALID_ARGS', 'INVALID_NIK', codes(nik.errors), ['nik']);
      const kk = validateKk(args.kkNumber);
      if (!kk.isValid)
        return failWith('INVALID_ARGS', 'INVALID_KK', codes(kk.errors), ['kkNumber']);
      const resident = residentRowByNik(deps.sqlite, args.nik);
      const identity = identityOf(resident, args.kkNumber, { today, hasNumbers: false });
      // Audited before the answer leaves, as opening a record is; the name never goes in.
      const detail = { isKnown: identity.isKnown };
      await recordAuditAlone(deps, ctx.session, 'kiosk.identify', detail, args.nik);
      // A pair that matched nobody makes this source's next look-ups wait (finding 1.9).
      if (!identity.isKnown) deps.limits.noteUnknown(ctx);
      return ok(identity);
    },
  });

  // The card stands for the NIK and its current No. KK, so the wizard gets both numbers as well.
  app.method('kiosk-identify-card', {
    role: 'kiosk',
    args: z.strictObject({ uid: z.string().max(64) }),
    run: async (args, ctx) => {
      const uid = normalizeUid(args.uid);
      if (uid === null)
        return failWith('INVALID_ARGS', 'INVALID_UID', 'Not a 4, 7 or 10 byte UID in hex', ['uid']);
      const binding = await activeBindingByUid(deps.db, uid);
      const resident = binding ? residentRowByNik(deps.sqlite, binding.resident_nik) : undefined;
      const today = jakartaDay(deps.ports.clock.now());
      const identity = resident
        ? identityOf(resident, resident.kk_number, { today, hasNumbers: true })
        : UNKNOWN;
      // No UID in the entry: the subject hash says whose record was read, and an unbound card's
      // UID would be a lasting identifier of someone the station has no record of.
      const subject = identity.isKnown && resident ? resident.nik : null;
      const detail = { isKnown: identity.isKnown };
      await recordAuditAlone(deps, ctx.session, 'kiosk.identify-card', detail, subject);
      if (!identity.isKnown) deps.limits.noteUnknown(ctx);
      return ok(identity);
    },
  });
}

const codes = (errors: readonly { code: string }[]) => errors.map((e) => e.code).join(', ');

function fieldsByCode(catalogue: KioskCatalogue): Map<string, CatalogueField> {
  const all = catalogue.groups.flatMap((g) => g.services.flatMap((s) => s.fields));
  return new Map(all.map((f) => [f.code, f]));
}

function known(
  resident: ResidentRow,
  family: FamilyRow,
  fields: ReadonlyMap<string, CatalogueField>,
  context: ValueContext,
  hasNumbers: boolean,
): KioskIdentity {
  const street = family.address.trim();
  const dusun = family.dusun?.trim() ?? '';
  // The field asks for street, hamlet and house number; the KK keeps the hamlet apart.
  const withDusun =
    dusun !== '' && !street.toUpperCase().includes(dusun.toUpperCase())
      ? `${street}, ${dusun}`
      : street;
  // Candidates per field, best first; a value the submission would refuse is not offered.
  const numbers: [string, string[]][] = [
    ['pemohon-nik', [resident.nik]],
    ['pemohon-no-kk', [family.kk_number]],
  ];
  const candidates: [string, string[]][] = [
    ...(hasNumbers ? numbers : []),
    ['pemohon-nama', [resident.name]],
    ['alamat-wilayah', [family.village_code]],
    ['alamat-jalan', [withDusun, street]],
    ['alamat-rt', [unpadded(family.rt)]],
    ['alamat-rw', [unpadded(family.rw)]],
  ];
  const prefill: Record<string, string> = {};
  for (const [code, values] of candidates) {
    const field = fields.get(code);
    const value = values
      .map((v) => v.trim())
      .find((v) => v !== '' && field && checkFieldValue(field, v, context) === null);
    if (value !== undefined) prefill[code] = value;
  }
  return { isKnown: true, greetingName: shortName(resident.name), prefill };
}

/** RT/RW are stored as three digits: '003' → '3', as a citizen types it; '000' (none) → ''. */
function unpadded(value: string): string {
  return value.trim().replace(/^0+/, '');
}
