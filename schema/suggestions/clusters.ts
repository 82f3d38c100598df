import { builder } from '../builder';
import { SuggestionActionEnum, SuggestionCampaign, SuggestionStatusEnum } from './types';
import { actionErrors, DecisionResult } from './mutations';
import * as clusters from '../../db/suggestions/cluster-service';
import { clusterAllowedActions, clusterStatus } from '../../db/suggestions/clusters';
import type { Context } from '../context';

const staffOver = (ctx: Context, unitPath: string) =>
  !!ctx.unitPath && unitPath.startsWith(ctx.unitPath) && !!ctx.actor?.roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN');

export const SuggestionCluster = builder.drizzleNode('suggestionClusters', {
  name: 'SuggestionCluster',
  description: '并案组：同一征集活动、同一类别的相似建议一并评估、一并决定（并案办理），每位建议人各自得到答复（分别答复），附议数各归各的建议。A cluster of similar suggestions handled once, answered one by one.',
  id: { column: (c) => c.id },
  authScopes: (row, ctx) => staffOver(ctx, row.unitPath),
  select: { columns: { id: true, unitPath: true } },
  fields: (t) => ({
    title: t.exposeString('title', { description: '名称。Title.' }),
    category: t.exposeString('category', { description: '类别。Category.' }),
    version: t.exposeInt('version', { description: '版本号，并案操作时作为 expectedVersion 传入。Version.' }),
    answer: t.exposeString('answer', { nullable: true, description: '并案答复（各建议另有各自的答复）。The cluster’s common answer.' }),
    campaign: t.relation('campaign', { type: SuggestionCampaign, nullable: true, description: '征集活动；日常征集为空。Campaign.' }),
    members: t.relation('members', { description: '组内建议（各自的状态、附议数与答复）。Members, each with its own status, endorsements and answer.', query: { orderBy: { receivedOn: 'asc', number: 'asc' } } }),
    status: t.field({
      type: SuggestionStatusEnum,
      nullable: true,
      description: '组内（未撤回的）建议共同所处的状态；不一致时为空。The status every handled member is in.',
      select: { with: { members: { columns: { status: true } } } },
      resolve: (row) => clusterStatus(row.members),
    }),
    allowedActions: t.field({
      type: [SuggestionActionEnum],
      description: '你此刻可对整组执行的操作。Actions you may take on the whole cluster now.',
      select: { with: { members: { columns: { status: true } } } },
      resolve: (row, _args, ctx) => (ctx.actor && staffOver(ctx, row.unitPath) ? clusterAllowedActions(row.members, ctx.actor.roles) : []),
    }),
  }),
});

const MemberVersionInput = builder.inputType('SuggestionClusterMemberInput', {
  description: '组内建议及读取时的版本。A suggestion and the version you read.',
  fields: (t) => ({
    suggestionId: t.globalID({ required: true, description: '建议。The suggestion.' }),
    expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
  }),
});

const ReplyInput = builder.inputType('SuggestionClusterReplyInput', {
  description: '分别答复：给某条建议的建议人的答复。One member’s own answer.',
  fields: (t) => ({
    suggestionId: t.globalID({ required: true, description: '组内建议。The member.' }),
    answer: t.string({ required: true, description: '答复。Answer.' }),
  }),
});

const ClusterPayload = builder.objectRef<{ clusterId: string }>('SuggestionClusterPayload').implement({
  description: '操作后的并案组。The cluster after the action.',
  fields: (t) => ({
    cluster: t.drizzleField({
      type: SuggestionCluster,
      description: '并案组。The cluster.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.suggestionClusters.findFirst(query({ where: { id: payload.clusterId } })))!,
    }),
  }),
});

type FieldBuilder = PothosSchemaTypes.InputFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, 'InputObject'>;
const member = (m: { suggestionId: { id: string }; expectedVersion: number }) => ({ suggestionId: m.suggestionId.id, expectedVersion: m.expectedVersion });

