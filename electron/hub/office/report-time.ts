import type {
  ReportArgs,
  ReportBucket,
  ReportCount,
  ReportTurnaround,
} from '../../contract/office/reports';
import { bucketKey, bucketsOf, jakartaDayCache } from './report-period';

/**
 * The report's time figures: applications and issued documents per Jakarta bucket, and the
 * time from submission to issue (median, p90, the same Jakarta day).
 */

const HOUR_MS = 60 * 60 * 1000;

/** An issued document: hours from submission, its issue day, whether that was the same day. */
export interface IssuedFact {
  hours: number;
  day: string;
  isSameDay: boolean;
}

export function issuedFacts(issued: { submitted_at: string; decided_at: string }[]): IssuedFact[] {
  const dayOf = jakartaDayCache();
  return issued.map((row) => {
    const day = dayOf(row.decided_at);
    return {
      hours: Math.max(0, Date.parse(row.decided_at) - Date.parse(row.submitted_at)) / HOUR_MS,
      day,
      isSameDay: day === dayOf(row.submitted_at),
    };
  });
}

export function bucketFigures(
  args: ReportArgs,
  channels: ReportCount[],
  hours: { hour: string; channel: string; count: number }[],
  issued: IssuedFact[],
): ReportBucket[] {
  const buckets = new Map<string, ReportBucket>();
  for (const b of bucketsOf(args.period, args.from, args.to))
    buckets.set(b.key, {
      ...b,
      received: Object.fromEntries(channels.map((c) => [c.key, 0])),
      receivedTotal: 0,
      issued: 0,
      sameDay: 0,
    });
  const dayOf = jakartaDayCache();
  const keys = new Map<string, string>();
  const bucketOfDay = (day: string): ReportBucket | undefined => {
    let key = keys.get(day);
    if (key === undefined) keys.set(day, (key = bucketKey(args.period, day)));
    return buckets.get(key);
  };
  for (const row of hours) {
    const bucket = bucketOfDay(dayOf(row.hour));
    if (!bucket) continue;
    bucket.received[row.channel] = (bucket.received[row.channel] ?? 0) + row.count;
    bucket.receivedTotal += row.count;
  }
  for (const fact of issued) {
    const bucket = bucketOfDay(fact.day);
    if (!bucket) continue;
    bucket.issued += 1;
    if (fact.isSameDay) bucket.sameDay += 1;
  }
  return [...buckets.values()];
}

/** The p-quantile of sorted values, interpolated between ranks (Excel PERCENTILE.INC). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const lower = sorted[low] ?? 0;
  const upper = sorted[Math.min(low + 1, sorted.length - 1)] ?? lower;
  return lower + (upper - lower) * (rank - low);
}

const oneDecimal = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

export function turnaround(issued: IssuedFact[]): ReportTurnaround {
  const hours = issued.map((f) => f.hours).sort((a, b) => a - b);
  const sameDay = issued.filter((f) => f.isSameDay).length;
  return {
    issued: issued.length,
    medianHours: oneDecimal(percentile(hours, 0.5)),
    p90Hours: oneDecimal(percentile(hours, 0.9)),
    sameDay,
    sameDayShare: issued.length === 0 ? null : sameDay / issued.length,
  };
}
