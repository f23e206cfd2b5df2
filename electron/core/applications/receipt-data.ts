import type { ApplicationReceiptView, CatalogueService, LocalText } from '../../contract';
import type { ApplicationRow, UnitRow } from '../../../db/schema';
import type { ReceiptData } from '../kiosk/receipt';
import { rollUnit } from '../kiosk/receipt-layout';
import { shortName } from '../kiosk/receipt';
import { maskNik } from '../common/mask';

const NEXT_STEPS: LocalText = {
  id: 'Petugas akan memeriksa permohonan Anda. Cek status dengan memindai kode QR ini di kiosk.',
  en: 'An officer will check your application. Check its status by scanning this QR code at the kiosk.',
};

/** Requirements photographed, and required ones still missing (in-person steps are not papers). */
export function requirementLists(
  service: CatalogueService,
  photographed: ReadonlySet<string>,
): { handedIn: LocalText[]; missing: LocalText[] } {
  const handedIn: LocalText[] = [];
  const missing: LocalText[] = [];
  for (const r of service.requirements) {
    const taken = [r, ...r.alternatives].find((x) => photographed.has(x.code));
    if (taken) handedIn.push(taken.label);
    else if (r.need === 'required' && r.kind !== 'in-person') missing.push(r.label);
  }
  return { handedIn, missing };
}

export function receiptView(
  row: ApplicationRow,
  service: CatalogueService,
  photographed: ReadonlySet<string>,
): ApplicationReceiptView {
  return {
    service: service.title,
    applicantShortName: shortName(row.applicant_name ?? ''),
    maskedNik: row.applicant_nik === null ? null : maskNik(row.applicant_nik),
    submittedAt: row.created_at,
    ...requirementLists(service, photographed),
  };
}

export function receiptData(
  row: ApplicationRow,
  service: CatalogueService,
  photographed: ReadonlySet<string>,
  unit: UnitRow,
): ReceiptData {
  const lists = requirementLists(service, photographed);
  return {
    unit: rollUnit(unit),
    applicationNumber: row.number,
    service: service.title,
    applicantName: row.applicant_name ?? '-',
    nik: row.applicant_nik ?? '',
    submittedAt: row.created_at,
    requirements: {
      handedIn: lists.handedIn.map((t) => t.id),
      missing: lists.missing.map((t) => t.id),
    },
    nextSteps: NEXT_STEPS,
  };
}
