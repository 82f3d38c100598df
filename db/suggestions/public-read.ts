/**
 * What anyone may read of suggestion collection, without an account: open campaigns, public suggestions with
 * their published answers and conversion progress, awarded suggestions, and a submitter's own lookup by number
 * and query code. Every view is built here, from an explicit list of columns, with free text redacted
 * (./publicity.ts): no account, contact, assessor, internal note or query code ever reaches these views.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { timingSafeEqual } from 'node:crypto';
import type { Executor } from '../client';
import { accounts } from '../tables/accounts.sql';
import { petitioners } from '../tables/petitioners.sql';
import { units } from '../tables/units.sql';
import { events } from '../tables/cases.sql';
import { suggestionAwardTiers, suggestionCampaigns, suggestionConversions, suggestionNominations, suggestions } from '../tables/suggestions.sql';
import { NotFoundError } from '../errors';
import type { IsoDate } from '../calendar/work-calendar';
import { answeredStatuses, suggestionLifecycle, suggestionNoticeTypes } from './lifecycle';
import { redactPublicText } from './publicity';
import { publicSuggestionSql } from './read-sql';
import type { CampaignStatus, ConversionKind, ConversionProgress, DeclineReason, SuggestionAction, SuggestionStatus } from './vocabulary';

export interface PublicCampaignView {
  id: string;
  title: string;
  description: string;
  categories: string[];
  opensOn: IsoDate;
  closesOn: IsoDate;
  status: CampaignStatus;
  feedbackDays: number;
  endorsementThreshold: number;
  unitName: string;
}

export interface PublicConversionView {
  kind: ConversionKind;
  title: string;
  unitName: string;
  convertedOn: IsoDate;
  link: string | null;
  progress: ConversionProgress;
  progressNote: string | null;
  progressOn: IsoDate;
}

export interface PublicAwardView {
  tierName: string;
  rank: number;
  year: number | null;
  campaignTitle: string | null;
  prize: string | null;
  awardedOn: IsoDate;
}

export interface PublicSuggestionView {
  id: string;
  number: string;
  title: string;
  content: string;
  category: string;
  campaign: { id: string; title: string } | null;
  /** A held decision shows as ASSESSED until its answer is published. */
  status: SuggestionStatus;
  receivedOn: IsoDate;
  unitName: string;
  publicOn: IsoDate | null;
  decidedOn: IsoDate | null;
  answer: string | null;
  answerPublishedOn: IsoDate | null;
  endorsementCount: number;
  priority: boolean;
  clustered: boolean;
  conversions: PublicConversionView[];
  awards: PublicAwardView[];
  /** The submitter's name, only when they agreed to it being shown with an award; otherwise null. */
  submitterName: string | null;
}

/** A decision whose answer is held shows as "assessed, awaiting the decision" (it is not yet told to anyone). */
export function publicStatus(row: { status: SuggestionStatus; answerPublishedOn: string | null }): SuggestionStatus {
  return (answeredStatuses as readonly SuggestionStatus[]).includes(row.status) && !row.answerPublishedOn ? 'ASSESSED' : row.status;
}

const campaignColumns = {
  id: suggestionCampaigns.id,
  title: suggestionCampaigns.title,
  description: suggestionCampaigns.description,
  categories: suggestionCampaigns.categories,
  opensOn: suggestionCampaigns.opensOn,
  closesOn: suggestionCampaigns.closesOn,
  status: suggestionCampaigns.status,
  feedbackDays: suggestionCampaigns.feedbackDays,
  endorsementThreshold: suggestionCampaigns.endorsementThreshold,
  unitName: units.name,
};

/** 征集中: published campaigns whose period has not ended, closing soonest first. */
export async function openCampaigns(db: Executor, today: IsoDate): Promise<PublicCampaignView[]> {
  return db
    .select(campaignColumns)
    .from(suggestionCampaigns)
    .innerJoin(units, eq(units.id, suggestionCampaigns.unitId))
    .where(and(eq(suggestionCampaigns.status, 'OPEN'), sql`${suggestionCampaigns.closesOn} >= ${today}`))
    .orderBy(asc(suggestionCampaigns.closesOn), asc(suggestionCampaigns.id));
}

