// Petitions and suggestions, both ways: convertCaseToSuggestion and the links between the two records.
import { builder } from '../builder';
import { Case } from '../cases/case';
import { caseMutationErrors } from '../cases/action-mutations';
import { SuggestionRuleError } from '../../db/suggestions/errors';
import { convertCaseToSuggestion } from '../../db/suggestions/from-case';
import { Suggestion } from './types';

builder.drizzleObjectField(Case, 'continuedAsSuggestion', (t) =>
  t.relation('continuedAsSuggestion', { type: Suggestion, nullable: true, description: '本事项转入人民建议征集后的建议。The suggestion this case continues as.' }),
);
builder.drizzleObjectField(Case, 'originSuggestion', (t) =>
  t.relation('originSuggestion', { type: Suggestion, nullable: true, description: '由哪条建议转为本事项（个人诉求）。The suggestion this case came from.' }),
);
builder.drizzleObjectField(Suggestion, 'sourceCase', (t) =>
  t.relation('sourceCase', { type: Case, nullable: true, description: '由哪件信访事项转来（你无权查看时为空）。The petition it came from.' }),
);
builder.drizzleObjectField(Suggestion, 'resultingCase', (t) =>
  t.relation('resultingCase', { type: Case, nullable: true, description: '转为的信访事项（你无权查看时为空）。The petition it became.' }),
);

const ConversionPayload = builder.objectRef<{ caseId: string; suggestionId: string; replayed: boolean }>('CaseToSuggestionPayload').implement({
  description: '信访事项转入人民建议征集的结果。A case and the suggestion it continues as.',
  fields: (t) => ({
    case: t.drizzleField({
      type: Case,
      description: '信访事项（已办结归档）。The case, now closed.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } })))!,
    }),
    suggestion: t.drizzleField({
      type: Suggestion,
      description: '转成的建议。The suggestion.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.suggestions.findFirst(query({ where: { id: payload.suggestionId } })))!,
    }),
    replayed: t.exposeBoolean('replayed', { description: '此前已转入，本次未再写入。Already converted: nothing written this time.' }),
  }),
});

const ConvertInput = builder.inputType('ConvertCaseToSuggestionInput', {
  description: '建议意见类信访事项转入人民建议征集的输入。Input of convertCaseToSuggestion.',
  fields: (t) => ({
    caseId: t.globalID({ required: true, description: '事项（须为建议意见类）。The SUGGESTION-kind case.' }),
    expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
    occurredAt: t.field({ type: 'DateTime', description: '实际发生时间。When it happened.' }),
    campaignId: t.globalID({ description: '归入的征集活动（可空：日常征集）。Campaign, if any.' }),
    category: t.string({ description: '建议类别，默认沿用事项类别。Category (default: the case’s).' }),
    note: t.string({ description: '说明。Note.' }),
  }),
});

builder.mutationField('convertCaseToSuggestion', (t) =>
  t.field({
    type: ConversionPayload,
    description:
      '建议意见类信访事项转入人民建议征集：生成建议并互相关联，事项记录转办并办结归档；重复提交返回同一建议。Turn a SUGGESTION-kind case into a suggestion, linked both ways; the case is closed with an event saying so.',
    authScopes: { authenticated: true },
    errors: { types: [...caseMutationErrors, SuggestionRuleError] },
    args: { input: t.arg({ type: ConvertInput, required: true, description: '内容。Input.' }) },
    resolve: async (_root, { input }, ctx) => {
      const r = await convertCaseToSuggestion(ctx, {
        caseId: input.caseId.id,
        expectedVersion: input.expectedVersion,
        occurredAt: input.occurredAt ?? null,
        campaignId: input.campaignId?.id ?? null,
        category: input.category ?? null,
        note: input.note ?? null,
      });
      return { caseId: r.caseRow.id, suggestionId: r.suggestionId, replayed: r.replayed };
    },
  }),
);
