/**
 * A reception held (RECEPTION stream): who received whom, the desk staff (三亮), the five questions
 * (五必问) and the outcome, in ONE action. Registering a case goes through the case intake service in
 * the same transaction (VISIT channel, received on the reception's day, the reception as its origin),
 * so the clerk never types the matter twice and nothing is half-written.
 */
import { eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Database } from '../client';
import { accounts, cases, petitioners } from '../schema';
import { openSession, type OpenSessionInput } from '../mediation/sessions';
import { specialtyLabels, type Specialty } from '../mediation/vocabulary';
import { caseKinds } from '../cases/vocabulary';
import { parseInput, text } from '../common/validate';
import { intakeCase, assertCanRegisterAt } from '../cases/intake';
import { caseStream } from '../cases/stream';
import { canReadCase } from '../cases/visibility';
import { viewerOf } from '../cases/service';
import { recordSystemEvent, runStreamAction, type StreamActionInput } from '../streams/runner';
import type { Session } from '../session';
import { ReceptionRuleError } from './errors';
import { CASE_RECEPTION_ATTACHED } from './lifecycle';
import { receptionStream } from './streams';
import { chineseOf, receptionOutcomeLabels, valuesOf, type ReceptionOutcome } from './vocabulary';

const optional = (what: string, max: number) => z.nullish(text(what, 1, max));

const recordSchema = z.object({
  /** Who received the person; defaults to the schedule's leader (another leader may stand in). */
  leaderId: z.nullish(z.uuid()),
  desk: z.object({
    badgeNumber: text('工号', 2, 20),
    name: text('姓名', 1, 30),
    title: text('职务', 2, 40),
  }),
  questions: z.object({
    facts: text('事实经过', 5, 5000),
    claim: text('诉求及依据', 2, 2000),
    difficulties: optional('实际困难', 2000),
    petitionHistory: optional('信访经过', 2000),
    priorHandling: optional('以往处理情况', 2000),
  }),
  outcome: z.enum(valuesOf(receptionOutcomeLabels), '处理结果不在可选范围内'),
  note: optional('答复或转办说明', 2000),
  caseId: z.nullish(z.uuid()),
  referral: z.nullish(
    z.object({
      kind: z._default(z.enum(['MEDIATION', 'REVIEW_TALK']), 'MEDIATION'),
      specialty: z.enum(valuesOf(specialtyLabels), '纠纷类别不在可选范围内'),
      title: text('标题', 2, 100),
      placeCode: z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '地点应为 6/9/12 位行政区划代码')),
      /** The other side(s); the received person is the applicant. Checked by mediation's own intake. */
      otherParties: z._default(z.array(z.unknown()), []),
    }),
  ),
  registration: z.nullish(
    z.object({
      kind: z.enum(caseKinds),
      category: text('类别', 1, 40),
      title: text('标题', 2, 100),
      placeCode: z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '地点应为 6/9/12 位行政区划代码')),
    }),
  ),
});

export type RecordReceptionInput = StreamActionInput & { receptionId: string } & z.input<typeof recordSchema>;

