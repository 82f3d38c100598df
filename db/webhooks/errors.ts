import { AppError } from '../errors';

/** The webhook domain's refusals, one catalogue (code → meaning). */
export const webhookRuleCodes = {
  'webhook/address-refused': 'The endpoint is (or resolves to) a private, loopback or link-local address (the SSRF guard).',
} as const;
export type WebhookRuleCode = keyof typeof webhookRuleCodes;

/** A webhook rule refused the request; the code is one of `webhookRuleCodes`. */
export class WebhookRuleError extends AppError {
  constructor(code: WebhookRuleCode, message: string) {
    super(code, message);
    this.name = 'WebhookRuleError';
  }
}
