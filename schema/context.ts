import type { Database } from '../db/client';
import type { Actor } from './auth';

/** Built once per request by schema/yoga.ts. */
export interface Context {
  db: Database;
  /** The verified caller, or null for anonymous requests. */
  actor: Actor | null;
  /** Materialised path of the actor's unit ("/…/"), so subtree checks need no query. */
  unitPath: string | null;
  /** The clock; tests and operators pass an explicit one. */
  now: () => Date;
}
