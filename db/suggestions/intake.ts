/**
 * Receipt of a suggestion on every channel: a citizen online (with an account or anonymously), staff
 * registering a letter, a call or a visit, the 12345 hotline. One transaction: the campaign's window,
 * the next number, the row with its feedback clock and similarity keys, the bucket counts, event 1.
 */
import { eq, sql } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Executor, Transaction } from '../client';
import { channels } from '../cases/vocabulary';
import { suggestionCampaigns, suggestionNumberCounters, suggestions } from '../tables/suggestions.sql';
import type { Session } from '../session';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { text } from '../common/validate';
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';
import { loadWorkCalendar } from '../calendar/service';
import { validateMobile } from '../petitioners/identity';
import { getUnit } from '../units/service';
import { newQueryCode } from '../cases/intake';
import { recordCreation } from '../streams/runner';
import { checkSubmission } from './campaigns';
import { DEFAULT_FEEDBACK_DAYS } from './feedback-clock';
import { SuggestionRuleError } from './errors';
import { suggestionNoticeTypes } from './lifecycle';
import { countSuggestionGrams, similarityBucket, similarityKeys } from './similar';
import { suggestionDueState, suggestionStream } from './stream';

const divisionCode = z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '地点应为 6/9/12 位行政区划代码'));

export const submissionSchema = z.object({
  campaignId: z.optional(z.uuid()),
  /** Open collection: the unit the suggestion is addressed to. */
  unitId: z.optional(z.uuid()),
  title: text('标题', 2, 100),
  content: text('内容', 10, 5000),
  category: text('类别', 1, 40),
  placeCode: z.optional(divisionCode),
  channel: z._default(z.enum(channels), 'ONLINE'),
  attachments: z._default(
    z.array(z.object({ name: text('附件名', 1, 200), reference: text('附件引用', 1, 500) })).check(z.maxLength(10, '附件最多 10 个')),
    [],
  ),
  contactName: z.optional(text('联系人', 1, 60)),
  contactMobile: z.optional(z.string().check(z.trim())),
  publicNameConsent: z._default(z.boolean(), false),
  /** Staff registering a letter or a call give the day it arrived; online submissions are received today. */
  receivedOn: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '收件日期格式应为 YYYY-MM-DD'))),
});
export type SubmissionInput = z.output<typeof submissionSchema>;

