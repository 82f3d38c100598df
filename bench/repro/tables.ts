/**
 * The reproductions' data: a few small tables shaped like ours (a case, its unit, its petitioners through a
 * participants table, its events in a shared stream table, its supervisions), in an in-memory PGlite. The tables are
 * built from whichever copy of drizzle-orm is passed, so drizzle.ts can build the same statement with a copy.
 */
import { PGlite } from '@electric-sql/pglite';
import * as ormModule from 'drizzle-orm';
import * as pgModule from 'drizzle-orm/pg-core';
import * as pgliteModule from 'drizzle-orm/pglite';

export type Orm = typeof ormModule;
export type PgCore = typeof pgModule;
export type PgliteDriver = typeof pgliteModule;

export function defineSchema(orm: Orm = ormModule, pg: PgCore = pgModule) {
  const { pgTable, text, integer, date, timestamp, primaryKey, unique } = pg;
  const units = pgTable('units', { id: text().primaryKey(), name: text().notNull(), divisionCode: text('division_code').notNull() });
  const petitioners = pgTable('petitioners', { id: text().primaryKey(), name: text().notNull(), kind: text().notNull() });
  const cases = pgTable('cases', {
    id: text().primaryKey(),
    number: text().notNull(),
    title: text().notNull(),
    status: text().notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    version: integer().notNull(),
    unitId: text('unit_id').notNull(),
  });
  const participants = pgTable(
    'participants',
    { caseId: text('case_id').notNull(), position: integer().notNull(), petitionerId: text('petitioner_id').notNull(), role: text().notNull() },
    (t) => [primaryKey({ columns: [t.caseId, t.position] })],
  );
  const events = pgTable(
    'events',
    {
      id: text().primaryKey(),
      streamType: text('stream_type').notNull(),
      streamId: text('stream_id').notNull(),
      sequence: integer().notNull(),
      type: text().notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
      toStatus: text('to_status'),
    },
    (t) => [unique().on(t.streamType, t.streamId, t.sequence)],
  );
  const supervisions = pgTable('supervisions', {
    id: text().primaryKey(),
    caseId: text('case_id').notNull(),
    status: text().notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  });
  const tables = { units, petitioners, cases, participants, events, supervisions };
  const relations = orm.defineRelations(tables, (r) => ({
    cases: {
      unit: r.one.units({ from: r.cases.unitId, to: r.units.id, optional: false }),
      participants: r.many.participants({ from: r.cases.id, to: r.participants.caseId }),
      events: r.many.events({ from: r.cases.id, to: r.events.streamId, where: { streamType: 'CASE' } }),
      supervisions: r.many.supervisions({ from: r.cases.id, to: r.supervisions.caseId }),
    },
    participants: {
      petitioner: r.one.petitioners({ from: r.participants.petitionerId, to: r.petitioners.id, optional: false }),
    },
  }));
  return { tables, relations };
}

const DDL = `
create table units (id text primary key, name text not null, division_code text not null);
create table petitioners (id text primary key, name text not null, kind text not null);
create table cases (id text primary key, number text not null, title text not null, status text not null,
  received_on date not null, version integer not null, unit_id text not null references units);
create table participants (case_id text not null references cases, position integer not null,
  petitioner_id text not null references petitioners, role text not null, primary key (case_id, position));
create table events (id text primary key, stream_type text not null, stream_id text not null, sequence integer not null,
  type text not null, occurred_at timestamptz not null, to_status text, unique (stream_type, stream_id, sequence));
create table supervisions (id text primary key, case_id text not null references cases, status text not null,
  due_on date not null, created_at timestamptz not null);
insert into units select 'u' || i, '单位' || i, lpad(i::text, 6, '0') from generate_series(1, 5) i;
insert into petitioners select 'p' || i, '信访人' || i, case when i % 7 = 0 then 'ORG' else 'PERSON' end from generate_series(1, 80) i;
insert into cases select 'c' || lpad(i::text, 3, '0'), 'XF2026-' || lpad(i::text, 6, '0'), '事项标题 ' || i, 'ACCEPTED',
  date '2026-01-01' + i, 8, 'u' || (i % 5 + 1) from generate_series(1, 50) i;
insert into participants select 'c' || lpad(c::text, 3, '0'), k, 'p' || ((c * 3 + k) % 80 + 1), case when k = 1 then 'PETITIONER' else 'AGENT' end
  from generate_series(1, 50) c, generate_series(1, 1 + c % 2) k;
insert into events select 'e' || c || '-' || s, 'CASE', 'c' || lpad(c::text, 3, '0'), s, 'CASE_NOTE',
  timestamptz '2026-01-01 00:00:00+08' + (c || ' days')::interval + (s || ' hours')::interval, case when s % 3 = 0 then 'ACCEPTED' end
  from generate_series(1, 50) c, generate_series(1, 8) s;
insert into supervisions select 's' || c, 'c' || lpad(c::text, 3, '0'), 'OPEN', date '2026-03-01' + c, timestamptz '2026-02-01 00:00:00+08' + (c || ' hours')::interval
  from generate_series(1, 50) c where c % 2 = 0;
`;

/** An in-memory PGlite with the tables and 50 cases (8 events each, 1–2 participants, every other one supervised). */
export async function openDatabase(driver: PgliteDriver = pgliteModule, schema = defineSchema()) {
  const client = new PGlite();
  await client.exec(DDL);
  const db = driver.drizzle({ client, relations: schema.relations });
  return { client, db, schema };
}
