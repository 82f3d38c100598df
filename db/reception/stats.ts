/**
 * The reception figures, in one SQL statement like `caseStats`: receptions held per leader and per unit, people
 * received, matters resolved on the spot, cases registered from receptions, appointments kept vs
 * no-shows, visits made. Grouping sets give the per-leader rows, the per-unit rows and the subtree's total in the
 * same pass (each row's people received counts a person once, not once per leader or unit).
 *
 * Period: receptions and appointments by their date, visits by the day they were carried out, all in
 * [from, to] inclusive; the unit is the subtree of `unitPath` (where the schedule or visit belongs).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { accounts, appointments, receptions, receptionSchedules, units, visits } from '../schema';
import type { IsoDate } from '../calendar/work-calendar';
import { likePrefix } from '../cases/service';

export interface ReceptionFigures {
  receptionsHeld: number;
  peopleReceived: number;
  resolvedOnSpot: number;
  casesRegistered: number;
  attachedToCases: number;
  referredToMediation: number;
  appointmentsBooked: number;
  appointmentsKept: number;
  noShows: number;
  visitsMade: number;
}

export interface LeaderFigures extends ReceptionFigures {
  leaderId: string;
  leaderName: string;
}

/** One unit's own figures: the unit a schedule or visit belongs to (not rolled up into its parents). */
export interface UnitFigures extends ReceptionFigures {
  unitId: string;
  unitName: string;
}

const zero: ReceptionFigures = {
  receptionsHeld: 0,
  peopleReceived: 0,
  resolvedOnSpot: 0,
  casesRegistered: 0,
  attachedToCases: 0,
  referredToMediation: 0,
  appointmentsBooked: 0,
  appointmentsKept: 0,
  noShows: 0,
  visitsMade: 0,
};

export async function receptionFigures(db: Executor, unitPath: string, from: IsoDate, to: IsoDate): Promise<{ total: ReceptionFigures; byLeader: LeaderFigures[]; byUnit: UnitFigures[] }> {
  const prefix = likePrefix(unitPath);
  const result = await db.execute(sql`
    with r as (
      select ${receptions.leaderId} as leader_id, ${receptions.unitId} as unit_id, ${receptions.petitionerId} as petitioner_id, ${receptions.status} as status, ${receptions.outcome} as outcome
      from ${receptions} where ${receptions.unitPath} like ${prefix} and ${receptions.date} between ${from} and ${to}
    ), a as (
      select ${appointments.leaderId} as leader_id, ${receptionSchedules.unitId} as unit_id, ${appointments.status} as status
      from ${appointments} join ${receptionSchedules} on ${receptionSchedules.id} = ${appointments.scheduleId}
      where ${appointments.unitPath} like ${prefix} and ${appointments.date} between ${from} and ${to}
    ), v as (
      select ${visits.leaderId} as leader_id, ${visits.unitId} as unit_id from ${visits}
      where ${visits.unitPath} like ${prefix} and ${visits.status} = 'DONE' and ${visits.carriedOutOn} between ${from} and ${to}
    ), facts as (
      select leader_id, unit_id, petitioner_id, status::text as r_status, outcome::text as outcome, null::text as a_status, false as visit from r
      union all select leader_id, unit_id, null, null, null, status::text, false from a
      union all select leader_id, unit_id, null, null, null, null, true from v
    )
    select f.leader_id, (select ${accounts.displayName} from ${accounts} where ${accounts.id} = f.leader_id) as leader_name,
      f.unit_id, (select ${units.name} from ${units} where ${units.id} = f.unit_id) as unit_name,
      count(*) filter (where r_status = 'HELD')::int as receptions_held,
      count(distinct petitioner_id) filter (where r_status = 'HELD')::int as people_received,
      count(*) filter (where outcome = 'RESOLVED_ON_SPOT')::int as resolved_on_spot,
      count(*) filter (where outcome = 'CASE_REGISTERED')::int as cases_registered,
      count(*) filter (where outcome = 'ATTACHED_TO_CASE')::int as attached_to_cases,
      count(*) filter (where outcome = 'REFERRED_TO_MEDIATION')::int as referred_to_mediation,
      count(*) filter (where a_status is not null)::int as appointments_booked,
      count(*) filter (where a_status = 'ARRIVED')::int as appointments_kept,
      count(*) filter (where a_status = 'NO_SHOW')::int as no_shows,
      count(*) filter (where visit)::int as visits_made,
      grouping(f.leader_id, f.unit_id) as grouping_level
    from facts f
    group by grouping sets ((f.leader_id), (f.unit_id), ())
    order by grouping_level desc, receptions_held desc, leader_name, unit_name
  `);
  const rows = ((result as unknown as { rows?: Record<string, unknown>[] }).rows ?? (result as unknown as Record<string, unknown>[])).map((row) => ({
    leaderId: row.leader_id as string | null,
    leaderName: row.leader_name as string | null,
    unitId: row.unit_id as string | null,
    unitName: row.unit_name as string | null,
    // grouping(leader, unit): 3 = the total, 1 = a leader's row (unit rolled up), 2 = a unit's row.
    level: Number(row.grouping_level),
    figures: {
      receptionsHeld: Number(row.receptions_held),
      peopleReceived: Number(row.people_received),
      resolvedOnSpot: Number(row.resolved_on_spot),
      casesRegistered: Number(row.cases_registered),
      attachedToCases: Number(row.attached_to_cases),
      referredToMediation: Number(row.referred_to_mediation),
      appointmentsBooked: Number(row.appointments_booked),
      appointmentsKept: Number(row.appointments_kept),
      noShows: Number(row.no_shows),
      visitsMade: Number(row.visits_made),
    } satisfies ReceptionFigures,
  }));
  const total = rows.find((r) => r.level === 3)?.figures ?? zero;
  return {
    total,
    byLeader: rows.filter((r) => r.level === 1).map((r) => ({ leaderId: r.leaderId!, leaderName: r.leaderName ?? '', ...r.figures })),
    byUnit: rows.filter((r) => r.level === 2).map((r) => ({ unitId: r.unitId!, unitName: r.unitName ?? '', ...r.figures })),
  };
}
