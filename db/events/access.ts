import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { appointments, cases, events, mediationRooms, mediationSessions, mediators, receptions, receptionSchedules, suggestionCampaigns, suggestions, visits, type eventStreams } from '../schema';
import { readableStreamSql } from '../reception/read-sql';
import { accountViewerSql, visibleMediatorsSql, visibleRoomsSql, visibleSessionsSql, type SqlViewer } from '../mediation/queries';
import { isUnitMember } from '../cases/visibility';
import type { Viewer } from '../cases/visibility';
import { likePrefix, visibleCasesSql } from '../cases/service';

export type StreamType = (typeof eventStreams)[number];

/**
 * Who may read the events of one stream type: the SQL condition on an `events` row, for a viewer, optionally
 * narrowed to streams that lie in a unit subtree. Each entry is the domain's own query visibility rule (never a
 * second one), so subscriptions and webhooks see exactly what queries show.
 *
 * This map is all a new stream type needs for delivery: `satisfies Record<StreamType, …>` makes adding a value to
 * `eventStreams` a compile error until its rule is here. Until then a stream is delivered to no one.
 */
export const streamAccess = {
  CASE: (viewer, withinUnitPath) =>
    sql`exists (select 1 from ${cases} where ${cases.id} = ${events.streamId} and ${and(
      visibleCasesSql(cases, viewer),
      withinUnitPath ? sql`${cases.unitPath} like ${likePrefix(withinUnitPath)}` : undefined,
    )})`,
  // Mediation (db/mediation/queries.ts, the twins of db/mediation/visibility.ts): sessions to the staff of their
  // unit's subtree and to the mediators on their panel; roster records and rooms to the staff of their line of the
  // unit tree, a mediator's record to that mediator. Integrators read no mediation, as in queries.
  MEDIATION_SESSION: (viewer, withinUnitPath) => mediationSql(mediationSessions, viewer, withinUnitPath, visibleSessionsSql),
  MEDIATOR: (viewer, withinUnitPath) => mediationSql(mediators, viewer, withinUnitPath, visibleMediatorsSql),
  MEDIATION_ROOM: (viewer, withinUnitPath) => mediationSql(mediationRooms, viewer, withinUnitPath, visibleRoomsSql),
  // Suggestions and campaigns: staff of the responsible (owning) unit's subtree, the SQL twin of canReadSuggestion's
  // unit rule (submitters and drawn assessors read their own through queries, not through the feed).
  SUGGESTION: (viewer, withinUnitPath) => unitSubtreeSql(viewer, withinUnitPath, sql`select 1 from ${suggestions} where ${suggestions.id} = ${events.streamId}`, suggestions.unitPath),
  SUGGESTION_CAMPAIGN: (viewer, withinUnitPath) =>
    unitSubtreeSql(viewer, withinUnitPath, sql`select 1 from ${suggestionCampaigns} where ${suggestionCampaigns.id} = ${events.streamId}`, suggestionCampaigns.unitPath),
  // Reception (db/reception/visibility.ts): the unit subtree's members, integrators included (an SMS gateway
  // delivers the appointment reminders), and a petitioner their own appointments.
  RECEPTION_SCHEDULE: (viewer, withinUnitPath) => readableStreamSql(receptionSchedules, viewer, withinUnitPath),
  APPOINTMENT: (viewer, withinUnitPath) => readableStreamSql(appointments, viewer, withinUnitPath),
  RECEPTION: (viewer, withinUnitPath) => readableStreamSql(receptions, viewer, withinUnitPath),
  VISIT: (viewer, withinUnitPath) => readableStreamSql(visits, viewer, withinUnitPath),
  // Account changes are for administrators (Account.history), not for integrators' feeds.
  ACCOUNT: () => sql`false`,
} satisfies Record<StreamType, (viewer: Viewer, withinUnitPath: string | null) => SQL>;

function mediationSql<T extends typeof mediationSessions | typeof mediators | typeof mediationRooms>(table: T, viewer: Viewer, withinUnitPath: string | null, visible: (t: T, viewer: SqlViewer) => SQL): SQL {
  const within = withinUnitPath ? sql` and ${table.unitPath} like ${likePrefix(withinUnitPath)}` : sql``;
  return sql`exists (select 1 from ${table} where ${table.id} = ${events.streamId} and ${visible(table, accountViewerSql(viewer, mediators))}${within})`;
}

function unitSubtreeSql(viewer: Viewer, withinUnitPath: string | null, rowOfEvent: SQL, unitPath: AnyPgColumn): SQL {
  if (!isUnitMember(viewer)) return sql`false`;
  const within = withinUnitPath ? sql` and ${unitPath} like ${likePrefix(withinUnitPath)}` : sql``;
  return sql`exists (${rowOfEvent} and ${unitPath} like ${likePrefix(viewer.unitPath!)}${within})`;
}

/** The events the viewer may read, of the given stream types (all when empty). */
export function readableEventsSql(viewer: Viewer, streamTypes: readonly StreamType[], withinUnitPath: string | null): SQL {
  const types = (streamTypes.length ? streamTypes : (Object.keys(streamAccess) as StreamType[])).filter((type, i, all) => all.indexOf(type) === i);
  const parts = types.map((type) => sql`(${eq(events.streamType, type)} and ${streamAccess[type](viewer, withinUnitPath)})`);
  return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`;
}
