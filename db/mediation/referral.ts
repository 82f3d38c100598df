/**
 * 调解不成转信访事项: a NO_AGREEMENT session for a dispute becomes a case. One transaction writes the case
 * (through the case intake, whose first event `case.registered` names the session as its origin) and the
 * session's `mediation.referred_to_case` event; each keeps its own history and they link both ways
 * (session.resultingCaseId ↔ case.originMediationSession).
 *
 * Idempotent: asking again for a session already referred answers the same case and writes nothing,
 * also when two requests race (the loser of the row lock finds the case the winner made).
 */
import { eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Database } from '../client';
import type { Session } from '../session';
import { mediationSessions } from '../schema';
import { NotFoundError } from '../errors';
import { text, parseInput } from '../common/validate';
import { assertMayRegister, intakeCase } from '../cases/intake';
import { caseKinds, type CaseKind } from '../cases/vocabulary';
import { actOnce } from '../streams/once';
import { MediationRuleError } from './errors';
import { mediationViewerOf } from './roster';
import { partiesOf, sessionAction, type SessionRow } from './sessions';
import { canSeeSession } from './visibility';
import { specialtyLabels, terminationReasonLabels, type Specialty } from './vocabulary';

export interface ReferToCaseInput {
  sessionId: string;
  expectedVersion: number;
  /** 申诉求决类 unless staff say otherwise (a failed mediation is a request to have the matter decided). */
  kind?: CaseKind | null;
  /** Defaults to the dispute's kind (its label). */
  category?: string | null;
  note?: string | null;
  occurredAt?: Date | null;
}

export interface ReferralResult {
  session: SessionRow;
  caseId: string;
  /** True when the session had already become this case: nothing was written. */
  replayed: boolean;
}

const inputSchema = z.object({
  kind: z.nullish(z.enum(caseKinds, '事项类别不在可选范围内')),
  category: z.nullish(text('类别', 1, 40)),
  note: z.nullish(text('说明', 2, 500)),
});

/** The case's content: what the dispute was and why mediation ended, so the handling unit starts informed. */
export function referralContent(row: Pick<SessionRow, 'title' | 'summary' | 'terminationReason' | 'outcomeNote'>, note: string | null): string {
  const reason = row.terminationReason ? terminationReasonLabels[row.terminationReason] : '调解未达成协议';
  return [row.summary, `调解结果：${reason}${row.outcomeNote ? `（${row.outcomeNote}）` : ''}。`, note ? `转办说明：${note}` : null].filter(Boolean).join('\n');
}

async function replayed(session: Session, sessionId: string): Promise<ReferralResult | null> {
  const [row] = await session.db.select().from(mediationSessions).where(eq(mediationSessions.id, sessionId));
  if (!row?.resultingCaseId) return null;
  if (!canSeeSession(await mediationViewerOf(session), row)) throw new NotFoundError('mediation', '调解不存在或无权查看');
  return { session: row, caseId: row.resultingCaseId, replayed: true };
}

export async function referToCase(session: Session, input: ReferToCaseInput): Promise<ReferralResult> {
  const value = parseInput(inputSchema, { kind: input.kind, category: input.category, note: input.note });
  return actOnce(() => replayed(session, input.sessionId), async () => {
    let caseId: string | null = null;
    const row = await sessionAction(session, 'referToCase', input, async (scope) => {
      const { row } = scope;
      assertMayRegister(scope.actor);
      if (row.caseId) {
        throw new MediationRuleError('mediation/case-not-linkable', '本次调解针对已登记的信访事项，调解不成后该事项继续办理，无须另行登记');
      }
      const applicants = (await partiesOf(scope.tx, row.id)).filter((p) => p.role === 'APPLICANT');
      if (!applicants.length) throw new MediationRuleError('mediation/case-not-linkable', '本次调解没有申请人，无法以其名义登记信访事项');
      const result = await intakeCase(
        scope.tx as unknown as Database,
        scope.actor,
        {
          idempotencyKey: `mediation-to-case-${row.id}`,
          kind: value.kind ?? 'APPEAL_REQUEST',
          channel: 'TRANSFER',
          category: value.category ?? specialtyLabels[row.specialty as Specialty],
          title: row.title,
          content: referralContent(row, value.note ?? null),
          placeCode: row.placeCode,
          receivedOn: scope.on,
          petitioners: applicants.map((p, i) => ({
            kind: 'PERSON' as const,
            name: p.name,
            identityNumber: p.identityNumber ?? undefined,
            mobile: p.mobile ?? undefined,
            address: p.address ?? undefined,
            role: i === 0 ? ('PRIMARY' as const) : ('CO_PETITIONER' as const),
          })),
        },
        { receivingUnitId: row.unitId, operation: 'registerCase', now: scope.occurredAt, origin: { type: 'MEDIATION_SESSION', id: row.id } },
      );
      caseId = result.caseId;
      return { changes: { resultingCaseId: result.caseId }, payload: { caseId: result.caseId, kind: value.kind ?? 'APPEAL_REQUEST', note: value.note ?? null } };
    });
    return { session: row, caseId: caseId!, replayed: false };
  });
}
