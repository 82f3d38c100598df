import { eq } from 'drizzle-orm';
import { cases } from '../../db/schema';
import { canReadCase } from '../../db/cases/visibility';
import { currentPosition, type EventFilter, type FeedEvent } from '../../db/events/feed';
import { followEvents } from '../../db/events/follow';
import { EventWaker } from '../../db/events/waker';
import type { Position } from '../../db/events/cursor';
import { builder } from '../builder';
import type { Context } from '../context';
import { NotFoundError } from '../../db/errors';
import { viewerOf } from '../../db/cases/service';
import { unitPathOf } from '../../db/units/service';
import { EventFilterInput, StreamEvent, positionOf } from './types';

// People subscribe by their roles; an API key only with the EVENTS_SUBSCRIBE scope (each event is still filtered by visibility).
builder.subscriptionType({ description: '订阅（GraphQL over SSE）。Subscriptions, served over Server-Sent Events.', authScopes: { apiKeyScope: 'EVENTS_SUBSCRIBE' } });

const fallbackWaker = new EventWaker();

/**
 * Replay after `after` (or from now), then live; ends when the client goes away. The iterator's `return()` aborts
 * the wait at once, so a closed stream leaves no reader behind.
 */
function subscribe(ctx: Context, filter: EventFilter, after: Position): AsyncIterableIterator<FeedEvent> {
  const abort = new AbortController();
  const onClientGone = () => abort.abort();
  ctx.signal?.addEventListener('abort', onClientGone, { once: true });
  const events = followEvents(ctx.db, {
    viewer: viewerOf(ctx),
    filter,
    after,
    waker: ctx.delivery?.waker ?? fallbackWaker,
    catchUpMs: ctx.delivery?.catchUpMs ?? 2000,
    signal: abort.signal,
  });
  const stop = () => {
    abort.abort();
    ctx.signal?.removeEventListener('abort', onClientGone);
  };
  return {
    next: () => events.next(),
    return: async (value?: unknown) => {
      stop();
      return events.return(value as undefined);
    },
    throw: async (error?: unknown) => {
      stop();
      return events.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function startOf(ctx: Context, after: string | null | undefined): Promise<Position> {
  return after ? positionOf(after) : currentPosition(ctx.db);
}

builder.subscriptionField('events', (t) =>
  t.field({
    type: StreamEvent,
    description:
      '事件流：先补发 after 之后的全部事件，再实时推送；每条事件按与查询相同的权限逐条判定（检举控告不向被检举单位推送）。Replays every event after the cursor, then streams live ones; each event is authorised as queries are.',
    authScopes: { authenticated: true },
    args: {
      filter: t.arg({ type: EventFilterInput, description: '筛选。Filter.' }),
      after: t.arg.string({ description: '从此游标之后开始；省略则只推送此后的新事件。Resume after this cursor; omitted: only new events.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const filter: EventFilter = {
        streamTypes: args.filter?.streamTypes ?? [],
        types: args.filter?.types ?? [],
        streamId: args.filter?.caseId?.id ?? null,
        unitPath: args.filter?.unitId ? await unitPathOf(ctx.db, args.filter.unitId.id) : null,
      };
      if (filter.streamId && filter.streamTypes?.length === 0) filter.streamTypes = ['CASE'];
      return subscribe(ctx, filter, await startOf(ctx, args.after));
    },
    resolve: (event) => event,
  }),
);

builder.subscriptionField('caseUpdated', (t) =>
  t.field({
    type: StreamEvent,
    description: '某一事项的新事件（after 给出时先补发其后的历史）。New events of one case; with `after`, its history after that cursor first.',
    authScopes: { authenticated: true },
    args: {
      id: t.arg.globalID({ required: true, description: '事项 ID。Case id.' }),
      after: t.arg.string({ description: '从此游标之后开始。Resume after this cursor.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const [row] = await ctx.db.select().from(cases).where(eq(cases.id, args.id.id));
      if (!row || !canReadCase(viewerOf(ctx), row)) throw new NotFoundError('case', '事项不存在或无权查看');
      return subscribe(ctx, { streamTypes: ['CASE'], streamId: row.id }, await startOf(ctx, args.after));
    },
    resolve: (event) => event,
  }),
);
