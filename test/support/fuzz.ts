import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
// mulberry32: a failing fuzz run is replayed from its seed (FUZZ_SEED).
import { seededRandom } from './seed';

export interface FuzzRequest {
  query: string;
  variables: Record<string, unknown>;
  /** Which of the caller's tokens to send (undefined: anonymous). */
  token?: string;
  /** A raw body instead of JSON of {query, variables}, for malformed HTTP requests. */
  rawBody?: string;
}

export interface FuzzPools {
  /** Global ids of objects that exist (some visible to the caller, some not). */
  ids: string[];
  tokens: (string | undefined)[];
}

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const NIL = '00000000-0000-4000-8000-000000000000';

/** Values a client may send by mistake: wrong kinds, NULs, extremes of the database's ranges. */
const STRINGS = ['', ' ', 'a', '张三', '拖欠工资', 'x'.repeat(300), 'a\u0000b', '\u0000', '\uD800', '😀', "'; drop table cases; --", '110101195001102421', '13912345678', '%_\\', '2026-01-05', 'NOPE'];
const INTS = [0, 1, -1, 2, 15, 60, 366, 367, 32767, 32768, 2147483647, -2147483648, 2026, 1.5];
const DATES = ['2026-01-05', '2026-06-01', '2025-12-31', '0000-01-01', '0001-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '26-01-05', '', '1900-01-01', '2100-01-01', '+012026-01-01'];
const DATETIMES = ['2026-05-01T09:30:00+08:00', '2026-05-01', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'now', ''];
const BAD_IDS = [gid('Case', NIL), gid('Unit', NIL), gid('Account', NIL), gid('Unit', 'abc'), gid('Foo', 'abc'), gid('Case', ''), '!!!', '', 'Q2FzZQ==', gid('Case', `${NIL}\u0000`), gid('SlaPolicy', NIL)];

export function createFuzzer(schema: GraphQLSchema, pools: FuzzPools, seed: number) {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

  const roots = [
    ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
    ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
  ];

  function wrongKind(): unknown {
    return pick<unknown>([pick(STRINGS), pick(INTS), true, {}, [], { a: 1 }, null]);
  }

  function scalarValue(name: string): unknown {
    switch (name) {
      case 'String':
        return pick(STRINGS);
      case 'Int':
        return pick(INTS);
      case 'Float':
        return pick([0, 1.5, -1, 1e308]);
      case 'Boolean':
        return chance(0.5);
      case 'ID':
        return chance(0.5) && pools.ids.length ? pick(pools.ids) : pick(BAD_IDS);
      case 'Date':
        return pick(DATES);
      case 'DateTime':
        return pick(DATETIMES);
      case 'JSON':
        return pick<unknown>([{}, { a: 'b' }, 'x', { n: 'a\u0000' }]);
      default:
        return pick(STRINGS);
    }
  }

  function inputValue(type: GraphQLInputType, depth: number): unknown {
    if (chance(0.04)) return wrongKind();
    if (isNonNullType(type)) return inputValue(type.ofType, depth);
    if (isListType(type)) {
      if (chance(0.05)) return inputValue(type.ofType, depth); // a single value where a list is expected
      return Array.from({ length: Math.floor(random() * 3) + (chance(0.8) ? 1 : 0) }, () => inputValue(type.ofType, depth + 1));
    }
    if (isEnumType(type)) return chance(0.9) ? pick(type.getValues()).name : pick(['NOPE', 'visit', '']);
    if (isScalarType(type)) return scalarValue(type.name);
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const required = isNonNullType(field.type);
        if (required ? chance(0.05) : chance(0.5)) continue; // a missing required field, or an omitted optional one
        object[field.name] = depth > 3 ? null : inputValue(field.type, depth + 1);
      }
      if (chance(0.03)) object.unknownField = 'x';
      return object;
    }
    return null;
  }

  function selection(type: GraphQLOutputType, depth: number): string {
    const named = getNamedType(type) as GraphQLNamedType;
    if (isScalarType(named) || isEnumType(named)) return '';
    if (isAbstractType(named)) {
      const members = schema.getPossibleTypes(named).filter(() => chance(0.3)).slice(0, 2);
      const inner = members.map((member) => `... on ${member.name} { ${fieldsOf(member, depth)} }`).join(' ');
      return `{ __typename ... on Error { code message } ${inner} }`;
    }
    if (isObjectType(named)) return `{ ${fieldsOf(named, depth)} }`;
    return '';
  }

  function fieldsOf(type: GraphQLNamedType, depth: number): string {
    if (!isObjectType(type)) return '__typename';
    const chosen: string[] = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => isNonNullType(arg.type))) continue;
      const leaf = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type));
      if (leaf ? chance(0.4) : depth < 2 && chance(0.25)) {
        const sub = leaf ? '' : selection(field.type, depth + 1);
        if (leaf || sub) chosen.push(`${field.name} ${sub}`);
      }
    }
    return chosen.join(' ');
  }

  function operation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): FuzzRequest {
    const variables: Record<string, unknown> = {};
    const declared: string[] = [];
    const passed: string[] = [];
    for (const arg of field.args) {
      if (!isNonNullType(arg.type) && chance(0.5)) continue;
      const name = `v_${arg.name}`;
      declared.push(`$${name}: ${String(arg.type)}`);
      passed.push(`${arg.name}: $${name}`);
      if (!chance(0.03)) variables[name] = inputValue(arg.type, 0); // sometimes a required variable is missing
    }
    const head = declared.length ? `(${declared.join(', ')})` : '';
    const args = passed.length ? `(${passed.join(', ')})` : '';
    return { query: `${kind} Fuzz${head} { ${field.name}${args} ${selection(field.type, 0)} }`, variables, token: pick(pools.tokens) };
  }

  /** Hand-written mistakes that variables alone do not reach: inline literals, malformed bodies. */
  function special(): FuzzRequest {
    const token = pick(pools.tokens);
    const id = pick([...BAD_IDS, ...pools.ids]);
    return pick<FuzzRequest>([
      { query: `{ node(id: ${JSON.stringify(id)}) { id __typename } }`, variables: {}, token },
      { query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, variables: { ids: [id, pick(BAD_IDS)] }, token },
      { query: `{ cases(first: 5, after: ${JSON.stringify(pick(STRINGS))}) { totalCount edges { cursor } } }`, variables: {}, token },
      { query: `{ cases(last: 5, before: ${JSON.stringify(pick(STRINGS))}) { totalCount } }`, variables: {}, token },
      { query: `{ dueDate(start: ${JSON.stringify(pick(DATES))}, days: ${pick(INTS)}) }`, variables: {}, token },
      { query: `{ isWorkingDay(date: ${JSON.stringify(pick(DATES))}) }`, variables: {}, token },
      { query: `{ cases(filter: { text: ${JSON.stringify(pick(STRINGS))} }) { totalCount } }`, variables: {}, token },
      { query: '', variables: {}, token, rawBody: pick(['{"query": "{ viewer { roles } }"', 'null', '[]', '{"query": 1}', '{"query":"{viewer{roles}}","variables":"x"}', 'not json 110101195001102421']) },
      { query: '{ viewer { roles }', variables: {}, token },
    ]);
  }

  return function next(): FuzzRequest {
    if (chance(0.15)) return special();
    const root = pick(roots);
    return operation(root.kind, root.field);
  };
}
