import { describe, expect, it } from 'vitest';
import { getNamedType, isEnumType, isListType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { schema } from '../schema/index';

const object = (name: string) => {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
  return type as GraphQLObjectType;
};

describe('the schema a code generator reads', () => {
  it('types what a client switches on as enums, not strings', () => {
    for (const [type, field] of [['CaseEvent', 'type'], ['Supervision', 'status'], ['Hearing', 'status'], ['Case', 'allowedActions']]) {
      expect(isEnumType(getNamedType(object(type).getFields()[field].type)), `${type}.${field}`).toBe(true);
    }
  });

  it('names every action in Case.allowedActions as the mutation a client calls', () => {
    const field = object('Case').getFields().allowedActions.type;
    expect(isNonNullType(field) && isListType(field.ofType)).toBe(true);
    const actions = schema.getType('CaseAction');
    if (!isEnumType(actions)) throw new Error('CaseAction is not an enum');
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    expect(actions.getValues().map((v) => v.name).filter((name) => !mutations.includes(name))).toEqual([]);
    expect(actions.getValues().map((v) => v.name)).toContain('returnCase');
  });

  it('makes what front ends refetch a Node with a global id', () => {
    for (const name of ['Case', 'Petitioner', 'Supervision', 'Hearing']) {
      expect(object(name).getInterfaces().map((i) => i.name), name).toContain('Node');
    }
  });
});
