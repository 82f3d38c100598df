import type { EnumRef } from '@pothos/core';
import { builder, type SchemaTypes } from '../builder';
import type { Vocabulary } from '../../db/common/vocabulary';

type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>;

const built = new Map<string, unknown>();

/**
 * The GraphQL enum of a vocabulary (db/<domain>/vocabulary.ts): its name, description and each value's
 * meaning come from the one definition. `valueName` renames values GraphQL cannot spell (`case.registered`).
 * Built once per vocabulary, so every module that needs the enum may ask for it.
 */
export function enumOf<V extends string>(vocab: Vocabulary<V>, valueName: (value: V) => string = (value) => value): EnumRef<Types, V, V> {
  const existing = built.get(vocab.name);
  if (existing) return existing as EnumRef<Types, V, V>;
  const ref = builder.enumType(vocab.name, {
    description: vocab.description,
    values: Object.fromEntries(vocab.values.map((value) => [valueName(value), { value, description: vocab.meanings[value] }])) as Record<
      string,
      { value: V; description: string }
    >,
  }) as EnumRef<Types, V, V>;
  built.set(vocab.name, ref);
  return ref;
}