/** Where a suggestion may come from, by who sends it. */
function intakeRole(session: Session): 'citizen' | 'anonymous' | 'staff' | 'hotline' {
  const roles = session.actor?.roles ?? [];
  if (!session.actor) return 'anonymous';
  if (roles.includes('INTEGRATOR')) return 'hotline';
  if (session.unitPath && roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN')) return 'staff';
  if (roles.includes('PETITIONER')) return 'citizen';
  throw new ForbiddenError('你的角色不能提交或登记建议');
}

async function nextNumber(tx: Transaction, unit: { id: string; divisionCode: string }, year: number): Promise<string> {
  const [counter] = await tx
    .insert(suggestionNumberCounters)
    .values({ unitId: unit.id, year, lastValue: 1 })
    .onConflictDoUpdate({ target: [suggestionNumberCounters.unitId, suggestionNumberCounters.year], set: { lastValue: sql`${suggestionNumberCounters.lastValue} + 1` } })
    .returning({ value: suggestionNumberCounters.lastValue });
  return `JY-${unit.divisionCode}-${year}-${String(counter.value).padStart(6, '0')}`;
}

export interface SubmissionResult {
  suggestionId: string;
  number: string;
  queryCode: string;
}

/** Extra facts when the suggestion comes from somewhere other than a person's submission (a petition). */
export interface SubmissionOrigin {
  sourceCaseId?: string;
  /** The unit that handles it (a case's unit), instead of the campaign's or the addressed unit. */
  unitId?: string;
  submitterAccountId?: string | null;
  tx?: Transaction;
}

export async function submitSuggestion(session: Session, raw: SubmissionInput, origin: SubmissionOrigin = {}): Promise<SubmissionResult> {
  const input = raw;
  const role = intakeRole(session);
  const now = session.now();
  const today = toChinaDate(now);
  if ((role === 'citizen' || role === 'anonymous') && input.channel !== 'ONLINE') {
    throw new SuggestionRuleError('suggestion/channel-not-allowed', '群众自行提交的建议渠道为网上（ONLINE）；来信、来电、来访由工作人员登记');
  }
  if (role === 'hotline' && input.channel !== 'HOTLINE_12345') throw new SuggestionRuleError('suggestion/channel-not-allowed', '对接系统只能登记 12345 热线转来的建议');
  const receivedOn: IsoDate = role === 'staff' && input.receivedOn ? input.receivedOn : today;
  if (receivedOn > today) throw InputError.forField('receivedOn', '收件日期不能晚于今天');
  if (input.contactMobile && !validateMobile(input.contactMobile).ok) throw InputError.forField('contactMobile', '手机号码格式不正确');
  const calendar = await loadWorkCalendar(session.db);

  const run = async (tx: Transaction): Promise<SubmissionResult> => {
    let campaign: typeof suggestionCampaigns.$inferSelect | undefined;
    if (input.campaignId) {
      [campaign] = await tx.select().from(suggestionCampaigns).where(eq(suggestionCampaigns.id, input.campaignId));
      if (!campaign || campaign.status === 'DRAFT') throw new NotFoundError('suggestion-campaign', '征集活动不存在');
      const refusal = checkSubmission(campaign, receivedOn, input.category);
      if (refusal) throw new SuggestionRuleError(refusal.code, refusal.message);
    }
    const unitId = origin.unitId ?? campaign?.unitId ?? input.unitId ?? (role === 'staff' || role === 'hotline' ? session.actor!.unitId : null);
    if (!unitId) throw new SuggestionRuleError('suggestion/unit-required');
    const unit = await getUnit(tx, unitId).catch(() => {
      throw InputError.forField('unitId', '单位不存在');
    });
    const receivingUnit = role === 'staff' || role === 'hotline' ? await getUnit(tx, session.actor!.unitId!) : unit;
    const number = await nextNumber(tx, receivingUnit, Number(today.slice(0, 4)));
    const bucket = similarityBucket(campaign?.id ?? null, input.category);
    const queryCode = newQueryCode();
    const feedbackDays = campaign?.feedbackDays ?? DEFAULT_FEEDBACK_DAYS;
    const draft = {
      number,
      queryCode,
      campaignId: campaign?.id ?? null,
      submitterAccountId: origin.submitterAccountId !== undefined ? origin.submitterAccountId : role === 'citizen' ? session.actor!.accountId : null,
      contactName: input.contactName ?? null,
      contactMobile: input.contactMobile ? (validateMobile(input.contactMobile) as { normalized: string }).normalized : null,
      publicNameConsent: input.publicNameConsent,
      title: input.title,
      content: input.content,
      category: input.category,
      placeCode: input.placeCode ?? null,
      channel: input.channel,
      attachments: input.attachments,
      receivedOn,
      receivingUnitId: receivingUnit.id,
      unitId: unit.id,
      unitPath: unit.path,
      registeredById: role === 'staff' || role === 'hotline' ? session.actor!.accountId : null,
      lastEventAt: now,
      feedbackDays,
      sourceCaseId: origin.sourceCaseId ?? null,
      similarityBucket: bucket,
      similarityKeys: similarityKeys(bucket, input),
    };
    const due = suggestionDueState({ ...draft, urgent: false, feedbackOn: null, withdrawnOn: null } as never, today, calendar);
    const [row] = await tx.insert(suggestions).values({ ...draft, ...due }).returning({ id: suggestions.id });
    await countSuggestionGrams(tx, bucket, input);
    await recordCreation(tx, suggestionStream, {
      id: row.id,
      type: suggestionNoticeTypes.submitted,
      actor: session.actor,
      actorUnitId: session.actor?.unitId ?? null,
      toStatus: 'SUBMITTED',
      occurredAt: now,
      payload: { number, channel: input.channel, campaignId: campaign?.id ?? null, sourceCaseId: origin.sourceCaseId ?? null },
    });
    return { suggestionId: row.id, number, queryCode };
  };
  return origin.tx ? run(origin.tx) : session.db.transaction(run);
}

/** For tests and the seed: the row as stored. */
export async function getSuggestion(db: Executor, id: string) {
  const [row] = await db.select().from(suggestions).where(eq(suggestions.id, id));
  return row;
}
