import type { Session } from '../db/session';
import type { RequestIntegration } from './integrations/request-auth';
import type { EventWaker } from '../db/events/waker';
import type { WebhookConfig } from '../db/webhooks/service';

/** Built once per request by schema/yoga.ts: the domain session plus what only HTTP knows. */
export interface Context extends Session {
  /** The client address and the request's cost bucket; absent for contexts made outside HTTP. */
  integration?: RequestIntegration;
  /** Wakes subscriptions when events commit; `catchUpMs` is their timer when a notification is lost. */
  delivery?: { waker: EventWaker; catchUpMs: number };
  /** Which address ranges webhook endpoints may resolve to (the SSRF guard). */
  webhooks?: WebhookConfig;
  /** Aborted when the client goes away (ends its subscriptions). */
  signal?: AbortSignal;
}