/** The columns a public view is made of, and the names to mask in its free text (never shown themselves). */
const suggestionColumns = {
  id: suggestions.id,
  number: suggestions.number,
  title: suggestions.title,
  content: suggestions.content,
  category: suggestions.category,
  campaignId: suggestions.campaignId,
  campaignTitle: suggestionCampaigns.title,
  status: suggestions.status,
  receivedOn: suggestions.receivedOn,
  unitName: units.name,
  publicOn: suggestions.publicOn,
  decidedOn: suggestions.decidedOn,
  answer: suggestions.answer,
  answerPublishedOn: suggestions.answerPublishedOn,
  endorsementCount: suggestions.endorsementCount,
  priority: suggestions.priority,
  clusterId: suggestions.clusterId,
  publicNameConsent: suggestions.publicNameConsent,
  contactName: suggestions.contactName,
  accountName: accounts.displayName,
  petitionerName: petitioners.name,
};
type SuggestionRow = { [K in keyof typeof suggestionColumns]: (typeof suggestionColumns)[K]['_']['data'] | null } & { id: string; number: string };

function suggestionQuery(db: Executor, where: SQL) {
  return db
    .select(suggestionColumns)
    .from(suggestions)
    .innerJoin(units, eq(units.id, suggestions.unitId))
    .leftJoin(suggestionCampaigns, eq(suggestionCampaigns.id, suggestions.campaignId))
    .leftJoin(accounts, eq(accounts.id, suggestions.submitterAccountId))
    .leftJoin(petitioners, eq(petitioners.id, accounts.petitionerId))
    .where(where);
}

const knownNames = (row: SuggestionRow) => [row.contactName, row.accountName, row.petitionerName];

async function conversionsOf(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, PublicConversionView[]>();
  const rows = await db
    .select({
      suggestionId: suggestionConversions.suggestionId,
      kind: suggestionConversions.kind,
      title: suggestionConversions.title,
      unitName: units.name,
      convertedOn: suggestionConversions.convertedOn,
      link: suggestionConversions.link,
      progress: suggestionConversions.progress,
      progressNote: suggestionConversions.progressNote,
      progressOn: suggestionConversions.progressOn,
    })
    .from(suggestionConversions)
    .innerJoin(units, eq(units.id, suggestionConversions.unitId))
    .where(inArray(suggestionConversions.suggestionId, ids))
    .orderBy(asc(suggestionConversions.convertedOn), asc(suggestionConversions.id));
  const out = new Map<string, PublicConversionView[]>();
  for (const { suggestionId, ...view } of rows) out.set(suggestionId, [...(out.get(suggestionId) ?? []), view]);
  return out;
}

async function awardsOf(db: Executor, ids: string[]) {
  if (!ids.length) return new Map<string, PublicAwardView[]>();
  const rows = await db
    .select({
      suggestionId: suggestionNominations.suggestionId,
      tierName: suggestionAwardTiers.name,
      rank: suggestionAwardTiers.rank,
      year: suggestionAwardTiers.year,
      campaignTitle: suggestionCampaigns.title,
      prize: suggestionAwardTiers.prize,
      awardedOn: suggestionNominations.decidedOn,
    })
    .from(suggestionNominations)
    .innerJoin(suggestionAwardTiers, eq(suggestionAwardTiers.id, suggestionNominations.tierId))
    .leftJoin(suggestionCampaigns, eq(suggestionCampaigns.id, suggestionAwardTiers.campaignId))
    .where(and(inArray(suggestionNominations.suggestionId, ids), eq(suggestionNominations.status, 'AWARDED')))
    .orderBy(asc(suggestionAwardTiers.rank), asc(suggestionNominations.id));
  const out = new Map<string, PublicAwardView[]>();
  for (const { suggestionId, awardedOn, ...view } of rows) out.set(suggestionId, [...(out.get(suggestionId) ?? []), { ...view, awardedOn: awardedOn! }]);
  return out;
}

