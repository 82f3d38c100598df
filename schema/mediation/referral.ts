// 调解不成转信访事项: the mutation and the case's link back to the session it came from.
import { builder } from '../builder';
import { Case } from '../cases/case';
import { CaseKind } from '../cases/enums';
import { IdempotencyConflictError } from '../../db/errors';
import { referToCase } from '../../db/mediation/referral';
import { mediationErrors, mediationMutation } from './common';
import { MediationSessionRef } from './sessions';

builder.drizzleObjectField(Case, 'originMediationSession', (t) =>
  t.relation('originMediationSession', { type: MediationSessionRef, nullable: true, description: '由哪次调解不成转来。The failed mediation this case came from.' }),
);

const ReferralPayload = builder.objectRef<{ sessionId: string; caseId: string; replayed: boolean }>('MediationReferralPayload').implement({
  description: '调解转为信访事项的结果。A failed mediation and the case it became.',
  fields: (t) => ({
    session: t.drizzleField({
      type: MediationSessionRef,
      description: '调解。The session.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.mediationSessions.findFirst(query({ where: { id: payload.sessionId } })))!,
    }),
    case: t.drizzleField({
      type: Case,
      nullable: true,
      description: '转为的信访事项（你无权查看时为空）。The case it became (null when you may not read it).',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.cases.findFirst(query({ where: { id: payload.caseId } }))) ?? null,
    }),
    replayed: t.exposeBoolean('replayed', { description: '此前已转为该事项，本次未再写入。Already referred: nothing written this time.' }),
  }),
});

mediationMutation(
  'referMediationToCase',
  '调解不成的矛盾纠纷转为信访事项（以申请人为信访人；重复提交返回同一事项） Register a case from a failed mediation (the applicants petition; a retry returns the same case).',
  (t) => ({
    sessionId: t.globalID({ required: true, description: '调解（须为未达成协议）。The NO_AGREEMENT session.' }),
    expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
    kind: t.field({ type: CaseKind, description: '事项类别，默认申诉求决类。Case kind (default APPEAL_REQUEST).' }),
    category: t.string({ description: '类别，默认为纠纷类别。Category (default: the kind of dispute).' }),
    note: t.string({ description: '转办说明。Note for the handling unit.' }),
  }),
  ReferralPayload,
  async (session, input) => {
    const r = await referToCase(session, input);
    return { sessionId: r.session.id, caseId: r.caseId, replayed: r.replayed };
  },
  [...mediationErrors, IdempotencyConflictError],
);
