/**
 * Mediation figures per unit subtree, room and mediator over a period, in SQL (like caseStats): no session
 * row is loaded into memory. Period semantics:
 * - held: sessions that started (starts_at, China date) in [from, to] and got under way;
 * - concluded / agreements / days to agreement / satisfaction: sessions concluded in [from, to];
 * - performance: of those agreements, the ones whose latest follow-up says FULFILLED ÷ those followed up.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../client';
import { likePrefix } from './queries';

export interface MediationFigures {
  held: number;
  concluded: number;
  agreements: number;
  agreementDays: number;
  followedUp: number;
  performed: number;
  evaluated: number;
  satisfied: number;
}

const figureColumns = (from: string, to: string) => sql`
  count(*) filter (where s.started_on between ${from}::date and ${to}::date and s.status in ('IN_PROGRESS','AGREEMENT','NO_AGREEMENT'))::int as "held",
  count(*) filter (where s.concluded_on between ${from}::date and ${to}::date and s.status in ('AGREEMENT','NO_AGREEMENT'))::int as "concluded",
  count(*) filter (where s.concluded_on between ${from}::date and ${to}::date and s.status = 'AGREEMENT')::int as "agreements",
  coalesce(sum(s.agreed_on - s.opened_on) filter (where s.concluded_on between ${from}::date and ${to}::date and s.status = 'AGREEMENT'), 0)::int as "agreementDays",
  count(*) filter (where s.concluded_on between ${from}::date and ${to}::date and s.performance is not null)::int as "followedUp",
  count(*) filter (where s.concluded_on between ${from}::date and ${to}::date and s.performance = 'FULFILLED')::int as "performed",
  count(s.satisfaction) filter (where s.concluded_on between ${from}::date and ${to}::date)::int as "evaluated",
  count(*) filter (where s.concluded_on between ${from}::date and ${to}::date and s.satisfaction in ('SATISFIED','BASICALLY_SATISFIED'))::int as "satisfied"`;

/** The sessions of the subtree with the columns the figures read. */
const cohort = (unitPath: string) => sql`(
  select ms.id, ms.status, ms.room_id, ms.panel_mediator_ids, ms.opened_on, ms.concluded_on, ms.satisfaction,
    (ms.starts_at at time zone 'Asia/Shanghai')::date as started_on, a.agreed_on,
    (select f.state from mediation_performance_follow_ups f where f.agreement_id = a.id order by f.occurred_on desc, f.created_at desc limit 1) as performance
  from mediation_sessions ms left join mediation_agreements a on a.session_id = ms.id
  where ms.unit_path like ${likePrefix(unitPath)}) s`;

function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export async function mediationFigures(db: Executor, unitPath: string, from: string, to: string) {
  const run = (select: SQL, join: SQL, group: SQL) => db.execute(sql`select ${select} ${figureColumns(from, to)} from ${cohort(unitPath)} ${join} ${group}`);
  const [total, byRoom, byMediator] = await Promise.all([
    run(sql``, sql``, sql``),
    run(sql`s.room_id as "key",`, sql``, sql`where s.room_id is not null group by s.room_id order by s.room_id`),
    run(sql`m.id as "key",`, sql`cross join lateral unnest(s.panel_mediator_ids) as m(id)`, sql`group by m.id order by m.id`),
  ]);
  return {
    total: rowsOf<MediationFigures>(total)[0],
    byRoom: rowsOf<MediationFigures & { key: string }>(byRoom),
    byMediator: rowsOf<MediationFigures & { key: string }>(byMediator),
  };
}
