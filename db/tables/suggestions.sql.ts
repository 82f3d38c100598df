import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns, streamColumns } from './columns';
import { units } from './units.sql';
import { accounts } from './accounts.sql';
import { cases, channel } from './cases.sql';
import { noticeLevel } from './lifecycle.sql';
import {
  campaignStatuses,
  conversionKinds,
  conversionProgresses,
  declineReasons,
  nominationStatuses,
  suggestionStatuses,
} from '../suggestions/vocabulary';

const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const campaignStatus = pgEnum('suggestion_campaign_status', campaignStatuses);
export const suggestionStatus = pgEnum('suggestion_status', suggestionStatuses);
export const suggestionDeclineReason = pgEnum('suggestion_decline_reason', declineReasons);
export const conversionKind = pgEnum('suggestion_conversion_kind', conversionKinds);
export const conversionProgress = pgEnum('suggestion_conversion_progress', conversionProgresses);
export const nominationStatus = pgEnum('suggestion_nomination_status', nominationStatuses);

/** 征集活动 (专项征集): a published topic, open for a period; its feedback period binds every suggestion in it. */
export const suggestionCampaigns = pgTable(
  'suggestion_campaigns',
  {
    ...entityColumns,
    ...streamColumns,
    title: text('title').notNull(),
    description: text('description').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    categories: text('categories').array().notNull(),
    opensOn: day('opens_on').notNull(),
    closesOn: day('closes_on').notNull(),
    status: campaignStatus('status').notNull().default('DRAFT'),
    feedbackDays: smallint('feedback_days').notNull(),
    endorsementThreshold: integer('endorsement_threshold').notNull(),
    createdById: uuid('created_by_id').references(() => accounts.id),
  },
  (t) => [index('suggestion_campaigns_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`), index('suggestion_campaigns_status_idx').on(t.status)],
);

/** 并案: similar suggestions handled once; each member keeps its own answer, feedback and endorsements. */
export const suggestionClusters = pgTable('suggestion_clusters', {
  ...entityColumns,
  /** Bumped by every membership change and every action taken on the cluster: its expectedVersion. */
  version: integer('version').notNull().default(1),
  updatedAt: instant('updated_at').notNull().defaultNow(),
  title: text('title').notNull(),
  /** The answer given to the cluster as a whole (each member also keeps its own, 分别答复). */
  answer: text('answer'),
  campaignId: uuid('campaign_id').references(() => suggestionCampaigns.id),
  category: text('category').notNull(),
  unitPath: text('unit_path').notNull(),
  createdById: uuid('created_by_id').references(() => accounts.id),
});

export interface SuggestionAttachment {
  name: string;
  reference: string;
}

/** 人民建议. `version` counts the events of its history (optimistic concurrency), as for cases. */
export const suggestions = pgTable(
  'suggestions',
  {
    ...entityColumns,
    ...streamColumns,
    /** 建议编号: JY-receiving unit's division code-year-sequence. */
    number: text('number').notNull().unique(),
    queryCode: text('query_code').notNull(),
    campaignId: uuid('campaign_id').references(() => suggestionCampaigns.id),
    /** The citizen account that submitted it; null for anonymous submissions and those registered by staff. */
    submitterAccountId: uuid('submitter_account_id').references(() => accounts.id),
    /** Optional contact of an anonymous or registered-by-staff submitter; stored whole, masked on output. */
    contactName: text('contact_name'),
    contactMobile: text('contact_mobile'),
    /** The submitter agreed that their name may appear in the public list of awards. */
    publicNameConsent: boolean('public_name_consent').notNull().default(false),
    title: text('title').notNull(),
    content: text('content').notNull(),
    category: text('category').notNull(),
    placeCode: text('place_code'),
    channel: channel('channel').notNull(),
    attachments: jsonb('attachments').$type<SuggestionAttachment[]>().notNull().default([]),
    urgent: boolean('urgent').notNull().default(false),
    status: suggestionStatus('status').notNull().default('SUBMITTED'),
    receivedOn: day('received_on').notNull(),
    receivingUnitId: uuid('receiving_unit_id').notNull().references(() => units.id),
    /** The responsible unit now (transfers move it); its path copied for subtree visibility. */
    unitId: uuid('unit_id').notNull().references(() => units.id),
    unitPath: text('unit_path').notNull(),
    registeredById: uuid('registered_by_id').references(() => accounts.id),
    // The feedback clock (snapshot of the period when received; the sweep reads warnOn).
    feedbackDays: smallint('feedback_days').notNull(),
    feedbackDueOn: day('feedback_due_on').notNull(),
    feedbackOn: day('feedback_on'),
    warnOn: day('warn_on'),
    overdue: boolean('overdue').notNull().default(false),
    withdrawnOn: day('withdrawn_on'),
    declineReason: suggestionDeclineReason('decline_reason'),
    declineExplanation: text('decline_explanation'),
    decidedOn: day('decided_on'),
    /** The official answer; public (and told to the submitter) only once published. */
    answer: text('answer'),
    answerPublishedOn: day('answer_published_on'),
    /** Made public by staff (公开) so citizens may read and endorse it; a published answer makes it public too. */
    publicOn: day('public_on'),
    /** The drawn assessors: they may read the suggestion whatever their unit (an expert of the pool). */
    assessorIds: uuid('assessor_ids').array().notNull().default([]),
    clusterId: uuid('cluster_id').references(() => suggestionClusters.id),
    endorsementCount: integer('endorsement_count').notNull().default(0),
    priority: boolean('priority').notNull().default(false),
    priorityFlaggedOn: day('priority_flagged_on'),
    /** The petition it came from (convertCaseToSuggestion) and the petition it became (a personal grievance). */
    sourceCaseId: uuid('source_case_id').references(() => cases.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** Campaign (or open collection) and category: similar suggestions are only sought inside one bucket. */
    similarityBucket: text('similarity_bucket').notNull(),
    /** The text's bigrams prefixed with the bucket's tag, so the GIN index reads only one bucket's postings. */
    similarityKeys: text('similarity_keys').array().notNull(),
  },
  (t) => [
    index('suggestions_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.receivedOn.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('suggestions_campaign_idx').on(t.campaignId),
    index('suggestions_submitter_idx').on(t.submitterAccountId),
    index('suggestions_cluster_idx').on(t.clusterId),
    index('suggestions_source_case_idx').on(t.sourceCaseId),
    index('suggestions_case_idx').on(t.caseId),
    index('suggestions_warn_on_idx').on(t.warnOn).where(sql`${t.warnOn} is not null`),
    // fastupdate off: a pending list would be scanned whole by every lookup until the next vacuum (measured:
    // 30–55 ms → 1–5 ms per probe at 5,000 suggestions); each insert pays its ~100 entries at once instead.
    index('suggestions_similarity_keys_idx').using('gin', t.similarityKeys).with({ fastupdate: false }),
    index('suggestions_published_idx').on(t.answerPublishedOn).where(sql`${t.answerPublishedOn} is not null`),
    index('suggestions_public_idx').on(t.publicOn).where(sql`${t.publicOn} is not null`),
  ],
);

/** Per receiving unit and year, the last suggestion number handed out (gap-free, bumped in the intake transaction). */
export const suggestionNumberCounters = pgTable(
  'suggestion_number_counters',
  {
    unitId: uuid('unit_id').notNull().references(() => units.id),
    year: smallint('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.year] })],
);

/** Document frequencies of a bucket's features (gram '' counts the bucket's suggestions): the rarity weights. */
export const suggestionGramCounts = pgTable(
  'suggestion_gram_counts',
  {
    bucket: text('bucket').notNull(),
    gram: text('gram').notNull(),
    documents: integer('documents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.gram] })],
);

/** A unit's pool of assessors (评估专家库); assessments draw from the pool of the unit and its ancestors. */
export const suggestionAssessorPool = pgTable(
  'suggestion_assessor_pool',
  {
    unitId: uuid('unit_id').notNull().references(() => units.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    specialty: text('specialty'),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.accountId] })],
);

/** One drawn assessor's scores (1–5) and internal notes — never shown to the public or the submitter. */
export const suggestionAssessments = pgTable(
  'suggestion_assessments',
  {
    ...entityColumns,
    suggestionId: uuid('suggestion_id').notNull().references(() => suggestions.id),
    assessorId: uuid('assessor_id').notNull().references(() => accounts.id),
    valueScore: smallint('value_score'),
    feasibilityScore: smallint('feasibility_score'),
    notes: text('notes'),
    assessedAt: instant('assessed_at'),
  },
  (t) => [uniqueIndex('suggestion_assessments_uq').on(t.suggestionId, t.assessorId), index('suggestion_assessments_assessor_idx').on(t.assessorId)],
);

/** 转化: what an adopted suggestion became — which unit, when, a link, and how far it has got. */
export const suggestionConversions = pgTable(
  'suggestion_conversions',
  {
    ...entityColumns,
    suggestionId: uuid('suggestion_id').notNull().references(() => suggestions.id),
    kind: conversionKind('kind').notNull(),
    unitId: uuid('unit_id').notNull().references(() => units.id),
    title: text('title').notNull(),
    convertedOn: day('converted_on').notNull(),
    link: text('link'),
    progress: conversionProgress('progress').notNull(),
    progressNote: text('progress_note'),
    progressOn: day('progress_on').notNull(),
  },
  (t) => [index('suggestion_conversions_suggestion_idx').on(t.suggestionId)],
);

/** 附议: one row per (suggestion, account); withdrawing stamps `withdrawnAt`, endorsing again clears it. */
export const suggestionEndorsements = pgTable(
  'suggestion_endorsements',
  {
    suggestionId: uuid('suggestion_id').notNull().references(() => suggestions.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    endorsedAt: instant('endorsed_at').notNull(),
    withdrawnAt: instant('withdrawn_at'),
  },
  (t) => [primaryKey({ columns: [t.suggestionId, t.accountId] }), index('suggestion_endorsements_account_idx').on(t.accountId)],
);

/** Award tiers (一等奖 …) of a year or of one campaign, with how many may be given. */
export const suggestionAwardTiers = pgTable(
  'suggestion_award_tiers',
  {
    ...entityColumns,
    unitId: uuid('unit_id').notNull().references(() => units.id),
    name: text('name').notNull(),
    rank: smallint('rank').notNull(),
    year: smallint('year'),
    campaignId: uuid('campaign_id').references(() => suggestionCampaigns.id),
    quota: smallint('quota').notNull(),
    prize: text('prize'),
  },
  (t) => [index('suggestion_award_tiers_unit_idx').on(t.unitId)],
);

/** Nomination → the panel's decision → the award record. */
export const suggestionNominations = pgTable(
  'suggestion_nominations',
  {
    ...entityColumns,
    suggestionId: uuid('suggestion_id').notNull().references(() => suggestions.id),
    tierId: uuid('tier_id').notNull().references(() => suggestionAwardTiers.id),
    nominatedById: uuid('nominated_by_id').references(() => accounts.id),
    reason: text('reason').notNull(),
    status: nominationStatus('status').notNull().default('NOMINATED'),
    decidedById: uuid('decided_by_id').references(() => accounts.id),
    decidedOn: day('decided_on'),
    panelNote: text('panel_note'),
  },
  (t) => [uniqueIndex('suggestion_nominations_uq').on(t.suggestionId, t.tierId), index('suggestion_nominations_tier_idx').on(t.tierId)],
);

/** One row per (suggestion, due date, level) the sweep has announced: running it twice emits nothing new. */
export const suggestionDeadlineNotices = pgTable(
  'suggestion_deadline_notices',
  {
    suggestionId: uuid('suggestion_id').notNull().references(() => suggestions.id),
    dueOn: day('due_on').notNull(),
    level: noticeLevel('level').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.suggestionId, t.dueOn, t.level] })],
);

export type SuggestionRow = typeof suggestions.$inferSelect;
export type CampaignRow = typeof suggestionCampaigns.$inferSelect;
