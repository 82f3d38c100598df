import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { events } from '../tables/cases.sql';
import type { StreamType } from './access';

/**
 * An object's number of events, as a relational query's `extras` entry beside its row: one index look-up on
 * (stream_type, stream_id, sequence), in the same statement as the row.
 */
export function historyCount(streamType: StreamType) {
  return (parent: { id: AnyColumn }): SQL<number> =>
    sql<number>`(select count(*)::int from ${events} where ${events.streamType} = ${streamType} and ${events.streamId} = ${parent.id})`;
}