async function views(db: Executor, rows: SuggestionRow[]): Promise<PublicSuggestionView[]> {
  const ids = rows.map((r) => r.id);
  const [conversions, awards] = await Promise.all([conversionsOf(db, ids), awardsOf(db, ids)]);
  return rows.map((row) => {
    const names = knownNames(row);
    const published = !!row.answerPublishedOn;
    const rowAwards = awards.get(row.id) ?? [];
    return {
      id: row.id,
      number: row.number,
      title: redactPublicText(row.title!, names),
      content: redactPublicText(row.content!, names),
      category: row.category!,
      campaign: row.campaignId ? { id: row.campaignId, title: row.campaignTitle! } : null,
      status: publicStatus({ status: row.status!, answerPublishedOn: row.answerPublishedOn }),
      receivedOn: row.receivedOn!,
      unitName: row.unitName!,
      publicOn: row.publicOn,
      decidedOn: published ? row.decidedOn : null,
      answer: published && row.answer ? redactPublicText(row.answer, names) : null,
      answerPublishedOn: row.answerPublishedOn,
      endorsementCount: row.endorsementCount!,
      priority: row.priority!,
      clustered: row.clusterId !== null,
      conversions: published
        ? (conversions.get(row.id) ?? []).map((c) => ({ ...c, title: redactPublicText(c.title, names), progressNote: c.progressNote && redactPublicText(c.progressNote, names) }))
        : [],
      awards: rowAwards,
      // Shown only with an award, and only when the submitter agreed (the contact's name, else the account's).
      submitterName: rowAwards.length && row.publicNameConsent ? (row.petitionerName ?? row.contactName ?? null) : null,
    };
  });
}

export interface PublicSuggestionFilter {
  campaignId?: string | null;
  category?: string | null;
  /** Only those with a published answer (true) or still awaiting it (false). */
  answered?: boolean | null;
}

function publicFilterSql(filter: PublicSuggestionFilter): SQL {
  const parts = [publicSuggestionSql(suggestions)];
  if (filter.campaignId) parts.push(sql`${suggestions.campaignId} = ${filter.campaignId}`);
  if (filter.category) parts.push(sql`${suggestions.category} = ${filter.category}`);
  if (filter.answered === true) parts.push(sql`${suggestions.answerPublishedOn} is not null`);
  if (filter.answered === false) parts.push(sql`${suggestions.answerPublishedOn} is null`);
  return sql.join(parts, sql` and `);
}

/** Public suggestions, most recently made public or answered first. */
export async function listPublicSuggestions(db: Executor, filter: PublicSuggestionFilter, page: { limit: number; offset: number }): Promise<PublicSuggestionView[]> {
  const rows = await suggestionQuery(db, publicFilterSql(filter))
    .orderBy(desc(sql`greatest(${suggestions.publicOn}, ${suggestions.answerPublishedOn})`), desc(suggestions.number))
    .limit(page.limit)
    .offset(page.offset);
  return views(db, rows as SuggestionRow[]);
}

export function countPublicSuggestions(db: Executor, filter: PublicSuggestionFilter): Promise<number> {
  return db.$count(suggestions, publicFilterSql(filter));
}

/** One public suggestion by its number (the same "not found" for an unknown one and one that is not public). */
export async function publicSuggestionByNumber(db: Executor, number: string): Promise<PublicSuggestionView> {
  const rows = await suggestionQuery(db, and(eq(suggestions.number, number.trim()), publicSuggestionSql(suggestions))!);
  if (!rows.length) throw new NotFoundError('suggestion', '建议不存在或未公开');
  return (await views(db, rows as SuggestionRow[]))[0];
}

