import { AppError } from '../errors';

/**
 * A rule of the regulation refused the action, e.g. `case/review-window-closed`,
 * `case/extension-used`, `case/accused-unit`, `case/not-our-unit`.
 */
export class CaseRuleError extends AppError {
  constructor(code: `case/${string}`, message: string) {
    super(code, message);
    this.name = 'CaseRuleError';
  }
}
