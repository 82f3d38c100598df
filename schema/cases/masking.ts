import { ForbiddenError } from '../../db/errors';

// Free text is shown with identity numbers and mobiles masked, to everyone (as the structured fields are);
// the whole text only through revealCaseText (the handling unit, with a reason, recorded in the history).
export const MASKED = '（身份证号、手机号脱敏显示）';
export const MASKED_EN = ' Identity and mobile numbers in it are masked.';

/**
 * Built once: a field that answers a refusal with a value (unauthorizedResolver) never shows the error, so
 * constructing one (an AppError with its stack) per redacted field of every row was pure cost.
 */
const REDACTED = new ForbiddenError();
export const redacted = () => REDACTED;

/** Granted by Case (a type grant) to what lies beneath a case the viewer may read: its supervisions and hearings. */
export const VIA_READABLE_CASE = 'case-part:via-readable-case';
