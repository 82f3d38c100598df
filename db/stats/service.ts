/**
 * The leaders' figures (DOMAIN.md "Figures leaders are judged by"), computed in one SQL statement with
 * aggregate FILTER clauses: no case row is loaded into memory.
 *
 * Period semantics: the flow figures (received, the rates, the average) are about the cohort of cases
 * RECEIVED in [from, to] (received_on, both ends included), as those cases stand now. The stock figures
 * are not tied to the cohort: `overdueNow` and `backlogOpen` count every such case of the subtree today,
 * `backlogCleared` counts clearances whose date (backlog_cleared_on) falls in [from, to].
 *
 * A case belongs to the unit now responsible for it (`unit_path`); `byUnit` splits the subtree by the
 * direct children of the unit, `ownUnit` holds the cases of the unit itself (本级). Cases the caller may
 * not read (accusations against the caller's own unit or a unit above it) are left out entirely.
 */
import { sql, type SQL } from 'drizzle-orm';
import { cases } from '../schema';
import { caseKinds, channels } from '../cases/vocabulary';
import type { Executor } from '../client';
import { ACCEPT_DAYS, HANDLE_DAYS, ROUTE_DAYS } from '../cases/statutory-limits';
import { visibleCasesSql } from '../cases/service';
import type { Viewer } from '../cases/visibility';

export type Channel = (typeof channels)[number];
export type CaseKind = (typeof caseKinds)[number];

export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface CaseFigures {
  received: number;
  byChannel: { channel: Channel; count: number }[];
  byKind: { kind: CaseKind; count: number }[];
  onTimeAcceptance: Ratio;
  onTimeCompletion: Ratio;
  resolution: Ratio;
  satisfaction: Ratio;
  firstTimeResolution: Ratio;
  repeat: Ratio;
  onlineShare: Ratio;
  /** Sum and count behind the average days from acceptance to decision. */
  decisionDays: { total: number; count: number };
  overdueNow: number;
  backlogOpen: number;
  backlogCleared: number;
  /** Acceptances and completions judged (on time or late) against a year without an official holiday schedule. */
  provisionalJudgements: number;
}

export interface StatsUnit {
  id: string;
  parentId: string | null;
  level: string;
  kind: string;
  divisionCode: string;
  name: string;
  path: string;
}

export interface CaseStatsResult {
  unitId: string;
  from: string;
  to: string;
  asOf: string;
  total: CaseFigures;
  ownUnit: CaseFigures;
  byUnit: { unit: StatsUnit; figures: CaseFigures }[];
}

function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * `done` is on or before the due date `nextWorkingDay(rawDue)` (the statute's rule: a period ending on a
 * rest day runs to the next working day). Exact against the calendar table without computing the due
 * date: done ≤ nextWorkingDay(raw) ⇔ done ≤ raw, or every day from raw to done − 1 is a rest day.
 * Rest day = weekend or HOLIDAY, unless the day is an ADJUSTED_WORKDAY (as WorkCalendar.isRestDay).
 * No run of rest days is longer than 9 days (春节 2026), so a lateness over 31 days is late without looking.
 */
export function onOrBeforeDue(done: SQL, rawDue: SQL): SQL {
  return sql`(${done} <= ${rawDue} or (${done} - ${rawDue} <= 31 and not exists (
      select 1 from generate_series(0, ${done} - ${rawDue} - 1) as g(i)
      left join calendar_days cd on cd.date = ${rawDue} + g.i
      where case cd.kind when 'ADJUSTED_WORKDAY' then true when 'HOLIDAY' then false
                 else extract(isodow from ${rawDue} + g.i) < 6 end)))`;
}

/**
 * Whether `onOrBeforeDue(done, rawDue)` read a day of a year without an official schedule: it reads the
 * calendar only for the days rawDue .. done − 1, and only when that span is at most 31 days.
 */
export function judgedOnProvisionalYear(done: SQL, rawDue: SQL): SQL {
  return sql`(${done} > ${rawDue} and ${done} - ${rawDue} <= 31 and exists (
      select 1 from generate_series(extract(year from ${rawDue})::int, extract(year from ${done} - 1)::int) as y(year)
      where not exists (select 1 from official_calendar_years o where o.year = y.year)))`;
}

/** A statutory constant, inlined (an integer literal, not a parameter of unknown type). */
const n = (value: number): SQL => sql.raw(String(Math.trunc(value)));

const ratioNames = [
  'on_time_acceptance',
  'on_time_completion',
  'resolution',
  'satisfaction',
  'first_time_resolution',
  'repeat',
  'online_share',
] as const;

