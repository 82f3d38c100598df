import * as z from 'zod/mini';
import { suggestionCampaigns } from '../tables/suggestions.sql';
import type { Session } from '../session';
import { ForbiddenError, InputError } from '../errors';
import { text } from '../common/validate';
import { getUnit } from '../units/service';
import { recordCreation, runStreamAction, type StreamActionInput } from '../streams/runner';
import { campaignDateIssues } from './campaigns';
import { DEFAULT_FEEDBACK_DAYS } from './feedback-clock';
import { DEFAULT_ENDORSEMENT_THRESHOLD } from './endorsements';
import { campaignStream } from './stream';
import type { CampaignAction } from './vocabulary';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export const campaignSchema = z.object({
  title: text('标题', 2, 100),
  description: text('征集说明', 10, 5000),
  categories: z.array(text('类别', 1, 40)).check(z.maxLength(20, '类别最多 20 个')),
  opensOn: isoDate,
  closesOn: isoDate,
  feedbackDays: z._default(z.number(), DEFAULT_FEEDBACK_DAYS),
  endorsementThreshold: z._default(z.number().check(z.int(), z.minimum(1, '附议门槛至少为 1'), z.maximum(1_000_000, '附议门槛过大')), DEFAULT_ENDORSEMENT_THRESHOLD),
});
export type CampaignInput = z.output<typeof campaignSchema>;

/** A new campaign (DRAFT) owned by the caller's unit; event 1 of its stream. */
export async function createCampaign(session: Session, input: CampaignInput): Promise<string> {
  const actor = session.actor;
  if (!actor?.unitId || !session.unitPath || !actor.roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN')) {
    throw new ForbiddenError('只有单位工作人员可以发布征集活动');
  }
  const issues = campaignDateIssues(input);
  if (issues.length) throw new InputError(issues.map((i) => ({ path: [i.field], message: i.message })));
  const unit = await getUnit(session.db, actor.unitId);
  const now = session.now();
  return session.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(suggestionCampaigns)
      .values({ ...input, unitId: unit.id, unitPath: unit.path, createdById: actor.accountId, lastEventAt: now })
      .returning({ id: suggestionCampaigns.id });
    await recordCreation(tx, campaignStream, { id: row.id, type: 'campaign.created', actor, toStatus: 'DRAFT', occurredAt: now, payload: { title: input.title } });
    return row.id;
  });
}

/** 发布 / 截止 / 归档: the campaign's own stream, one event each. */
export function campaignAction(session: Session, action: CampaignAction, input: StreamActionInput & { campaignId: string }) {
  return runStreamAction(session, campaignStream, action, input.campaignId, input, async () => ({ payload: {} }));
}
