import { getNamedType, isInterfaceType, isObjectType, isUnionType, type GraphQLSchema } from 'graphql';
import { MAX_PAGE_SIZE, PAGE_RULE } from './page-limits';

const fieldDescriptions: Record<string, string> = {
  id: '全局 ID（Relay）。Global object ID.',
  data: '结果数据。The result.',
  edges: '边（含游标）。Edges with cursors.',
  nodes: '本页对象。The objects on this page.',
  pageInfo: '分页信息。Paging information.',
  totalCount: '符合条件的总数（不止本页）。Total matching, across all pages.',
  cursor: '游标，传给 after/before 翻页。Cursor for after/before.',
  node: '对象。The object.',
  hasNextPage: '是否有下一页。Whether a next page exists.',
  hasPreviousPage: '是否有上一页。Whether a previous page exists.',
  startCursor: '本页第一个游标。First cursor of the page.',
  endCursor: '本页最后一个游标。Last cursor of the page.',
};

const argDescriptions: Record<string, string> = {
  first: `取前 N 条（最多 ${MAX_PAGE_SIZE}）。Page size from the start, at most ${MAX_PAGE_SIZE}.`,
  last: `取后 N 条（最多 ${MAX_PAGE_SIZE}）。Page size from the end, at most ${MAX_PAGE_SIZE}.`,
  after: '从该游标之后开始。Start after this cursor.',
  before: '在该游标之前结束。End before this cursor.',
  id: '全局 ID。Global ID.',
  ids: '全局 ID 列表。Global IDs.',
};

/**
 * The errors and relay plugins generate result, union, connection and edge types. They get the
 * same bilingual descriptions everywhere, so every type, field and argument of the API is described.
 */
export function describeGeneratedTypes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!type.description) {
      if (/Success$/.test(type.name)) type.description = '成功的结果。The successful result.';
      else if (/Result$/.test(type.name) && isUnionType(type)) type.description = '结果：成功或带机器码的业务错误。Success or a typed error with a code.';
      else if (/Connection$/.test(type.name)) type.description = '分页列表（Relay 连接）。A page of results (Relay connection).';
      else if (/Edge$/.test(type.name)) type.description = '分页列表中的一项。One item of a page.';
      else if (type.name === 'PageInfo') type.description = '分页信息。Paging information.';
      else if (type.name === 'Node') type.description = '可按全局 ID 读取的对象（Relay）。An object fetchable by global ID.';
    }
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description && fieldDescriptions[field.name]) field.description = fieldDescriptions[field.name];
        // One page rule for every connection, stated where each connection is.
        if (getNamedType(field.type).name.endsWith('Connection') && !field.description?.includes(PAGE_RULE)) {
          field.description = `${field.description ?? ''} ${PAGE_RULE}`.trim();
        }
        for (const arg of field.args) if (!arg.description && argDescriptions[arg.name]) arg.description = argDescriptions[arg.name];
      }
    }
  }
  return schema;
}
