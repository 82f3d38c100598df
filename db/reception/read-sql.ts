/** SQL twins of the reception read rules in ./visibility.ts (`unitReads`, `canSeeAppointment`); tests check both. */
import { and, or, sql, type SQL } from 'drizzle-orm';
import { appointments, events, receptions, receptionSchedules, visits } from '../schema';
import { isUnitMember } from '../cases/visibility';
import { likePrefix } from '../cases/service';
import type { ReceptionViewer } from './visibility';

type ReceptionTable = typeof receptionSchedules | typeof appointments | typeof receptions | typeof visits;

function unitReadsSql(t: ReceptionTable, viewer: ReceptionViewer): SQL {
  return isUnitMember(viewer) ? sql`${t.unitPath} like ${likePrefix(viewer.unitPath!)}` : sql`false`;
}

export function readableSql(t: ReceptionTable, viewer: ReceptionViewer): SQL {
  if (t === appointments && viewer.petitionerId) return or(unitReadsSql(t, viewer), sql`${appointments.petitionerId} = ${viewer.petitionerId}`)!;
  return unitReadsSql(t, viewer);
}

/** The events of a reception stream the viewer may read (for db/events/access.ts), optionally within a subtree. */
export function readableStreamSql(t: ReceptionTable, viewer: ReceptionViewer, withinUnitPath: string | null): SQL {
  return sql`exists (select 1 from ${t} where ${t.id} = ${events.streamId} and ${and(
    readableSql(t, viewer),
    withinUnitPath ? sql`${t.unitPath} like ${likePrefix(withinUnitPath)}` : undefined,
  )})`;
}
