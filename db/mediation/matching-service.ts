/** Loads the facts recommendMediators ranks on (./matching.ts), in a fixed number of queries for the whole roster. */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Session } from '../session';
import {
  conflictWaivers,
  mediationParties,
  mediationSessions,
  mediatorAppointments,
  mediatorAvailability,
  mediatorRelationships,
  mediators,
  mediatorUnavailability,
  units,
} from '../schema';
import { NotFoundError } from '../errors';
import { toChinaDate } from '../calendar/work-calendar';
import { busyAmong } from '../bookings/service';
import { rankMediators, type CandidateFacts } from './matching';
import { blockingConflicts, conflictsOf } from './recusal';
import { termOn } from './roster-rules';
import { unavailability } from './availability';
import { mediationViewerOf } from './roster';
import { canSeeSession } from './visibility';
import { likePrefix } from './queries';

export async function recommendMediators(session: Session, input: { sessionId: string; startsAt?: Date | null; endsAt?: Date | null }) {
  const viewer = await mediationViewerOf(session);
  const [row] = await session.db.select().from(mediationSessions).where(eq(mediationSessions.id, input.sessionId));
  if (!row || !canSeeSession(viewer, row)) throw new NotFoundError('mediation', '调解不存在或无权查看');
  const db = session.db;
  const range = input.startsAt && input.endsAt ? { startsAt: input.startsAt, endsAt: input.endsAt } : null;
  const day = toChinaDate(range?.startsAt ?? session.now());

  // The roster on the session unit's line: its subtree and the units above it.
  const roster = await db
    .select()
    .from(mediators)
    .where(or(sql`${mediators.unitPath} like ${likePrefix(row.unitPath)}`, sql`${row.unitPath} like ${mediators.unitPath} || '%'`));
  const ids = roster.map((m) => m.id);
  if (!ids.length) return { ranked: [], excluded: [], mediators: new Map<string, (typeof roster)[number]>() };

  const [parties, waivers, relationships, terms, weekly, away, load, busy, place] = await Promise.all([
    db.select().from(mediationParties).where(eq(mediationParties.sessionId, row.id)),
    db.select({ mediatorId: conflictWaivers.mediatorId, partyId: conflictWaivers.partyId }).from(conflictWaivers).where(eq(conflictWaivers.sessionId, row.id)),
    db.select().from(mediatorRelationships).where(inArray(mediatorRelationships.mediatorId, ids)),
    db.select().from(mediatorAppointments).where(inArray(mediatorAppointments.mediatorId, ids)),
    db.select().from(mediatorAvailability).where(inArray(mediatorAvailability.mediatorId, ids)),
    range
      ? db.select().from(mediatorUnavailability).where(and(inArray(mediatorUnavailability.mediatorId, ids), sql`${mediatorUnavailability.startsAt} < ${range.endsAt}`, sql`${mediatorUnavailability.endsAt} > ${range.startsAt}`))
      : Promise.resolve([]),
    // Load and record per mediator, in one aggregate over the sessions they sit on.
    db.execute(sql`select m.id as "mediatorId",
        count(*) filter (where s.status in ('PENDING_ACCEPTANCE','ACCEPTED','SCHEDULED','POSTPONED','IN_PROGRESS'))::int as "open",
        count(*) filter (where s.status in ('SCHEDULED','IN_PROGRESS') and s.starts_at >= ${session.now()} and s.starts_at < ${new Date(session.now().getTime() + 14 * 86_400_000)})::int as "upcoming",
        count(*) filter (where s.status in ('AGREEMENT','NO_AGREEMENT'))::int as "concluded",
        count(*) filter (where s.status = 'AGREEMENT')::int as "agreements",
        count(s.satisfaction)::int as "evaluated",
        count(*) filter (where s.satisfaction in ('SATISFIED','BASICALLY_SATISFIED'))::int as "satisfied"
      from unnest(${`{${ids.join(',')}}`}::uuid[]) as m(id)
      join mediation_sessions s on s.panel_mediator_ids @> array[m.id] and s.id <> ${row.id}
      group by m.id`),
    range ? busyAmong(db, 'MEDIATOR', ids, range, row.id) : Promise.resolve(new Set<string>()),
    db.select({ path: units.path }).from(units).where(eq(units.divisionCode, row.placeCode)),
  ]);
  const placePath = place[0]?.path ?? row.unitPath;
  const lineageIds = placePath.split('/').filter(Boolean);
  const lineageUnits = await db.select({ id: units.id, level: units.level }).from(units).where(inArray(units.id, lineageIds));
  const placeLineage = lineageIds.map((id) => lineageUnits.find((u) => u.id === id)!).filter(Boolean);
  const loadRows = ((load as unknown as { rows?: unknown[] }).rows ?? (load as unknown as unknown[])) as { mediatorId: string; open: number; upcoming: number; concluded: number; agreements: number; evaluated: number; satisfied: number }[];
  const loadBy = new Map(loadRows.map((r) => [r.mediatorId, r]));
  const partyIds = parties.map((p) => p.id);

  const candidates: CandidateFacts[] = roster.map((m) => {
    const l = loadBy.get(m.id);
    const conflicts = blockingConflicts(conflictsOf({ ...m, relationships: relationships.filter((r) => r.mediatorId === m.id) }, parties), partyIds, waivers);
    const windows = weekly.filter((w) => w.mediatorId === m.id).map((w) => ({ weekday: w.weekday, opens: w.startsAt, closes: w.endsAt }));
    const why = range ? unavailability(windows, away.filter((a) => a.mediatorId === m.id), range) : null;
    return {
      id: m.id,
      name: m.name,
      rosterKey: m.rosterKey,
      status: m.status,
      inTerm: termOn(terms.filter((t) => t.mediatorId === m.id), day) !== null,
      specialties: m.specialties,
      homeUnitPath: m.homeUnitPath,
      openSessions: l?.open ?? 0,
      upcomingSessions: l?.upcoming ?? 0,
      concluded: l?.concluded ?? 0,
      agreements: l?.agreements ?? 0,
      evaluated: l?.evaluated ?? 0,
      satisfied: l?.satisfied ?? 0,
      availableAt: range ? why === null : null,
      unavailableBecause: why,
      bookedAt: busy.has(m.id),
      conflicts: conflicts.map((c) => c.message),
    };
  });
  const result = rankMediators(candidates, { specialty: row.specialty, placeLineage });
  return { ...result, mediators: new Map(roster.map((m) => [m.id, m])) };
}
