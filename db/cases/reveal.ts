import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { cases, followUps, hearings, petitioners, supervisions } from '../schema';
import type { Session } from '../session';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { recordSystemEvent } from '../streams/runner';
import { findPersonalData, type PersonalDataKind } from '../petitioners/free-text';
import { toChinaDate } from '../calendar/work-calendar';
import { caseStream } from './stream';
import { canReadCase, isHandlingStaff, mayKnowAccuser, type Viewer } from './visibility';
import { viewerOf } from './service';

/** The whole free text of a case, as its handling unit may see it once it has said why. */
export interface RevealedCaseText {
  caseId: string;
  title: string;
  content: string;
  decisionSummary: string | null;
  extensionReason: string | null;
  accusedPerson: string | null;
  supervisions: { id: string; instructions: string; answer: string | null }[];
  followUps: { id: string; occurredAt: Date; notes: string }[];
  hearings: { id: string; summary: string | null }[];
  /** The personal data found in it, as the history records it (masked). */
  identities: { kind: PersonalDataKind; masked: string }[];
}

/** Who may see a case's free text whole: its handling unit's own staff and leaders (accusations: the same, who may know the accuser). */
export function mayRevealText(viewer: Viewer, row: Parameters<typeof canReadCase>[1]): boolean {
  return canReadCase(viewer, row) && isHandlingStaff(viewer, row) && mayKnowAccuser(viewer, row);
}

export const REVEAL_REASON_MAX = 200;

/**
 * Reveal: the case's free text whole, and in the same transaction one `case.text_revealed` event in its history
 * (who — the actor; when; why — the reason; whose — the masked numbers found and the petitioners they belong to).
 * The version is left alone (nothing about the case changed), so nobody's in-flight action conflicts with it.
 */
export async function revealCaseText(session: Session, input: { caseId: string; reason: string }): Promise<RevealedCaseText> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  if (actor.apiKey) throw new ForbiddenError('查看原文须由工作人员本人操作，不能使用 API 密钥');
  const reason = input.reason?.trim() ?? '';
  if (reason.length < 2) throw InputError.forField('reason', '请写明查看原文的理由（至少 2 个字）');
  if (reason.length > REVEAL_REASON_MAX) throw InputError.forField('reason', `查看理由最多 ${REVEAL_REASON_MAX} 个字`);
  const viewer = viewerOf(session);
  const now = session.now();
  const today = toChinaDate(now);

  return session.db.transaction(async (tx) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, input.caseId));
    if (!row || !canReadCase(viewer, row)) throw new NotFoundError('case', '信访事项不存在或无权查看');
    if (!mayRevealText(viewer, row)) throw new ForbiddenError('只有责任单位本级的工作人员可以查看原文');
    const [orders, visits, heard] = await Promise.all([
      tx.select({ id: supervisions.id, instructions: supervisions.instructions, answer: supervisions.answer }).from(supervisions).where(eq(supervisions.caseId, row.id)).orderBy(asc(supervisions.createdAt)),
      tx.select({ id: followUps.id, occurredAt: followUps.occurredAt, notes: followUps.notes }).from(followUps).where(eq(followUps.caseId, row.id)).orderBy(asc(followUps.occurredAt)),
      tx.select({ id: hearings.id, summary: hearings.summary }).from(hearings).where(eq(hearings.caseId, row.id)).orderBy(asc(hearings.createdAt)),
    ]);
    const texts: [string, string | null][] = [
      ['title', row.title],
      ['content', row.content],
      ['decisionSummary', row.decisionSummary],
      ['extensionReason', row.extensionReason],
      ['accusedPerson', row.accusedPerson],
      ...orders.flatMap((o): [string, string | null][] => [['supervisions.instructions', o.instructions], ['supervisions.answer', o.answer]]),
      ...visits.map((v): [string, string | null] => ['followUps.notes', v.notes]),
      ...heard.map((h): [string, string | null] => ['hearings.summary', h.summary]),
    ];
    const found = texts.flatMap(([field, text]) => (text ? findPersonalData(text, { today }).map((match) => ({ field, ...match })) : []));
    const distinct = [...new Map(found.map((m) => [`${m.kind}:${m.value}`, m])).values()];
    const numbers = distinct.filter((m) => m.kind === 'IDENTITY_NUMBER').map((m) => m.value);
    const mobiles = distinct.filter((m) => m.kind === 'MOBILE').map((m) => m.value);
    const owners = numbers.length || mobiles.length
      ? await tx
          .select({ id: petitioners.id })
          .from(petitioners)
          // identity numbers name one person; a mobile (a family's phone) only among the case's own petitioners
          .where(or(
            numbers.length ? inArray(petitioners.identityNumber, numbers) : undefined,
            mobiles.length && row.petitionerIds.length ? and(inArray(petitioners.mobile, mobiles), inArray(petitioners.id, row.petitionerIds)) : undefined,
          ))
          .orderBy(asc(petitioners.id))
      : [];
    const identities = distinct.map(({ kind, masked }) => ({ kind, masked }));

    await recordSystemEvent(
      tx,
      caseStream,
      row.id,
      now,
      (locked) => {
        // Moved to another unit between the read and the lock: no longer this unit's to reveal.
        if (!mayRevealText(viewer, locked)) throw new ForbiddenError('只有责任单位本级的工作人员可以查看原文');
        return {
          type: 'case.text_revealed',
          payload: { reason, fields: [...new Set(found.map((m) => m.field))], identities, petitionerIds: owners.map((o) => o.id) },
        };
      },
      actor,
    );
    return {
      caseId: row.id,
      title: row.title,
      content: row.content,
      decisionSummary: row.decisionSummary,
      extensionReason: row.extensionReason,
      accusedPerson: row.accusedPerson,
      supervisions: orders,
      followUps: visits,
      hearings: heard,
      identities,
    };
  });
}
