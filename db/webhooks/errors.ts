import { AppError } from '../errors';

/** A webhook rule refused the request: `webhook/address-refused` (the SSRF guard), `webhook/endpoint-disabled`. */
export class WebhookRuleError extends AppError {
  constructor(code: `webhook/${string}`, message: string) {
    super(code, message);
    this.name = 'WebhookRuleError';
  }
}
