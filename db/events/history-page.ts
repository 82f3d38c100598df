import { InputError } from '../errors';

/**
 * One page of a stream's history (an object's events, by their gap-free `sequence`), as a Relay connection pages it:
 * `first`/`after` forward, `last`/`before` backward, in the order the field lists the history in. Plain TypeScript:
 * the schema turns the plan into the relational query's `limit`/`where` and the rows back into a connection.
 */
export type HistoryOrder = 'asc' | 'desc';

export interface HistoryPageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface HistoryPagePlan {
  /** Rows to read: the page plus one, which tells whether there is more. */
  limit: number;
  /** The order to read in: the field's own, reversed for a backward page (its rows are turned round again). */
  direction: HistoryOrder;
  /** `last` without `first`: a page from the end. */
  backward: boolean;
  /** Only events with a sequence strictly between these (each bound optional). */
  sequenceAbove?: number;
  sequenceBelow?: number;
}

export interface HistoryEdge<Event> {
  readonly node: Event;
  readonly cursor: string;
}

export interface HistoryPage<Event> {
  edges: HistoryEdge<Event>[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount?: number;
}

// The cursor plugin-drizzle wrote for a connection ordered by sequence ("DC:N:<sequence>", base64), kept so that
// cursors clients already hold go on working.
const CURSOR_PREFIX = 'DC:N:';

export function historyCursor(sequence: number): string {
  return Buffer.from(CURSOR_PREFIX + sequence).toString('base64');
}

function sequenceOfCursor(cursor: string, argument: 'after' | 'before'): number {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const sequence = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : Number.NaN;
  if (!Number.isSafeInteger(sequence) || sequence < 0 || historyCursor(sequence) !== cursor) {
    throw InputError.forField(argument, '分页游标无效，请使用列表返回的游标');
  }
  return sequence;
}

/** What to read for a page; the client's mistakes (both sizes, a foreign cursor) are refused as input/invalid. */
export function planHistoryPage(args: HistoryPageArgs, order: HistoryOrder, defaultSize: number, maxSize: number): HistoryPagePlan {
  const { first, last, after, before } = args;
  if (first != null && last != null) throw InputError.forField('last', '不能同时给出 first 与 last');
  const size = first ?? last ?? defaultSize;
  if (size < 0) throw InputError.forField(first != null ? 'first' : 'last', '每页条数不能为负');
  const backward = first == null && last != null;
  const plan: HistoryPagePlan = { limit: Math.min(size, maxSize) + 1, direction: backward ? (order === 'asc' ? 'desc' : 'asc') : order, backward };
  // `after` is later in the field's order, `before` earlier: in a newest-first history, after means older.
  for (const [argument, cursor] of [['after', after], ['before', before]] as const) {
    if (cursor == null) continue;
    const sequence = sequenceOfCursor(cursor, argument);
    const older = (argument === 'after') === (order === 'desc');
    if (older) plan.sequenceBelow = Math.min(plan.sequenceBelow ?? sequence, sequence);
    else plan.sequenceAbove = Math.max(plan.sequenceAbove ?? sequence, sequence);
  }
  return plan;
}

/** An edge's cursor is written only when asked for: a list of cases reads five events each and rarely their cursors. */
class Edge<Event extends { sequence: number }> implements HistoryEdge<Event> {
  constructor(readonly node: Event) {}
  get cursor(): string {
    return historyCursor(this.node.sequence);
  }
}

/** The rows read with a plan, as the page: the extra row dropped, a backward page turned into the field's order. */
export function historyPage<Event extends { sequence: number }>(rows: Event[], args: HistoryPageArgs, plan: HistoryPagePlan, totalCount?: number): HistoryPage<Event> {
  const { backward } = plan;
  const full = rows.length === plan.limit;
  // A copy whenever it is turned round: the rows stay as read on the parent row.
  const kept = full ? rows.slice(0, -1) : backward ? rows.slice() : rows;
  if (backward) kept.reverse();
  const edges = kept.map((row) => new Edge(row));
  return {
    edges,
    pageInfo: {
      hasNextPage: args.before != null ? true : backward ? false : full,
      hasPreviousPage: args.after != null ? true : backward ? full : false,
      startCursor: edges.length ? edges[0].cursor : null,
      endCursor: edges.length ? edges[edges.length - 1].cursor : null,
    },
    totalCount,
  };
}
