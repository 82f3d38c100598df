import { maskPersonalData, maskText } from '../../db/petitioners/free-text';
import { builder } from '../builder';
import { SupervisionStatus } from './enums';
import { MASKED, MASKED_EN, VIA_READABLE_CASE } from './masking';

/**
 * A Node (refetch by global id, answerSupervision takes it): reached through its case it is guarded by the case;
 * by node(id) the caller must be able to read the case.
 */
export const SupervisionRef = builder.drizzleNode('supervisions', {
  name: 'Supervision',
  description: '督办单；按全局 ID 读取时须可查看其事项。A supervision order from a higher unit; by global id, whoever may read its case.',
  id: { column: (s) => s.id },
  authScopes: (row) => ({ $any: { $granted: VIA_READABLE_CASE, caseVisible: row.caseId } }),
  runScopesOnType: true,
  // The short columns are read with every order; the instructions and the answer only when asked for (issue 11).
  // Plain resolvers, not t.expose: plugin-drizzle wraps an exposed column in its loader-mapping check on every row.
  select: { columns: { id: true, caseId: true, dueOn: true, status: true, answeredOn: true } },
  fields: (t) => ({
    instructions: t.string({ description: `督办要求${MASKED}。Instructions.${MASKED_EN}`, select: { columns: { instructions: true } }, resolve: (row) => maskPersonalData(row.instructions) }),
    dueOn: t.field({ type: 'Date', description: '回复期限。Due.', resolve: (row) => row.dueOn }),
    status: t.field({ type: SupervisionStatus, description: '状态。Status.', resolve: (row) => row.status }),
    answer: t.string({ nullable: true, description: `回复${MASKED}。Answer.${MASKED_EN}`, select: { columns: { answer: true } }, resolve: (row) => maskText(row.answer) }),
    answeredOn: t.field({ type: 'Date', nullable: true, description: '回复日期。Answered on.', resolve: (row) => row.answeredOn }),
    fromUnit: t.relation('fromUnit', { description: '督办单位。Issuing unit.' }),
  }),
});