/** 获奖建议: awarded suggestions of a year (by the tier's year, or the decision's for campaign tiers) or of a campaign. */
export async function awardedSuggestions(db: Executor, filter: { year?: number | null; campaignId?: string | null }): Promise<PublicSuggestionView[]> {
  const awarded = db
    .select({ id: suggestionNominations.suggestionId })
    .from(suggestionNominations)
    .innerJoin(suggestionAwardTiers, eq(suggestionAwardTiers.id, suggestionNominations.tierId))
    .where(
      and(
        eq(suggestionNominations.status, 'AWARDED'),
        filter.campaignId ? eq(suggestionAwardTiers.campaignId, filter.campaignId) : undefined,
        filter.year ? sql`coalesce(${suggestionAwardTiers.year}, extract(year from ${suggestionNominations.decidedOn})::int) = ${filter.year}` : undefined,
      ),
    );
  const rows = await suggestionQuery(db, and(inArray(suggestions.id, awarded), publicSuggestionSql(suggestions))!).orderBy(desc(suggestions.number));
  const list = await views(db, rows as SuggestionRow[]);
  return list.sort((a, b) => Math.min(...a.awards.map((w) => w.rank)) - Math.min(...b.awards.map((w) => w.rank)) || (a.number < b.number ? -1 : 1));
}

/** The steps the public lookup shows, by event type; everything else (scores, endorsements, notices) is internal. */
const publicSteps: Partial<Record<string, string>> = {
  [suggestionNoticeTypes.submitted]: '已收到建议',
  ...Object.fromEntries(
    (['startAssessment', 'completeAssessment', 'decline', 'transfer', 'makePublic', 'joinCluster', 'convert', 'updateConversion', 'withdraw', 'transferToCase', 'publishAnswer'] as SuggestionAction[]).map((a) => [
      suggestionLifecycle.eventTypes[a],
      suggestionLifecycle.actionLabels[a],
    ]),
  ),
};
const decisionTypes = new Set((['adopt', 'adoptPartly', 'keepForReference', 'notAdopt'] as SuggestionAction[]).map((a) => suggestionLifecycle.eventTypes[a]));

export interface PublicStepView {
  occurredAt: Date;
  status: SuggestionStatus;
  label: string;
}

export interface SuggestionLookupView extends PublicSuggestionView {
  feedbackDueOn: IsoDate;
  declineReason: DeclineReason | null;
  declineExplanation: string | null;
  timeline: PublicStepView[];
}

function sameCode(a: string, b: string) {
  const left = Buffer.from(a.toUpperCase());
  const right = Buffer.from(b.toUpperCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The submitter's lookup (凭编号与查询码): any state, its feedback (a refusal's reason, the published answer)
 * and its public steps; a held decision stays hidden until published. Unknown number and wrong code answer alike.
 */
export async function lookupSuggestion(db: Executor, number: string, queryCode: string): Promise<SuggestionLookupView> {
  const [secret] = await db
    .select({ id: suggestions.id, queryCode: suggestions.queryCode, feedbackDueOn: suggestions.feedbackDueOn, declineReason: suggestions.declineReason, declineExplanation: suggestions.declineExplanation })
    .from(suggestions)
    .where(eq(suggestions.number, number.trim()));
  if (!secret || !sameCode(secret.queryCode, queryCode.trim())) throw new NotFoundError('suggestion', '编号或查询码不正确');
  const rows = await suggestionQuery(db, eq(suggestions.id, secret.id));
  const [view] = await views(db, rows as SuggestionRow[]);
  const names = knownNames(rows[0] as SuggestionRow);
  const history = await db
    .select({ occurredAt: events.occurredAt, type: events.type, toStatus: events.toStatus })
    .from(events)
    .where(and(eq(events.streamType, 'SUGGESTION'), eq(events.streamId, secret.id)))
    .orderBy(asc(events.sequence));
  const published = !!view.answerPublishedOn;
  const timeline = history.flatMap((e) => {
    if (decisionTypes.has(e.type)) return published ? [{ occurredAt: e.occurredAt, status: e.toStatus as SuggestionStatus, label: suggestionLifecycle.statusLabels[e.toStatus as SuggestionStatus] }] : [];
    const label = publicSteps[e.type];
    return label ? [{ occurredAt: e.occurredAt, status: publicStatus({ status: e.toStatus as SuggestionStatus, answerPublishedOn: view.answerPublishedOn }), label }] : [];
  });
  return {
    ...view,
    feedbackDueOn: secret.feedbackDueOn,
    declineReason: secret.declineReason,
    declineExplanation: secret.declineExplanation && redactPublicText(secret.declineExplanation, names),
    timeline,
  };
}