/**
 * One statement for the whole figure set: the cases of the unit's subtree that the viewer may read and
 * that any figure needs (received in the period, overdue now, open backlog, cleared in the period),
 * tagged with the direct child of the unit whose subtree holds them, aggregated with FILTER clauses over
 * GROUPING SETS ((), (child)) — the grand total and one row per child (null child = the unit itself) —
 * and joined to the list of children so children without cases get a row too.
 */
export function caseStatsSql(input: { unitId: string; unitPath: string; from: string; to: string; today: string; viewer: Viewer }): SQL {
  const { unitId, unitPath, from, to, today, viewer } = input;
  const c = cases;
  const inPeriod = sql`(${c.receivedOn} between ${from}::date and ${to}::date and ${c.status} <> 'MERGED')`;
  // The clock that acceptance (or a decline) completes: ACCEPT from routing, or ROUTE from registration
  // when the receiving unit decided itself (db/cases/clocks.ts); stricter local policy snapshot applies.
  const acceptLimit = sql`case when ${c.routedOn} is not null
      then least(${n(ACCEPT_DAYS)}, coalesce((${c.slaPolicy}->>'acceptDays')::int, ${n(ACCEPT_DAYS)}))
      else least(${n(ROUTE_DAYS)}, coalesce((${c.slaPolicy}->>'routeDays')::int, ${n(ROUTE_DAYS)})) end`;
  const acceptRawDue = sql`(coalesce(${c.routedOn}, ${c.receivedOn}) + ${acceptLimit})`;
  // HANDLE: 60 days (or a stricter policy) from acceptance, plus the approved extension and the hearing pause.
  const handleRawDue = sql`(${c.acceptedOn} + least(${n(HANDLE_DAYS)}, coalesce((${c.slaPolicy}->>'handleDays')::int, ${n(HANDLE_DAYS)}))
      + ${c.extensionDays} + ${c.hearingPausedDays})`;
  const channelCounts = channels.map((ch) => sql.raw(`count(*) filter (where p and channel = '${ch}')::int as "ch_${ch}"`));
  const kindCounts = caseKinds.map((kind) => sql.raw(`count(*) filter (where p and kind = '${kind}')::int as "kind_${kind}"`));

  return sql`
with kids as (
  select id, parent_id, level::text as level, kind::text as kind, division_code, name, path
  from units where parent_id = ${unitId}
),
base as (
  select
    nullif(split_part(substr(${c.unitPath}, ${n(unitPath.length + 1)}), '/', 1), '') as kid,
    ${inPeriod} as p,
    ${c.status}::text as status,
    ${c.channel}::text as channel,
    ${c.kind}::text as kind,
    ${c.acceptedOn} as accepted_on,
    ${c.decidedOn} as decided_on,
    coalesce(${c.acceptedOn}, ${c.declinedOn}) as accept_done_on,
    ${acceptRawDue} as accept_raw_due,
    case when ${c.acceptedOn} is not null and ${c.decidedOn} is not null then ${handleRawDue} end as handle_raw_due,
    ${c.resolved} as resolved,
    ${c.satisfaction}::text as satisfaction,
    ${c.repeatOfId} is not null as is_repeat,
    ${c.reviewRequestedOn} is not null or ${c.reReviewRequestedOn} is not null as reviewed,
    ${c.nextDueOn} < ${today}::date as overdue_now,
    ${c.backlog} and ${c.backlogClearedOn} is null as backlog_open,
    ${c.backlogClearedOn} between ${from}::date and ${to}::date as backlog_cleared
  from ${c}
  where ${c.unitPath} like ${likePrefix(unitPath)}
    and ${visibleCasesSql(c, viewer)}
    and (${c.receivedOn} between ${from}::date and ${to}::date
      or ${c.nextDueOn} < ${today}::date
      or (${c.backlog} and ${c.backlogClearedOn} is null)
      or ${c.backlogClearedOn} between ${from}::date and ${to}::date)
),
scoped as (
  select base.*,
    accept_done_on is not null as accept_done,
    case when accept_done_on is not null then ${onOrBeforeDue(sql`accept_done_on`, sql`accept_raw_due`)} end as accept_on_time,
    handle_raw_due is not null as handle_done,
    case when handle_raw_due is not null then ${onOrBeforeDue(sql`decided_on`, sql`handle_raw_due`)} end as handle_on_time,
    (accept_done_on is not null and ${judgedOnProvisionalYear(sql`accept_done_on`, sql`accept_raw_due`)})
      or (handle_raw_due is not null and ${judgedOnProvisionalYear(sql`decided_on`, sql`handle_raw_due`)}) as provisional
  from base
),
agg as (
  select
    grouping(kid) as total_row,
    kid,
    count(*) filter (where p)::int as received,
    ${sql.join(channelCounts, sql`, `)},
    ${sql.join(kindCounts, sql`, `)},
    count(*) filter (where p and accept_on_time)::int as on_time_acceptance_num,
    count(*) filter (where p and accept_done)::int as on_time_acceptance_den,
    count(*) filter (where p and handle_on_time)::int as on_time_completion_num,
    count(*) filter (where p and handle_done)::int as on_time_completion_den,
    count(*) filter (where p and status in ('CONCLUDED', 'CLOSED') and decided_on is not null and resolved)::int as resolution_num,
    count(*) filter (where p and status in ('CONCLUDED', 'CLOSED') and decided_on is not null)::int as resolution_den,
    count(*) filter (where p and satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'))::int as satisfaction_num,
    count(*) filter (where p and satisfaction is not null)::int as satisfaction_den,
    count(*) filter (where p and status = 'CLOSED' and decided_on is not null and resolved and not reviewed and not is_repeat)::int as first_time_resolution_num,
    count(*) filter (where p and status = 'CLOSED' and decided_on is not null)::int as first_time_resolution_den,
    count(*) filter (where p and is_repeat)::int as repeat_num,
    count(*) filter (where p)::int as repeat_den,
    count(*) filter (where p and channel = 'ONLINE')::int as online_share_num,
    count(*) filter (where p)::int as online_share_den,
    coalesce(sum(decided_on - accepted_on) filter (where p and handle_done), 0)::int as decision_days_total,
    count(*) filter (where p and handle_done)::int as decision_days_count,
    count(*) filter (where overdue_now)::int as overdue_now,
    count(*) filter (where backlog_open)::int as backlog_open,
    count(*) filter (where backlog_cleared)::int as backlog_cleared,
    count(*) filter (where p and provisional)::int as provisional_judgements
  from scoped
  group by grouping sets ((), (kid))
)
select 'TOTAL' as scope, null::json as unit, agg.* from agg where total_row = 1
union all
select 'OWN', null::json, agg.* from agg where total_row = 0 and kid is null
union all
select 'CHILD', json_build_object('id', kids.id, 'parentId', kids.parent_id, 'level', kids.level, 'kind', kids.kind,
    'divisionCode', kids.division_code, 'name', kids.name, 'path', kids.path), agg.*
from kids left join agg on agg.total_row = 0 and agg.kid = kids.id::text
`;
}

