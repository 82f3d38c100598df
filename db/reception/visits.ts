/**
 * Visits (VISIT stream): 登门走访 (to a person) and 带案下访 (a leader takes cases down to a place).
 * Planned with their cases; carrying one out records every case's result on the visit AND on that
 * case's own history (a case event attributed to the person recording it; the case version is untouched).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as z from 'zod/mini';
import { accounts, cases, units, visitCases, visits } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { parseInput, text } from '../common/validate';
import { isIsoDate, type IsoDate } from '../calendar/work-calendar';
import { canReadCase } from '../cases/visibility';
import { viewerOf } from '../cases/service';
import { caseStream } from '../cases/stream';
import { recordCreation, recordSystemEvent, runStreamAction, type StreamActionInput } from '../streams/runner';
import type { Session } from '../session';
import type { Executor } from '../client';
import { ReceptionRuleError } from './errors';
import { CASE_VISIT_RESULT, VISIT_PLANNED } from './lifecycle';
import { visitStream } from './streams';
import { isReceptionStaff, receptionViewerOf } from './visibility';
import { valuesOf, visitKindLabels, type VisitKind } from './vocabulary';

export type VisitRow = typeof visits.$inferSelect;

const planSchema = z.object({
  kind: z.enum(valuesOf(visitKindLabels), '走访类别不在可选范围内'),
  unitId: z.uuid('单位不存在'),
  leaderId: z.uuid('领导账号不存在'),
  plannedOn: z.string().check(z.refine(isIsoDate, '日期格式应为 YYYY-MM-DD')),
  placeCode: z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '地点应为 6/9/12 位行政区划代码')),
  place: text('地点', 2, 200),
  purpose: text('走访目的', 2, 500),
  petitionerId: z.nullish(z.uuid()),
  caseIds: z.array(z.uuid()).check(z.maxLength(30, '一次走访最多带 30 件')),
});

export async function planVisit(session: Session, input: z.input<typeof planSchema>): Promise<VisitRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  if (!isReceptionStaff(receptionViewerOf(session))) throw new ForbiddenError('只有单位工作人员或领导可以安排走访');
  const value = parseInput(planSchema, input);
  const kind = value.kind as VisitKind;
  if (kind === 'CASE_VISIT' && value.caseIds.length === 0) throw InputError.forField('caseIds', '带案下访须带至少一件信访事项');
  if (kind === 'HOME_VISIT' && !value.petitionerId && value.caseIds.length === 0) throw InputError.forField('petitionerId', '登门走访须指定走访对象或信访事项');
  if (new Set(value.caseIds).size !== value.caseIds.length) throw InputError.forField('caseIds', '同一信访事项出现了多次');
  const db = session.db;
  const [unit] = await db.select({ id: units.id, path: units.path }).from(units).where(eq(units.id, value.unitId));
  if (!unit) throw InputError.forField('unitId', '单位不存在');
  if (!unit.path.startsWith(session.unitPath!)) throw new ReceptionRuleError('reception/not-your-unit', '只能安排本单位及下级单位的走访');
  const [leader] = await db.select({ roles: accounts.roles, path: units.path }).from(accounts).innerJoin(units, eq(units.id, accounts.unitId)).where(eq(accounts.id, value.leaderId));
  if (!leader?.roles.includes('LEADER')) throw new ReceptionRuleError('reception/not-a-leader', '走访须由单位领导带队');
  const found = value.caseIds.length ? await db.select().from(cases).where(inArray(cases.id, value.caseIds)) : [];
  const viewer = viewerOf(session);
  for (const id of value.caseIds) {
    const row = found.find((c) => c.id === id);
    if (!row || !canReadCase(viewer, row)) throw new ReceptionRuleError('reception/case-not-linkable', '信访事项不存在或无权查看');
  }
  const now = session.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(visits)
      .values({
        kind,
        unitId: unit.id,
        unitPath: unit.path,
        leaderId: value.leaderId,
        plannedOn: value.plannedOn,
        placeCode: value.placeCode,
        place: value.place,
        purpose: value.purpose,
        petitionerId: value.petitionerId ?? null,
        lastEventAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (value.caseIds.length) await tx.insert(visitCases).values(value.caseIds.map((caseId, position) => ({ visitId: row.id, caseId, position })));
    await recordCreation(tx, visitStream, { id: row.id, type: VISIT_PLANNED, actor, toStatus: 'PLANNED', occurredAt: now, payload: { kind, plannedOn: value.plannedOn, leaderId: value.leaderId, caseIds: value.caseIds } });
    return row;
  });
}

type Base = StreamActionInput & { visitId: string };

export const visitActions = {
  carryOutVisit: (session: Session, input: Base & { carriedOutOn?: IsoDate | null; summary: string; results: { caseId: string; result: string }[] }) =>
    runStreamAction(session, visitStream, 'carryOutVisit', input.visitId, input, async ({ tx, row, on, occurredAt, actor }) => {
      const summary = parseInput(text('走访情况', 2, 2000), input.summary);
      const carriedOutOn = input.carriedOutOn ?? on;
      if (!isIsoDate(carriedOutOn) || carriedOutOn > on) throw InputError.forField('carriedOutOn', '走访日期不能晚于今天');
      const taken = await tx.select().from(visitCases).where(eq(visitCases.visitId, row.id)).orderBy(asc(visitCases.position));
      const results = input.results.map((r, i) => ({ caseId: r.caseId, result: parseInput(text(`第 ${i + 1} 件的结果`, 2, 2000), r.result) }));
      const ids = results.map((r) => r.caseId);
      if (ids.length !== taken.length || new Set(ids).size !== ids.length || !taken.every((t) => ids.includes(t.caseId))) {
        throw new ReceptionRuleError('visit/case-results', `须为带去的 ${taken.length} 件信访事项各记录一条结果`);
      }
      for (const r of results) {
        await tx.update(visitCases).set({ result: r.result }).where(and(eq(visitCases.visitId, row.id), eq(visitCases.caseId, r.caseId)));
        await recordSystemEvent(
          tx,
          caseStream,
          r.caseId,
          occurredAt,
          () => ({ type: CASE_VISIT_RESULT, payload: { visitId: row.id, kind: row.kind, carriedOutOn, leaderId: row.leaderId, result: r.result } }),
          actor,
        );
      }
      return { changes: { carriedOutOn, summary }, payload: { carriedOutOn, summary, results } };
    }),
  cancelVisit: (session: Session, input: Base & { reason: string }) =>
    runStreamAction(session, visitStream, 'cancelVisit', input.visitId, input, async () => ({ payload: { reason: parseInput(text('取消原因', 2, 200), input.reason) } })),
};

export async function casesOfVisit(db: Executor, visitId: string) {
  return db.select().from(visitCases).where(eq(visitCases.visitId, visitId)).orderBy(asc(visitCases.position));
}
