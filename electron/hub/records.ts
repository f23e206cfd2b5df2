import { isAggregate, type Aggregate } from '../protocol/outbox';

/** One record of a packet's JSON Lines, checked (docs/sync-packets.md, "Records"). */
export interface HubRecordInput {
  id: string;
  seq: number;
  aggregate: Aggregate;
  aggregateId: string;
  op: string;
  at: string;
  data: unknown;
}

/** One JSON Lines record, checked; the reason names what is wrong. */
export function checkRecord(
  line: string,
  range: { fromSeq: number; toSeq: number },
): HubRecordInput | { id: string | null; reason: string } {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { id: null, reason: 'NOT_JSON' };
  }
  const id = typeof value.id === 'string' && value.id.length <= 100 ? value.id : null;
  if (!id) return { id: null, reason: 'NO_ID' };
  if (
    !Number.isSafeInteger(value.seq) ||
    (value.seq as number) < range.fromSeq ||
    (value.seq as number) > range.toSeq
  )
    return { id, reason: 'SEQ_OUT_OF_RANGE' };
  if (!isAggregate(value.aggregate)) return { id, reason: 'UNKNOWN_AGGREGATE' };
  if (typeof value.aggregateId !== 'string' || value.aggregateId.length === 0)
    return { id, reason: 'NO_AGGREGATE_ID' };
  if (value.op !== 'upsert' && value.op !== 'delete') return { id, reason: 'BAD_OP' };
  if (typeof value.at !== 'string') return { id, reason: 'NO_TIME' };
  if (value.data === null || typeof value.data !== 'object') return { id, reason: 'NO_DATA' };
  return {
    id,
    seq: value.seq as number,
    aggregate: value.aggregate,
    aggregateId: value.aggregateId,
    op: value.op,
    at: value.at,
    data: value.data,
  };
}
