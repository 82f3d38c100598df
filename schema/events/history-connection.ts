import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { ObjectRef } from '@pothos/core';
import { historyPage, planHistoryPage, type HistoryOrder, type HistoryPage, type HistoryPageArgs } from '../../db/events/history-page';
import { historyCount } from '../../db/events/history-count';
import type { StreamType } from '../../db/events/access';
import { relations } from '../../db/relations';
import { builder } from '../builder';
import { MAX_PAGE_SIZE } from '../page-limits';

/**
 * An object's history as a Relay connection, read in the object's own statement (a lateral subquery beside its row):
 * the same query, arguments, cursors and refusals as plugin-drizzle's `t.relatedConnection`, without its work per
 * parent row — it re-planned the page (arguments, order, keyset) and wrote every edge's cursor for every case of a
 * list, the largest cost per row of the case list (issue 11, bench/repro). Here the page is planned once per field
 * selection and a cursor is written only when asked for.
 */
const DEFAULT_PAGE_SIZE = 20;

type Event = { sequence: number };
type Row = Record<string, unknown>;

/** The connection type of a history: CaseEventsConnection and its edge, named as the plugin named them. */
export function historyConnectionType(name: string, node: ObjectRef<any, any>): ObjectRef<any, HistoryPage<Event>> {
  const connection = builder.connectionObject(
    {
      name,
      type: node,
      fields: (t) => ({ totalCount: t.int({ resolve: (page) => (page as unknown as HistoryPage<Event>).totalCount! }) }),
    },
    { name: `${name}Edge` },
  );
  return connection as unknown as ObjectRef<any, HistoryPage<Event>>;
}

const needed = new WeakMap<object, { rows: boolean; count: boolean }>();

/** What a selection of the connection needs: its rows (anything but the total), its total. Once per document. */
function needs(info: GraphQLResolveInfo) {
  const known = needed.get(info.fieldNodes[0]);
  if (known) return known;
  let rows = false;
  let count = false;
  const walk = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'totalCount') count = true;
        else if (selection.name.value !== '__typename') rows = true;
      } else walk(selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  const result = { rows, count };
  needed.set(info.fieldNodes[0], result);
  return result;
}

interface HistoryFieldOptions {
  /** The order the history is listed in; after/before follow it. */
  order: HistoryOrder;
  node: { name: string };
  connection: ObjectRef<any, HistoryPage<Event>>;
  description: string;
}

/**
 * The field options for `t.field` on a drizzle object. The selection hook is the one `t.relatedConnection` itself
 * declares (`pothosDrizzleSelect`, given the names selected on the connection); the plugin's wrapper then checks per
 * row that the parent was loaded by the plan and otherwise loads it (a row a mutation returned, a second alias with
 * other arguments), as for every relation.
 */
export function historyField(table: keyof typeof relations, { order, node, connection, description }: HistoryFieldOptions) {
  // Every stream's relation is `events`, filtered to its stream type (db/relations.ts): the type is read from there.
  const relation = 'events';
  const streamType = (relations[table].relations as Record<string, { where?: { streamType?: StreamType } }>)[relation]?.where?.streamType;
  if (!streamType) throw new Error(`${String(table)} has no events relation filtered by stream type`);
  const countKey = `_${relation}_count`;
  const plan = (args: HistoryPageArgs) => planHistoryPage(args, order, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const include = { getType: () => node.name, paths: [[{ name: 'nodes' }], [{ name: 'edges' }, { name: 'node' }]] };
  return {
    type: connection,
    description,
    args: builder.args((t) => t.connectionArgs()),
    extensions: {
      pothosDrizzleSelect: (args: HistoryPageArgs, _ctx: unknown, nested: (query: unknown, include: unknown) => unknown, selected: () => Set<string>) => {
        const names = selected();
        const extras = names.has('totalCount') ? { [countKey]: historyCount(streamType) } : {};
        if (![...names].some((name) => name !== 'totalCount' && name !== '__typename')) return { columns: {}, extras };
        const { limit, direction, sequenceAbove, sequenceBelow } = plan(args);
        const sequence = { ...(sequenceAbove !== undefined && { gt: sequenceAbove }), ...(sequenceBelow !== undefined && { lt: sequenceBelow }) };
        const page = { columns: { sequence: true }, orderBy: { sequence: direction }, limit, ...(Object.keys(sequence).length && { where: { sequence } }) };
        return { columns: {}, with: { [relation]: nested(page, include) }, extras };
      },
      pothosDrizzleLoaded: (row: Row, info: GraphQLResolveInfo) => {
        const needed = needs(info);
        return (!needed.rows || row[relation] !== undefined) && (!needed.count || row[countKey] !== undefined);
      },
    },
    resolve: (row: Row, args: HistoryPageArgs) => historyPage((row[relation] as Event[] | undefined) ?? [], args, plan(args), row[countKey] as number | undefined),
  };
}
