import { cases } from '../tables/cases.sql';
import { defineStream } from '../streams/runner';
import { loadWorkCalendar } from '../calendar/service';
import { caseLifecycle } from './lifecycle';
import { dueStateOf, type CaseRow } from './clock-state';
import { canReadCase } from './visibility';
import { viewerOf } from './service';

/**
 * Cases as a stream: the lifecycle, the table, who may see a row, the work calendar every rule
 * needs, and the due-state columns recomputed after every change.
 */
export const caseStream = defineStream({
  type: 'CASE',
  table: cases,
  lifecycle: caseLifecycle,
  canRead: (session, row) => canReadCase(viewerOf(session), row),
  loadFacts: async (session) => ({ calendar: await loadWorkCalendar(session.db) }),
  derive: (row, { today, facts }) => dueStateOf(row as CaseRow, today, facts.calendar),
});
