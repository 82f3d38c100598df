import { encodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../builder';
import { Case } from './case';
import { caseMutationErrors } from './action-mutations';
import { maxLength } from '../input-limits';
import { REVEAL_REASON_MAX, revealCaseText, type RevealedCaseText } from '../../db/cases/reveal';
import type { PersonalDataKind } from '../../db/petitioners/free-text';

const PersonalDataKindEnum = builder.enumType('PersonalDataKind', {
  description: '文字中识别出的个人信息种类。Kind of personal data found in free text.',
  values: {
    IDENTITY_NUMBER: { description: '身份证号（18 位带校验位，或 15 位）。Resident identity number (18 with check character, or 15).' },
    MOBILE: { description: '手机号。Mainland mobile number.' },
  } satisfies Record<PersonalDataKind, { description: string }>,
});

const RevealedIdentity = builder.objectRef<RevealedCaseText['identities'][number]>('RevealedIdentity').implement({
  description: '原文中的一项个人信息（历史中按此脱敏形式记录）。One piece of personal data in the text, as the history records it (masked).',
  fields: (t) => ({
    kind: t.field({ type: PersonalDataKindEnum, description: '种类。Kind.', resolve: (i) => i.kind }),
    masked: t.exposeString('masked', { description: '脱敏形式。Masked form.' }),
  }),
});

const RevealedSupervision = builder.objectRef<RevealedCaseText['supervisions'][number]>('RevealedSupervisionText').implement({
  description: '督办单原文。A supervision order’s whole text.',
  fields: (t) => ({
    id: t.id({ description: '督办单的全局 ID（同 Supervision.id）。The order’s global id, as Supervision.id.', resolve: (o) => encodeGlobalID('Supervision', o.id) }),
    instructions: t.exposeString('instructions', { description: '督办要求原文。Instructions, whole.' }),
    answer: t.exposeString('answer', { nullable: true, description: '回复原文。Answer, whole.' }),
  }),
});

const RevealedFollowUp = builder.objectRef<RevealedCaseText['followUps'][number]>('RevealedFollowUpText').implement({
  description: '回访记录原文。A follow-up’s whole notes.',
  fields: (t) => ({
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '回访时间。When.' }),
    notes: t.exposeString('notes', { description: '记录原文。Notes, whole.' }),
  }),
});

const RevealedHearing = builder.objectRef<RevealedCaseText['hearings'][number]>('RevealedHearingText').implement({
  description: '听证情况原文。A hearing’s whole summary.',
  fields: (t) => ({
    id: t.id({ description: '听证的全局 ID（同 Hearing.id）。The hearing’s global id, as Hearing.id.', resolve: (h) => encodeGlobalID('Hearing', h.id) }),
    summary: t.exposeString('summary', { nullable: true, description: '听证情况原文。Summary, whole.' }),
  }),
});

const RevealedCaseTextRef = builder.objectRef<RevealedCaseText>('RevealedCaseText').implement({
  description:
    '事项文字原文（身份证号、手机号不脱敏），本次查看已记入事项历史（TEXT_REVEALED）。' +
    ' A case’s free text whole (identity and mobile numbers unmasked); this reveal is recorded in its history (TEXT_REVEALED).',
  fields: (t) => ({
    title: t.exposeString('title', { description: '标题原文。Title, whole.' }),
    content: t.exposeString('content', { description: '诉求内容原文。Content, whole.' }),
    decisionSummary: t.exposeString('decisionSummary', { nullable: true, description: '处理意见原文。Written decision, whole.' }),
    extensionReason: t.exposeString('extensionReason', { nullable: true, description: '延期理由原文。Extension reason, whole.' }),
    accusedPerson: t.exposeString('accusedPerson', { nullable: true, description: '被检举控告人原文。Accused person, whole.' }),
    supervisions: t.field({ type: [RevealedSupervision], description: '督办单原文。Supervision orders, whole.', resolve: (r) => r.supervisions }),
    followUps: t.field({ type: [RevealedFollowUp], description: '回访记录原文。Follow-ups, whole.', resolve: (r) => r.followUps }),
    hearings: t.field({ type: [RevealedHearing], description: '听证情况原文。Hearings, whole.', resolve: (r) => r.hearings }),
    identities: t.field({ type: [RevealedIdentity], description: '原文中识别出的个人信息（脱敏形式）。Personal data found in it (masked).', resolve: (r) => r.identities }),
  }),
});

builder.objectField(RevealedCaseTextRef, 'case', (t) =>
  t.drizzleField({
    type: Case,
    description: '该事项（其文字仍脱敏显示）。The case (its text still masked there).',
    resolve: async (query, revealed, _args, ctx) => (await ctx.db.query.cases.findFirst(query({ where: { id: revealed.caseId } })))!,
  }),
);

const RevealCaseTextInput = builder.inputType('RevealCaseTextInput', {
  description: '查看事项原文的请求。A request to see a case’s free text whole.',
  fields: (t) => ({
    caseId: t.globalID({ for: [Case], required: true, description: '事项。The case.' }),
    reason: t.string({
      required: true,
      description: `查看理由（2–${REVEAL_REASON_MAX} 字），记入事项历史。Why (2–${REVEAL_REASON_MAX} characters); recorded in the history.`,
      ...maxLength(REVEAL_REASON_MAX),
    }),
  }),
});

builder.mutationFields((t) => ({
  revealCaseText: t.field({
    type: RevealedCaseTextRef,
    description:
      '查看事项文字原文（身份证号、手机号不脱敏）：仅责任单位本级的工作人员和领导，须写明理由；谁、何时、为何、涉及谁的个人信息，在同一事务中记入事项历史（TEXT_REVEALED）。' +
      ' See a case’s free text whole: only the handling unit’s own staff and leaders, with a reason; who, when, why and whose data is recorded in the history in the same transaction (TEXT_REVEALED).',
    authScopes: { unitMember: true },
    errors: { types: caseMutationErrors },
    args: { input: t.arg({ type: RevealCaseTextInput, required: true, description: '事项与理由。The case and the reason.' }) },
    resolve: (_root, { input }, ctx) => revealCaseText(ctx, { caseId: input.caseId.id, reason: input.reason }),
  }),
}));
