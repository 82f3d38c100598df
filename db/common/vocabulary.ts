/**
 * A closed list of values defined once, with what each means. The Postgres enum (db/tables), the
 * TypeScript union (`ValueOf`) and the GraphQL enum (schema/common/enums.ts) are all built from it.
 */
export interface Vocabulary<V extends string> {
  /** The GraphQL enum's name. */
  name: string;
  /** The GraphQL enum's description, in Chinese and English. */
  description: string;
  /** The values, in their declared order (a Postgres enum keeps this order). */
  values: readonly [V, ...V[]];
  /** What each value means (the GraphQL value description). */
  meanings: Readonly<Record<V, string>>;
}

export type ValueOf<T extends Vocabulary<string>> = T['values'][number];

export function vocabulary<const V extends string>(name: string, description: string, meanings: Record<V, string>): Vocabulary<V> {
  return { name, description, meanings, values: Object.keys(meanings) as [V, ...V[]] };
}
