import type { Database } from './client';
import type { Actor } from './accounts/actor';

/**
 * What a domain service needs to know about the call it serves. The GraphQL context extends it
 * (schema/context.ts); the seed, the sweep and tests build one directly, with no transport.
 */
export interface Session {
  db: Database;
  /** The verified caller, or null for anonymous requests. */
  actor: Actor | null;
  /** Materialised path of the actor's unit ("/…/"), so subtree checks need no query. */
  unitPath: string | null;
  /** The clock; tests and operators pass an explicit one. */
  now: () => Date;
}
