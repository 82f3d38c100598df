import type { Session } from '../db/session';

/** Built once per request by schema/yoga.ts: the domain session, nothing transport-specific yet. */
export interface Context extends Session {}