/** The matter as the five questions recorded it: the case's content, typed once. */
export function contentOf(q: z.output<typeof recordSchema>['questions']): string {
  return [
    `【事实经过】${q.facts}`,
    `【诉求及依据】${q.claim}`,
    q.difficulties ? `【实际困难】${q.difficulties}` : null,
    q.petitionHistory ? `【信访经过】${q.petitionHistory}` : null,
    q.priorHandling ? `【以往处理情况】${q.priorHandling}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}

function incomplete(outcome: ReceptionOutcome, what: string): never {
  throw new ReceptionRuleError('reception/outcome-incomplete', `处理结果为“${chineseOf(receptionOutcomeLabels[outcome])}”时须${what}`);
}

export const receptionActions = {
  recordReception: (session: Session, input: RecordReceptionInput) =>
    runStreamAction(session, receptionStream, 'recordReception', input.receptionId, input, async ({ tx, row, actor, occurredAt }) => {
      const { receptionId: _r, expectedVersion: _v, occurredAt: _o, ...fields } = input;
      const value = parseInput(recordSchema, fields);
      const outcome = value.outcome as ReceptionOutcome;
      let leaderId = row.leaderId;
      if (value.leaderId && value.leaderId !== row.leaderId) {
        const [stand] = await tx.select({ roles: accounts.roles }).from(accounts).where(eq(accounts.id, value.leaderId));
        if (!stand?.roles.includes('LEADER')) throw new ReceptionRuleError('reception/not-a-leader', '接访人须为单位领导账号');
        leaderId = value.leaderId;
      }
      let caseId = row.caseId;
      let mediationSessionId: string | null = null;
      switch (outcome) {
        case 'RESOLVED_ON_SPOT':
          if (!value.note) incomplete(outcome, '写明当场答复的内容');
          break;
        case 'REFERRED_TO_MEDIATION': {
          // Mediation's own intake (受理调解), in this transaction: the person received is the applicant, the
          // matter is the five questions, and the session's clocks start today.
          if (!value.referral) incomplete(outcome, '填写转调解信息（纠纷类别、标题、地点）');
          const [person] = await tx.select().from(petitioners).where(eq(petitioners.id, row.petitionerId));
          const opened = await openSession({ ...session, db: tx as unknown as Database }, {
            unitId: row.unitId,
            kind: value.referral.kind,
            caseId: row.caseId,
            title: value.referral.title,
            summary: contentOf(value.questions),
            placeCode: value.referral.placeCode,
            specialty: value.referral.specialty as Specialty,
            parties: [
              { role: 'APPLICANT', name: person.name, identityNumber: person.identityNumber, mobile: person.mobile, address: person.address },
              ...(value.referral.otherParties as OpenSessionInput['parties']),
            ],
          });
          mediationSessionId = opened.id;
          break;
        }
        case 'ATTACHED_TO_CASE': {
          const target = value.caseId ?? row.caseId;
          if (!target) incomplete(outcome, '指定要并入的信访事项');
          const [existing] = await tx.select().from(cases).where(eq(cases.id, target));
          if (!existing || !canReadCase(viewerOf(session), existing)) throw new ReceptionRuleError('reception/case-not-linkable', '信访事项不存在或无权查看');
          caseId = existing.id;
          // The case's own history says a reception added to it (attributed to the clerk, version untouched).
          await recordSystemEvent(
            tx,
            caseStream,
            existing.id,
            occurredAt,
            () => ({ type: CASE_RECEPTION_ATTACHED, payload: { receptionId: row.id, date: row.date, leaderId, claim: value.questions.claim } }),
            actor,
          );
          break;
        }
        case 'CASE_REGISTERED': {
          if (!value.registration) incomplete(outcome, '填写登记信息（类别、标题、地点）');
          assertCanRegisterAt(actor);
          const registered = await intakeCase(
            tx as unknown as Database,
            actor,
            {
              idempotencyKey: `reception:${row.id}`,
              kind: value.registration.kind,
              channel: 'VISIT',
              category: value.registration.category,
              title: value.registration.title,
              content: contentOf(value.questions),
              placeCode: value.registration.placeCode,
              receivedOn: row.date,
              petitioners: [],
            },
            { receivingUnitId: row.unitId, operation: 'registerCase', now: occurredAt, primaryPetitionerId: row.petitionerId, origin: { type: 'RECEPTION', id: row.id } },
          );
          caseId = registered.caseId;
          break;
        }
      }
      const q = value.questions;
      return {
        changes: {
          leaderId,
          deskStaffId: actor.accountId,
          deskBadgeNumber: value.desk.badgeNumber,
          deskStaffName: value.desk.name,
          deskStaffTitle: value.desk.title,
          facts: q.facts,
          claim: q.claim,
          difficulties: q.difficulties ?? null,
          petitionHistory: q.petitionHistory ?? null,
          priorHandling: q.priorHandling ?? null,
          outcome,
          outcomeNote: value.note ?? null,
          caseId,
          mediationSessionId,
          heldAt: occurredAt,
        },
        payload: { outcome, caseId, mediationSessionId, leaderId, desk: value.desk, note: value.note ?? null },
      };
    }),
  recordReceptionLeft: (session: Session, input: StreamActionInput & { receptionId: string; note?: string | null }) =>
    runStreamAction(session, receptionStream, 'recordReceptionLeft', input.receptionId, input, async () => ({
      payload: { note: input.note ? parseInput(text('说明', 1, 200), input.note) : null },
    })),
};
