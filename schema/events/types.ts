import { eventStreams } from '../../db/schema';
import { decodeCursor, type Position } from '../../db/events/cursor';
import type { FeedEvent } from '../../db/events/feed';
import type { StreamType } from '../../db/events/access';
import { builder } from '../builder';
import { InputError } from '../../db/errors';

export const StreamTypeEnum = builder.enumType('StreamType', {
  description: '事件流类型（每类对象一条历史流）。Kind of stream an event belongs to.',
  values: {
    CASE: { description: '信访事项。Petition case.' },
    MEDIATION_SESSION: { description: '调解（评理）场次。Mediation session.' },
    SUGGESTION: { description: '人民建议。Citizen suggestion.' },
    MEDIATOR: { description: '调解员名册记录。A mediator’s roster record.' },
    MEDIATION_ROOM: { description: '调解室。A mediation room.' },
    RECEPTION_SCHEDULE: { description: '领导接访日安排。A leader’s reception schedule.' },
    APPOINTMENT: { description: '约访预约。An appointment with a receiving leader.' },
    RECEPTION: { description: '一次接访（含排队）。One reception held (or waiting in the queue).' },
    VISIT: { description: '走访/带案下访。A home visit or a leader’s visit with cases.' },
    SUGGESTION_CAMPAIGN: { description: '人民建议征集活动。A suggestion campaign.' },
    ACCOUNT: { description: '账号（管理员的修改；不推送给对接系统）。An account: administrators’ changes, never delivered to integrators.' },
  } satisfies Record<(typeof eventStreams)[number], { description: string }>,
});

/**
 * One event of any stream, as subscriptions deliver it. A plain object over the row the feed already read: a
 * drizzle object here would re-select every delivered row (one query per event).
 */
export const StreamEvent = builder.objectRef<FeedEvent>('StreamEvent').implement({
  description: '任一事件流中的一条事件（订阅推送）。One event of any stream, as delivered to integrators.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: '全局游标：断线后以 after 传回即从其后续传。Global cursor: pass it back as `after` to resume after this event.' }),
    streamType: t.field({ type: StreamTypeEnum, description: '事件流类型。Stream type.', resolve: (e) => e.streamType }),
    streamId: t.exposeID('streamId', { description: '事件流（对象）的数据库 ID。Database id of the stream’s object.' }),
    sequence: t.exposeInt('sequence', { description: '流内序号，从 1 起连续，用于排序与去重。Gap-free sequence within the stream (order and de-duplicate by it).' }),
    type: t.exposeString('type', { description: '事件类型，例如 case.registered。Event type.' }),
    fromStatus: t.exposeString('fromStatus', { nullable: true, description: '变更前状态。Status before.' }),
    toStatus: t.exposeString('toStatus', { nullable: true, description: '变更后状态。Status after.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '发生时间。When it happened.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间。When it was recorded.' }),
    payload: t.expose('payload', { type: 'JSON', description: '事件内容（与查询所见相同）。Event details, as queries show them.' }),
  }),
});

export const EventFilterInput = builder.inputType('EventFilter', {
  description: '事件订阅筛选（均可选，同时给出时取交集）。Event filter; all optional, combined with AND.',
  fields: (t) => ({
    unitId: t.globalID({ description: '只要此单位及其下级的对象。Only streams in this unit’s subtree.' }),
    streamTypes: t.field({ type: [StreamTypeEnum], description: '事件流类型之一。Any of these stream types.' }),
    types: t.stringList({ description: '事件类型之一，例如 case.registered。Any of these event types.' }),
    caseId: t.globalID({ description: '只要这一件事项。Only this case.' }),
  }),
});

/** The position after which to deliver: the client's cursor, refused with input/invalid when it is not one. */
export function positionOf(cursor: string, field = 'after'): Position {
  const position = decodeCursor(cursor);
  if (!position) throw InputError.forField(field, '游标格式不正确（应为事件的 cursor 字段值）');
  return position;
}

export type { StreamType };
