/**
 * The raw baseline's hand-written SQL: one statement per request, the JSON answer built in Postgres.
 * Same predicates as our API (visibleCasesSql + the unitId filter of schema/cases/service.ts) and the
 * same fields as the GraphQL selections of bench/work.ts.
 *
 * Parameters of the list: $1 viewer path LIKE prefix, $2 viewer path, $3 subtree LIKE prefix,
 * $4/$5 the cursor (received_on, id) or nulls, $6 page size.
 */
const caseJson = (alias: string, withSupervisions: boolean) => `json_build_object(
    'id', ${alias}.id, 'number', ${alias}.number, 'title', ${alias}.title, 'status', ${alias}.status,
    'receivedOn', ${alias}.received_on, 'version', ${alias}.version,
    'unit', (select json_build_object('id', u.id, 'name', u.name, 'divisionCode', u.division_code) from units u where u.id = ${alias}.unit_id),
    'participants', (select coalesce(json_agg(json_build_object('role', cp.role, 'petitioner', json_build_object('name', pe.name, 'kind', pe.kind)) order by cp.position), '[]')
                     from case_petitioners cp join petitioners pe on pe.id = cp.petitioner_id where cp.case_id = ${alias}.id),
    'events', (select coalesce(json_agg(json_build_object('sequence', e.sequence, 'type', e.type, 'occurredAt', e.occurred_at, 'toStatus', e.to_status) order by e.sequence desc), '[]')
               from (select sequence, type, occurred_at, to_status from events e where e.stream_type = 'CASE' and e.stream_id = ${alias}.id order by e.sequence desc limit 5) e)${
                 withSupervisions
                   ? `,
    'supervisions', (select coalesce(json_agg(json_build_object('id', s.id, 'status', s.status, 'dueOn', s.due_on) order by s.created_at), '[]')
                     from supervisions s where s.case_id = ${alias}.id and s.status = 'OPEN')`
                   : ''
               })`;

const visible = (alias: string, prefix: string, path: string) =>
  `(${alias}.unit_path like ${prefix} or ${alias}.receiving_unit_path like ${prefix})
    and (${alias}.accused_unit_path is null or not (${path} like ${alias}.accused_unit_path || '%'))`;

export function nestedListSql(withSupervisions: boolean): string {
  return `with page as (
  select c.*, row_number() over () as rn from (
    select c.* from cases c
    where ${visible('c', '$1', '$2')}
      and c.unit_path like $3
      and ($4::date is null or (c.received_on, c.id) < ($4::date, $5::uuid))
    order by c.received_on desc, c.id desc
    limit $6 + 1) c
)
select json_build_object(
  'cases', coalesce((select json_agg(${caseJson('p', withSupervisions)} order by p.received_on desc, p.id desc) from page p where p.rn <= $6), '[]'),
  'hasNextPage', (select count(*) > $6 from page),
  'next', (select p.received_on || ',' || p.id from page p where p.rn = least($6, (select count(*) from page)))
)::text as body`;
}

/** $1 viewer path LIKE prefix, $2 viewer path, $3 case id. */
export function caseByIdSql(withSupervisions: boolean): string {
  return `select (select ${caseJson('c', withSupervisions)} from cases c where c.id = $3 and ${visible('c', '$1', '$2')})::text as body`;
}