type Row = Record<string, unknown> & { scope: 'TOTAL' | 'OWN' | 'CHILD'; unit: StatsUnit | string | null };

function int(value: unknown): number {
  return value == null ? 0 : Number(value);
}

function figuresOf(row: Record<string, unknown> | undefined): CaseFigures {
  const r = row ?? {};
  const ratio = (name: (typeof ratioNames)[number]): Ratio => ({ numerator: int(r[`${name}_num`]), denominator: int(r[`${name}_den`]) });
  return {
    received: int(r.received),
    byChannel: channels.map((channel) => ({ channel, count: int(r[`ch_${channel}`]) })),
    byKind: caseKinds.map((kind) => ({ kind, count: int(r[`kind_${kind}`]) })),
    onTimeAcceptance: ratio('on_time_acceptance'),
    onTimeCompletion: ratio('on_time_completion'),
    resolution: ratio('resolution'),
    satisfaction: ratio('satisfaction'),
    firstTimeResolution: ratio('first_time_resolution'),
    repeat: ratio('repeat'),
    onlineShare: ratio('online_share'),
    decisionDays: { total: int(r.decision_days_total), count: int(r.decision_days_count) },
    overdueNow: int(r.overdue_now),
    backlogOpen: int(r.backlog_open),
    backlogCleared: int(r.backlog_cleared),
    provisionalJudgements: int(r.provisional_judgements),
  };
}

export async function computeCaseStats(
  db: Executor,
  input: { unitId: string; unitPath: string; from: string; to: string; today: string; viewer: Viewer },
): Promise<CaseStatsResult> {
  const result = (await db.execute(caseStatsSql(input))) as unknown as { rows: Row[] };
  const rows = result.rows;
  const children = rows
    .filter((row) => row.scope === 'CHILD')
    .map((row) => ({ unit: (typeof row.unit === 'string' ? JSON.parse(row.unit) : row.unit) as StatsUnit, figures: figuresOf(row) }))
    .sort((a, b) => (a.unit.divisionCode < b.unit.divisionCode ? -1 : a.unit.divisionCode > b.unit.divisionCode ? 1 : 0));
  return {
    unitId: input.unitId,
    from: input.from,
    to: input.to,
    asOf: input.today,
    total: figuresOf(rows.find((row) => row.scope === 'TOTAL')),
    ownUnit: figuresOf(rows.find((row) => row.scope === 'OWN')),
    byUnit: children,
  };
}
