import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isObjectType, isInputObjectType, isEnumType, isInterfaceType } from 'graphql';
import { printedSchema, schemaFile } from '../schema/printed';
import { schema } from '../schema/index';

describe('the printed schema', () => {
  it('is committed and up to date (run `npm run schema:print`)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('describes every type, field and argument', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description && !['Boolean', 'String', 'Int', 'Float', 'ID'].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          // generated result wrappers (errors plugin) describe themselves by type
          if (!field.description && !/Success$/.test(type.name)) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
    expect(missing).toEqual([]);
  });
});
