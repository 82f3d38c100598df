import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import { cases, events, units } from '../schema';
import type { Executor } from '../client';
import { NotFoundError } from '../errors';
import type { CaseStatus } from './lifecycle';
import type { CaseKind } from './vocabulary';

/** One step of the public progress: only what `publicStepLabel` needs, no payload, no actor. */
export type PublicTimelineStep = { occurredAt: Date; toStatus: string | null; type: string };

export type PublicCaseStatus = {
  number: string;
  kind: CaseKind;
  status: CaseStatus;
  receivedOn: string;
  unitName: string;
  timeline: PublicTimelineStep[];
};

function sameCode(a: string, b: string) {
  const left = Buffer.from(a.toUpperCase());
  const right = Buffer.from(b.toUpperCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The petitioner's lookup without an account: the case number and its query code. The caller limits the attempts
 * per client address (the transport knows the address), so a query code cannot be found by trying them all.
 */
export async function lookupPublicCaseStatus(db: Executor, number: string, queryCode: string): Promise<PublicCaseStatus> {
  const [row] = await db
    .select({ id: cases.id, number: cases.number, queryCode: cases.queryCode, kind: cases.kind, status: cases.status, receivedOn: cases.receivedOn, unitName: units.name })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(eq(cases.number, number.trim()));
  // Same answer for an unknown number and a wrong code: numbers cannot be probed.
  if (!row || !sameCode(row.queryCode, queryCode.trim())) throw new NotFoundError('case', '编号或查询码不正确');
  const timeline = await db
    .select({ occurredAt: events.occurredAt, toStatus: events.toStatus, type: events.type })
    .from(events)
    // A reveal is the office's own audit, not a step of the petitioner's matter.
    .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, row.id), ne(events.type, 'case.text_revealed')))
    .orderBy(asc(events.sequence));
  return { number: row.number, kind: row.kind, status: row.status, receivedOn: row.receivedOn, unitName: row.unitName, timeline };
}
