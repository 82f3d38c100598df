/**
 * The accounts domain's refusals, one catalogue (code → meaning): who is calling and whether they may. Carried by
 * ForbiddenError (db/errors.ts); an integrator account's `auth/account-inactive` also by IntegrationError, which
 * answers API-key requests.
 */
export const authCodes = {
  'auth/unauthenticated': 'No token, or one that is invalid or expired: sign in.',
  'auth/account-inactive': 'The account has been deactivated by an administrator.',
  'auth/forbidden': 'The account may not do or see this.',
} as const;
export type AuthCode = keyof typeof authCodes;
