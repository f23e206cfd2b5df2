import { randomBytes } from 'node:crypto';
import type { Result } from '../../electron/contract';

/**
 * The call mix of the load bench, the same for the socket run and the in-process baseline: kiosks
 * walk citizens through a visit at a human pace (within the per-socket kiosk limits, so a refusal
 * is an error), desks work through the inbox as fast as an officer clicks.
 */
export interface Link {
  send(name: string, args: unknown): Promise<Result<unknown>>;
}

export interface Pair {
  nik: string;
  kk: string;
}

/** What the clients need to know of the station: real pairs, names to search, consent. */
export interface Fixture {
  pairs: Pair[];
  names: string[];
  consentVersion: string;
}

export interface CallRecord {
  name: string;
  ms: number;
  ok: boolean;
  error?: string;
}

export interface ClientContext {
  fixture: Fixture;
  /** Stops starting new work when this returns true. */
  isDone(): boolean;
  record(call: CallRecord): void;
  random(): number;
  photoBytes: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function timed(link: Link, ctx: ClientContext, name: string, args: unknown) {
  const start = process.hrtime.bigint();
  const result = await link.send(name, args);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  ctx.record(
    result.ok
      ? { name, ms, ok: true }
      : {
          name,
          ms,
          ok: false,
          error: `${result.error.code} ${result.error.reason ?? ''} ${result.error.message}`,
        },
  );
  return result;
}

/** A JPEG-shaped photo (start and end markers) of about `bytes`, different every time. */
function photo(ctx: ClientContext): string {
  const bytes = randomBytes(Math.round(ctx.photoBytes * (0.9 + ctx.random() * 0.2)));
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], bytes.length - 2);
  return bytes.toString('base64');
}

/**
 * One kiosk: every `cycleMs` one citizen's visit (home screen, consent, two field checks,
 * identify, a submission with a photo, a status check of it, a queue ticket), the calls spread
 * over the visit. Per visit: 5 reads, 2 look-ups, 1 submission, 1 ticket, within the per-socket
 * limits (electron/core/limits/settings.ts) at a cycle of 30 s or more.
 */
export async function runKiosk(link: Link, ctx: ClientContext, cycleMs: number): Promise<void> {
  const steps = 9;
  const gap = cycleMs / (steps + 1);
  await sleep(ctx.random() * cycleMs);
  while (!ctx.isDone()) {
    const started = Date.now();
    const pair = ctx.fixture.pairs[Math.floor(ctx.random() * ctx.fixture.pairs.length)]!;
    const step = async (name: string, args: unknown) => {
      const result = await timed(link, ctx, name, args);
      await sleep(gap);
      return result;
    };
    const services = await step('kiosk-services', {});
    await step('kiosk-catalogue', {});
    await step('applications-consent-get', {});
    const check = (fieldCode: string, value: string) =>
      step('applications-field-check', { serviceCode: 'ktp-el-hilang', fieldCode, value });
    await check('pemohon-nik', pair.nik);
    await check('pemohon-no-kk', pair.kk);
    await step('kiosk-identify', { nik: pair.nik, kkNumber: pair.kk });
    const submitted = await step('applications-submit', {
      serviceCode: 'ktp-el-hilang',
      fields: {
        'pemohon-nik': pair.nik,
        'pemohon-no-kk': pair.kk,
        'pemohon-telepon': '081234567890',
      },
      photos: [
        {
          requirementCode: 'kk',
          dataBase64: photo(ctx),
          width: 1200,
          height: 900,
          takenAt: new Date(Date.now() - 60_000).toISOString(),
        },
      ],
      consent: { isAccepted: true, version: ctx.fixture.consentVersion, language: 'id' },
    });
    if (submitted.ok) {
      const { number, check: code } = submitted.value as { number: string; check: string };
      await step('applications-status-check', { number, check: code });
    }
    // A queue ticket for one of the home screen's tiles (their codes are the catalogue groups).
    const tiles = services.ok ? (services.value as { code: string }[]) : [];
    const tile = tiles[Math.floor(ctx.random() * tiles.length)];
    if (tile) await step('kiosk-ticket-take', { serviceCode: tile.code });
    const left = cycleMs - (Date.now() - started);
    if (left > 0 && !ctx.isDone()) await sleep(left);
  }
}

interface InboxPage {
  items: { id: string }[];
}

/**
 * One desk (a training officer): the free inbox, then claims one application of its own share
 * (desks never race for the same one), reads it and decides it; a registry search by name, the
 * day's summary and the station status in between. `thinkMs` between calls.
 */
export async function runDesk(
  link: Link,
  ctx: ClientContext,
  desk: { index: number; of: number; thinkMs: number },
): Promise<void> {
  const step = async (name: string, args: unknown) => {
    const result = await timed(link, ctx, name, args);
    await sleep(desk.thinkMs * (0.5 + ctx.random()));
    return result;
  };
  const switched = await link.send('station-demo-switch', { mode: 'officer' });
  if (!switched.ok) throw new Error(`desk ${desk.index}: ${switched.error.message}`);
  await sleep(ctx.random() * desk.thinkMs * 4);
  while (!ctx.isDone()) {
    const inbox = await step('desk-inbox', {
      status: 'diajukan',
      claim: 'free',
      offset: 0,
      limit: 50,
    });
    const mine = inbox.ok
      ? (inbox.value as InboxPage).items.find((item) => share(item.id, desk.of) === desk.index)
      : undefined;
    if (mine) {
      const claimed = await step('desk-application-claim', { id: mine.id });
      if (claimed.ok) {
        await step('desk-application-get', { id: mine.id });
        await step('desk-application-decide', {
          id: mine.id,
          decision: 'reject',
          reason: 'Uji beban: permohonan sintetis',
        });
      }
    }
    const name = ctx.fixture.names[Math.floor(ctx.random() * ctx.fixture.names.length)]!;
    await step('registry-search', { query: name, limit: 20 });
    await step('desk-summary', {});
    await step('station-status', {});
  }
}

/** Which desk an application belongs to: a hash of its id, so every desk has its own share. */
function share(id: string, of: number): number {
  let hash = 0;
  for (let i = 0; i < id.length; i += 1) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % of;
}
