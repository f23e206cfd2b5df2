import type { Kysely } from 'kysely';
import type {
  OutreachReadiness,
  OutreachStock,
  OutreachStockItem,
  OutreachText,
  ReadinessItem,
  ReadinessItemId,
} from '../../contract';
import {
  confirmReadinessItem,
  listReadiness,
  passedHardwareCheck,
  putReadiness,
  residentsPerVillage,
  type OutreachReadinessRow,
} from '../../../db/queries/outreach-plan';
import { getSetting } from '../../../db/queries/settings';
import type { Database } from '../../../db/schema';
import { formatJakarta, jakartaDay, jakartaDayRange } from '../common/jakarta';
import type { CoreDeps } from '../deps';
import { storedEnrolment } from '../sync/enrolment';
import { eventStock } from './stock';

/**
 * The readiness checklist of an outreach event (docs/outreach.md, "Readiness"): four items the
 * station checks itself, one (printer paper) the leader confirms. Each check is stored with its
 * time; the event page shows the last one and "Periksa ulang" runs it again.
 */

export const READINESS_ITEMS: readonly ReadinessItemId[] = [
  'registry-imported',
  'station-synced',
  'hardware-checked',
  'stock-checked-out',
  'printer-paper',
];

export const READINESS_LABELS: Readonly<Record<ReadinessItemId, OutreachText>> = {
  'registry-imported': {
    id: 'Data penduduk desa kegiatan sudah dimuat',
    en: "The registry of the event's villages is imported",
  },
  'station-synced': {
    id: 'Stasiun terdaftar dan tersinkron dalam 24 jam terakhir',
    en: 'Station enrolled and synced in the last 24 hours',
  },
  'hardware-checked': {
    id: 'Cek perangkat lulus hari ini',
    en: 'Hardware check passed today',
  },
  'stock-checked-out': {
    id: 'Blanko dan pita dibawa untuk kegiatan',
    en: 'Blanks and ribbon checked out for the event',
  },
  'printer-paper': {
    id: 'Kertas printer cukup (dikonfirmasi ketua)',
    en: 'Printer paper (confirmed by the leader)',
  },
};

/** The setting core/sync/status.ts writes after each successful sync (an ISO time). */
const LAST_SYNC_SUCCESS = 'sync.last-success';
const SYNC_MAX_AGE_MS = 24 * 3600 * 1000;

export const STOCK_LABELS: Readonly<Record<OutreachStockItem, OutreachText>> = {
  'blanko-ktp-el': { id: 'blanko KTP-el', en: 'KTP-el blanks' },
  'blanko-kia': { id: 'blanko KIA', en: 'KIA blanks' },
  ribbon: { id: 'pita printer kartu', en: 'card printer ribbon' },
};

/** What the event needs on hand: blanks for the card services it offers, and ribbon with them. */
export function stockNeeds(serviceCodes: readonly string[]): OutreachStockItem[] {
  const needs: OutreachStockItem[] = [];
  if (serviceCodes.some((c) => c.startsWith('ktp-el') || c === 'perekaman-ktp-el'))
    needs.push('blanko-ktp-el');
  if (serviceCodes.some((c) => c.startsWith('kia-'))) needs.push('blanko-kia');
  if (needs.length > 0) needs.push('ribbon');
  return needs;
}

const idNumber = (n: number) => n.toLocaleString('id-ID');
const enNumber = (n: number) => n.toLocaleString('en-GB');

export interface ReadinessSubject {
  id: string;
  villages: Array<{ code: string; name: string }>;
  serviceCodes: string[];
}

type Found = Pick<ReadinessItem, 'state' | 'detail'>;

async function registryItem(db: Kysely<Database>, event: ReadinessSubject): Promise<Found> {
  const counts = await residentsPerVillage(
    db,
    event.villages.map((v) => v.code),
  );
  const per = event.villages.map((v) => ({ ...v, n: counts.get(v.code) ?? 0 }));
  const total = per.reduce((sum, v) => sum + v.n, 0);
  const missing = per.filter((v) => v.n === 0);
  const list = (fmt: (n: number) => string) => per.map((v) => `${v.name} ${fmt(v.n)}`).join(', ');
  if (missing.length > 0)
    return {
      state: 'failed',
      detail: {
        id: `Belum ada data penduduk: ${missing.map((v) => v.name).join(', ')} (${list(idNumber)})`,
        en: `No residents imported: ${missing.map((v) => v.name).join(', ')} (${list(enNumber)})`,
      },
    };
  return {
    state: 'passed',
    detail: {
      id: `${idNumber(total)} penduduk (${list(idNumber)})`,
      en: `${enNumber(total)} residents (${list(enNumber)})`,
    },
  };
}

async function syncItem(deps: CoreDeps, db: Kysely<Database>): Promise<Found> {
  const enrolment = await storedEnrolment({ db });
  if (!enrolment)
    return {
      state: 'failed',
      detail: {
        id: 'Stasiun belum terdaftar ke Disdukcapil kabupaten',
        en: 'The station is not enrolled with the district',
      },
    };
  const last = await getSetting<string>(db, LAST_SYNC_SUCCESS);
  const now = deps.ports.clock.now().getTime();
  if (!last)
    return {
      state: 'failed',
      detail: { id: 'Belum pernah tersinkron', en: 'Never synced' },
    };
  const age = now - Date.parse(last);
  const when = formatJakarta(last);
  return age <= SYNC_MAX_AGE_MS && age >= -SYNC_MAX_AGE_MS
    ? {
        state: 'passed',
        detail: { id: `Sinkron terakhir ${when}`, en: `Last synced ${when}` },
      }
    : {
        state: 'failed',
        detail: {
          id: `Sinkron terakhir ${when}, lebih dari 24 jam lalu`,
          en: `Last synced ${when}, more than 24 hours ago`,
        },
      };
}