/** A mutation on a cluster: the cluster, its expected version, the action's own fields. */
function clusterMutation(name: string, description: string, extra: (t: FieldBuilder) => Record<string, any>, run: (ctx: Context, input: any) => Promise<{ clusterId: string }>) {
  const Input = builder.inputType(`${name[0].toUpperCase()}${name.slice(1)}Input`, {
    description: `${description.split('。')[0]}的输入。Input of ${name}.`,
    fields: (t) => ({
      clusterId: t.globalID({ required: true, description: '并案组。The cluster.' }),
      expectedVersion: t.int({ required: true, description: '读取时并案组的 version。The cluster’s version you read.' }),
      occurredAt: t.field({ type: 'DateTime', description: '实际发生时间（补录），不得晚于现在。When it happened.' }),
      ...extra(t as unknown as FieldBuilder),
    }),
  });
  builder.mutationField(name, (t) =>
    t.field({
      type: ClusterPayload,
      description,
      authScopes: { authenticated: true },
      errors: { types: actionErrors },
      args: { input: t.arg({ type: Input, required: true, description: '操作内容。The action.' }) },
      resolve: async (_root, { input }, ctx) => run(ctx, { ...input, clusterId: (input as { clusterId: { id: string } }).clusterId.id }),
    }),
  );
}

builder.mutationField('createSuggestionCluster', (t) =>
  t.field({
    type: ClusterPayload,
    description: '并案：把同一征集活动、同一类别、处于同一环节的相似建议组成并案组（每条建议的历史各记一笔）。Link similar suggestions into a cluster.',
    authScopes: { authenticated: true },
    errors: { types: actionErrors },
    args: {
      input: t.arg({
        type: builder.inputType('CreateSuggestionClusterInput', {
          description: '新建并案组。A new cluster.',
          fields: (f) => ({
            title: f.string({ required: true, description: '名称。Title.' }),
            members: f.field({ type: [MemberVersionInput], required: true, description: '至少两条建议。At least two suggestions.' }),
          }),
        }),
        required: true,
        description: '并案组。The cluster.',
      }),
    },
    resolve: (_root, { input }, ctx) => clusters.createCluster(ctx, { title: input.title, members: input.members.map(member) }),
  }),
);

clusterMutation('addSuggestionToCluster', '加入并案组（须与组内建议同一环节）。Add a suggestion at the same step as the members.', (t) => ({
  member: t.field({ type: MemberVersionInput, required: true, description: '加入的建议。The suggestion.' }),
}), (ctx, input) => clusters.addToCluster(ctx, { ...input, member: member(input.member) }));

clusterMutation('removeSuggestionFromCluster', '移出并案组（如需单独不予采纳办理、转交或转为信访事项）。Take a suggestion out of the cluster.', (t) => ({
  member: t.field({ type: MemberVersionInput, required: true, description: '移出的建议。The suggestion.' }),
  note: t.string({ description: '说明。Note.' }),
}), (ctx, input) => clusters.removeFromCluster(ctx, { ...input, member: member(input.member) }));

clusterMutation('startSuggestionClusterAssessment', '并案评估：一次抽取评估人，组内每条建议共用。Start one assessment for the whole cluster.', (t) => ({
  assessors: t.int({ description: '抽取人数，默认 2。How many assessors.' }),
}), clusters.startClusterAssessment);

clusterMutation('recordSuggestionClusterAssessment', '评估人对并案组评分一次，记入组内每条建议。A drawn assessor scores the cluster once.', (t) => ({
  valueScore: t.int({ required: true, description: '价值评分 1–5。Value.' }),
  feasibilityScore: t.int({ required: true, description: '可行性评分 1–5。Feasibility.' }),
  notes: t.string({ description: '内部意见（不公开）。Internal notes.' }),
}), clusters.recordClusterAssessment);

clusterMutation('completeSuggestionClusterAssessment', '完成并案评估。Complete the cluster’s assessment.', () => ({}), clusters.completeClusterAssessment);

clusterMutation('decideSuggestionCluster', '并案决定（单位领导）：一个决定适用于组内每条建议，每位建议人各自得到答复（可逐条给出分别答复）。One decision for the whole cluster, each submitter answered separately.', (t) => ({
  result: t.field({ type: DecisionResult, required: true, description: '决定。Result.' }),
  answer: t.string({ required: true, description: '并案答复（未单独答复的建议使用）。The common answer.' }),
  publish: t.boolean({ required: true, description: '是否立即告知建议人并公开。Release now.' }),
  replies: t.field({ type: [ReplyInput], description: '分别答复。Answers to individual members.' }),
}), (ctx, input) =>
  clusters.decideCluster(ctx, { ...input, replies: (input.replies ?? []).map((r: { suggestionId: { id: string }; answer: string }) => ({ suggestionId: r.suggestionId.id, answer: r.answer })) }),
);
