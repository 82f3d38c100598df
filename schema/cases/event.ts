import type { CaseEventType } from '../../db/cases/vocabulary';
import type { CaseStatus } from '../../db/cases/lifecycle';
import { encodeCursor } from '../../db/events/cursor';
import { maskPersonalDataDeep } from '../../db/petitioners/free-text';
import { builder } from '../builder';
import { historyConnectionType } from '../events/history-connection';
import { payloadWithGlobalIds } from '../common/global-ids';
import { CaseEventTypeEnum, CaseStatusEnum } from './enums';
import { MASKED_EN, redacted } from './masking';

export const CaseEvent = builder.drizzleObject('events', {
  name: 'CaseEvent',
  description: '事项历史中的一条记录（只增不改）。One entry of a case’s append-only history.',
  // payload (jsonb) and tx_id stay in the database unless asked for. The small columns are always read and their
  // fields resolve without a select of their own: plugin-drizzle wraps a field with a select in its loader-mapping
  // check, which ran for every field of every event (issue 11).
  select: { columns: { id: true, orderXid: true, sequence: true, type: true, fromStatus: true, toStatus: true, occurredAt: true, recordedAt: true } },
  fields: (t) => ({
    sequence: t.int({ description: '事项内序号，从 1 起连续。Gap-free sequence within the case.', resolve: (e) => e.sequence }),
    cursor: t.string({
      description: '全局事件游标：交给订阅 events/caseUpdated 的 after 或 webhook 重放即从此处之后续传。Global event cursor: pass it as `after` to resume a subscription or a webhook replay.',
      resolve: (event) => encodeCursor({ orderXid: event.orderXid, id: event.id }),
    }),
    type: t.field({ type: CaseEventTypeEnum, description: '事件类型。Event type.', resolve: (e) => e.type as CaseEventType }),
    fromStatus: t.field({ type: CaseStatusEnum, nullable: true, description: '变更前状态。Status before.', resolve: (e) => e.fromStatus as CaseStatus | null }),
    toStatus: t.field({ type: CaseStatusEnum, nullable: true, description: '变更后状态。Status after.', resolve: (e) => e.toStatus as CaseStatus | null }),
    occurredAt: t.field({ type: 'DateTime', description: '发生时间（线下办理可补录）。When it happened.', resolve: (e) => e.occurredAt }),
    recordedAt: t.field({ type: 'DateTime', description: '记录时间。When it was recorded.', resolve: (e) => e.recordedAt }),
    actor: t.relation('actor', {
      nullable: true,
      description: '操作账号；系统操作为 null；信访人看不到工作人员账号。Who did it; null for the system and hidden from petitioners.',
      authScopes: { unitMember: true },
      unauthorizedError: redacted,
      unauthorizedResolver: () => null,
    }),
    payload: t.field({
      type: 'JSON',
      description:
        '事件内容（JSON 对象）；单位、事项、账号、信访人以全局 ID 给出（如 toUnitId），与 node(id) 及各输入一致；文字中的身份证号、手机号脱敏显示。' +
        ' Event details, a JSON object; units, cases, accounts and petitioners appear as global ids (e.g. toUnitId), as node(id) and every input take them.' + MASKED_EN,
      select: { columns: { payload: true } },
      resolve: (event) => maskPersonalDataDeep(payloadWithGlobalIds(event.payload)),
    }),
  }),
});

export const CaseEventsConnection = historyConnectionType('CaseEventsConnection', CaseEvent);
