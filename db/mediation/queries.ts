/** SQL twins of ./visibility.ts, for lists and counts: the rows a viewer may read, as one predicate. */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { mediationRooms, mediationSessions, mediators } from '../schema';
import { isMediationStaff, type MediationViewer } from './visibility';

export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** unitPath on the viewer's line: in their subtree, or one of their ancestors. */
function onLineSql(column: SQL | typeof mediators.unitPath, viewerPath: string): SQL {
  return sql`(${column} like ${likePrefix(viewerPath)} or ${viewerPath} like ${column} || '%')`;
}

export function visibleMediatorsSql(t: typeof mediators, viewer: MediationViewer): SQL {
  const grants: SQL[] = [];
  if (isMediationStaff(viewer)) grants.push(onLineSql(t.unitPath, viewer.unitPath!));
  if (viewer.mediatorId) grants.push(eq(t.id, viewer.mediatorId));
  return grants.length ? or(...grants)! : sql`false`;
}

export function visibleRoomsSql(t: typeof mediationRooms, viewer: MediationViewer): SQL {
  if (isMediationStaff(viewer)) return onLineSql(t.unitPath as never, viewer.unitPath!);
  return viewer.mediatorId ? sql`true` : sql`false`;
}

export function visibleSessionsSql(t: typeof mediationSessions, viewer: MediationViewer): SQL {
  const grants: SQL[] = [];
  if (isMediationStaff(viewer)) grants.push(sql`${t.unitPath} like ${likePrefix(viewer.unitPath!)}`);
  if (viewer.mediatorId) grants.push(sql`${t.panelMediatorIds} @> array[${viewer.mediatorId}]::uuid[]`);
  return grants.length ? or(...grants)! : sql`false`;
}

export interface ListFilter {
  unitPath?: string | null;
  statuses?: readonly string[] | null;
  kinds?: readonly string[] | null;
}

/** The common list filters: subtree of a unit, any of these statuses, any of these kinds. */
export function listFilterSql(t: { unitPath: unknown; status: unknown; kind?: unknown }, filter: ListFilter | null | undefined): SQL[] {
  const parts: SQL[] = [];
  if (filter?.unitPath) parts.push(sql`${t.unitPath} like ${likePrefix(filter.unitPath)}`);
  if (filter?.statuses?.length) parts.push(inArray(t.status as never, filter.statuses as never[]));
  if (filter?.kinds?.length && t.kind) parts.push(inArray(t.kind as never, filter.kinds as never[]));
  return parts;
}

export function allOf(parts: (SQL | undefined)[]): SQL {
  return and(...parts) ?? sql`true`;
}