async function hardwareItem(deps: CoreDeps, db: Kysely<Database>): Promise<Found> {
  const today = jakartaDay(deps.ports.clock.now());
  const range = jakartaDayRange(today);
  const check = await passedHardwareCheck(db, range.from, range.to);
  return check
    ? {
        state: 'passed',
        detail: {
          id: `Lulus ${formatJakarta(check.at)} oleh ${check.user_name}`,
          en: `Passed ${formatJakarta(check.at)} by ${check.user_name}`,
        },
      }
    : {
        state: 'failed',
        detail: {
          id: 'Belum ada cek perangkat yang lulus hari ini',
          en: 'No passed hardware check today',
        },
      };
}

function stockItem(event: ReadinessSubject, stock: OutreachStock): Found {
  const needs = stockNeeds(event.serviceCodes);
  if (needs.length === 0)
    return {
      state: 'passed',
      detail: {
        id: 'Tidak ada layanan cetak kartu dalam kegiatan ini',
        en: 'The event offers no card printing service',
      },
    };
  const left = (item: OutreachStockItem) => stock.items.find((s) => s.item === item)?.left ?? 0;
  const line = (lang: 'id' | 'en') =>
    needs
      .map(
        (item) =>
          `${STOCK_LABELS[item][lang]} ${(lang === 'id' ? idNumber : enNumber)(left(item))}`,
      )
      .join(', ');
  const missing = needs.filter((item) => left(item) <= 0);
  return missing.length === 0
    ? { state: 'passed', detail: { id: `Dibawa: ${line('id')}`, en: `Carried: ${line('en')}` } }
    : {
        state: 'failed',
        detail: {
          id: `Belum dibawa: ${missing.map((i) => STOCK_LABELS[i].id).join(', ')} (${line('id')})`,
          en: `Not checked out: ${missing.map((i) => STOCK_LABELS[i].en).join(', ')} (${line('en')})`,
        },
      };
}

const PAPER_DETAIL: OutreachText = {
  id: 'Ketua memastikan kertas HVS A4 dan kertas struk 80 mm cukup',
  en: 'The leader makes sure there is enough A4 paper and 80 mm receipt paper',
};

function toItem(row: OutreachReadinessRow): ReadinessItem {
  const id = row.item as ReadinessItemId;
  return {
    id,
    label: READINESS_LABELS[id],
    detail: JSON.parse(row.detail) as OutreachText,
    state: row.state,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
  };
}

export function isReady(items: readonly ReadinessItem[]): boolean {
  return items.every(
    (i) => i.state === 'passed' || (i.state === 'confirm' && i.confirmedAt !== null),
  );
}

/** The items that block a start: failed, or a 'confirm' item not confirmed yet. */
export function blockingItems(items: readonly ReadinessItem[]): ReadinessItemId[] {
  return items
    .filter((i) => i.state === 'failed' || (i.state === 'confirm' && i.confirmedAt === null))
    .map((i) => i.id);
}

function toReadiness(rows: OutreachReadinessRow[]): OutreachReadiness | null {
  if (rows.length === 0) return null;
  const items = READINESS_ITEMS.flatMap((id) => {
    const row = rows.find((r) => r.item === id);
    return row ? [toItem(row)] : [];
  });
  const checkedAt = rows.reduce((a, r) => (r.checked_at > a ? r.checked_at : a), '');
  return { items, ready: isReady(items), checkedAt };
}

export async function storedReadiness(
  deps: Pick<CoreDeps, 'db'>,
  eventId: string,
): Promise<OutreachReadiness | null> {
  return toReadiness(await listReadiness(deps.db, eventId));
}

/**
 * Checks every item now and stores the result; the paper confirmation is kept. Inside a
 * transaction pass it as `db`: every read goes through it (one connection).
 */
export async function checkReadiness(
  deps: CoreDeps,
  event: ReadinessSubject,
  db: Kysely<Database> = deps.db,
): Promise<OutreachReadiness> {
  const at = deps.ports.clock.now().toISOString();
  const previous = await listReadiness(db, event.id);
  const paper = previous.find((r) => r.item === 'printer-paper');
  const found: Record<ReadinessItemId, Found> = {
    'registry-imported': await registryItem(db, event),
    'station-synced': await syncItem(deps, db),
    'hardware-checked': await hardwareItem(deps, db),
    'stock-checked-out': stockItem(event, await eventStock(deps, event.id, db)),
    'printer-paper': { state: 'confirm', detail: PAPER_DETAIL },
  };
  await putReadiness(
    db,
    READINESS_ITEMS.map((item) => ({
      event_id: event.id,
      item,
      state: found[item].state,
      detail: JSON.stringify(found[item].detail),
      confirmed_by: item === 'printer-paper' ? (paper?.confirmed_by ?? null) : null,
      confirmed_at: item === 'printer-paper' ? (paper?.confirmed_at ?? null) : null,
      checked_at: at,
    })),
  );
  const stored = toReadiness(await listReadiness(db, event.id));
  if (!stored) throw new Error('The readiness check stored nothing');
  return stored;
}

/** The leader confirms a 'confirm' item (printer paper). */
export async function confirmItem(
  deps: CoreDeps,
  db: Kysely<Database>,
  eventId: string,
  item: ReadinessItemId,
  by: string,
): Promise<void> {
  await confirmReadinessItem(db, { eventId, item, by, at: deps.ports.clock.now().toISOString() });
}
