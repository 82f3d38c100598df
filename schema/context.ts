import type { Session } from '../db/session';
import type { RequestIntegration } from './integrations/request-auth';

/** Built once per request by schema/yoga.ts: the domain session plus what only HTTP knows. */
export interface Context extends Session {
  /** The client address and the request's cost bucket; absent for contexts made outside HTTP. */
  integration?: RequestIntegration;
}
