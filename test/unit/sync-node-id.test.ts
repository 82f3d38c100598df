import { describe, expect, it } from 'vitest';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { schema } from '../../schema/index';
import { SYNC_NODE_ID } from '../../schema/sync-node-id';

const nodeTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && type.getInterfaces().some((iface) => iface.name === 'Node'));

describe('node ids resolved without a promise (schema/sync-node-id.ts)', () => {
  it('covers every Node type of the schema', () => {
    expect(nodeTypes.length).toBeGreaterThan(15);
    for (const type of nodeTypes) {
      const id = isObjectType(type) ? type.getFields().id : undefined;
      expect(id?.extensions?.[SYNC_NODE_ID], type.name).toBe(true);
    }
  });

  it('answers what plugin-relay’s own resolver answers, and the types a list shows without a promise', async () => {
    const row = { id: '0b8f1a4e-1d2c-4a5b-9c3d-2e1f0a9b8c7d' };
    const compared: string[] = [];
    for (const type of nodeTypes) {
      if (!isObjectType(type)) continue;
      const field = type.getFields().id;
      const original = field.extensions.pothosOriginalResolve as (...args: unknown[]) => unknown;
      const info = { parentType: type, fieldName: 'id', path: { key: 'id', prev: undefined } } as never;
      // A type whose id field carries scopes of its own (ApiKey) refuses a call without a signed-in context.
      const fast = await new Promise((settle) => settle(field.resolve!(row, {}, {}, info))).catch(() => undefined);
      if (fast === undefined) continue;
      compared.push(type.name);
      expect(fast, type.name).toBe(await original(row, {}, {}, info));
      expect(Buffer.from(String(fast), 'base64').toString(), type.name).toBe(`${type.name}:${row.id}`);
    }
    // The rest check their type's scopes on every field (no runScopesOnType) and need a signed-in context here;
    // the suite's HTTP tests resolve and refetch their ids.
    expect(compared).toEqual(expect.arrayContaining(['Case', 'Unit', 'Supervision', 'Petitioner']));
    for (const name of ['Case', 'Unit', 'Supervision', 'Petitioner', 'Account', 'Hearing']) {
      const field = (schema.getType(name) as GraphQLObjectType).getFields().id;
      const info = { parentType: schema.getType(name), fieldName: 'id', path: { key: 'id', prev: undefined } } as never;
      expect(field.resolve!(row, {}, {}, info) instanceof Promise, name).toBe(false);
    }
  });
});
