import { maskText } from '../../db/petitioners/free-text';
import { builder } from '../builder';
import { HearingStatus } from './enums';
import { MASKED, MASKED_EN, VIA_READABLE_CASE } from './masking';

/** A Node as Supervision is (recordHearing takes its global id). */
export const HearingRef = builder.drizzleNode('hearings', {
  name: 'Hearing',
  description: '听证，其时间暂停期限计算；按全局 ID 读取时须可查看其事项。A hearing; its time pauses the running clock. By global id, whoever may read its case.',
  id: { column: (h) => h.id },
  authScopes: (row) => ({ $any: { $granted: VIA_READABLE_CASE, caseVisible: row.caseId } }),
  runScopesOnType: true,
  fields: (t) => ({
    scheduledOn: t.expose('scheduledOn', { type: 'Date', description: '安排日期。Scheduled for.' }),
    heldOn: t.expose('heldOn', { type: 'Date', nullable: true, description: '举行日期。Held on.' }),
    location: t.exposeString('location', { description: '地点。Location.' }),
    status: t.expose('status', { type: HearingStatus, description: '状态。Status.' }),
    summary: t.string({ nullable: true, description: `听证情况${MASKED}。Summary.${MASKED_EN}`, select: { columns: { summary: true } }, resolve: (row) => maskText(row.summary) }),
  }),
});
