import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isObjectType, isInputObjectType, isEnumType, isInterfaceType } from 'graphql';
import { printedSchema, schemaFile } from '../schema/printed';
import { schema } from '../schema/index';

describe('the printed schema', () => {
  it('is committed and up to date (run `npm run schema:print`)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('describes every type, field, argument and enum value, in Chinese and in English', () => {
    const described: [string, string | null | undefined][] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['Boolean', 'String', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      described.push([type.name, type.description]);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          described.push([`${type.name}.${field.name}`, field.description]);
          for (const arg of field.args) described.push([`${type.name}.${field.name}(${arg.name})`, arg.description]);
        }
      }
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) described.push([`${type.name}.${field.name}`, field.description]);
      if (isEnumType(type)) for (const value of type.getValues()) described.push([`${type.name}.${value.name}`, value.description]);
    }
    // English: a word of three letters or more that is not a code (ACCEPTED, case/not-found, YYYY-MM-DD).
    const english = (text: string) => /[a-z]{3,}/i.test(text.replace(/[A-Z][A-Z_]+|[a-z]+\/[a-z-]+|YYYY-MM-DD/g, ''));
    const lacking = described.filter(([, text]) => !text || !/\p{Script=Han}/u.test(text) || !english(text)).map(([where, text]) => `${where}: ${text}`);
    expect(described.length).toBeGreaterThan(800);
    expect(lacking).toEqual([]);
  });
});
