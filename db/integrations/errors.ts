import { AppError } from '../errors';
import type { AuthCode } from '../accounts/errors';

/**
 * The integration domain's refusals, one catalogue: a stable machine code and its default Chinese message.
 * The transport adds the HTTP status each answers with (schema/integrations/errors.ts). An API key whose
 * integrator account is deactivated is refused with the accounts domain's `auth/account-inactive`.
 */

export const integrationErrorCodes = {
  'auth/api-key-malformed': '这不是本系统的 API 密钥（应以 xfk_ 开头）',
  'auth/api-key-checksum': 'API 密钥校验位不符，可能抄错或不完整',
  'auth/api-key-invalid': 'API 密钥无效',
  'auth/api-key-revoked': 'API 密钥已吊销',
  'auth/api-key-expired': 'API 密钥已过期',
  'auth/api-key-ip-denied': '该 API 密钥不允许从此地址使用',
  'integration/not-integrator': '只能为对接系统账号（INTEGRATOR）签发 API 密钥',
  'integration/unit-outside': '密钥的单位范围必须在对接账号和你本人单位的范围之内',
  'integration/key-not-found': 'API 密钥不存在或不在你的管辖范围内',
  'integration/external-ref-conflict': '该外部编号已用于内容不同的事项',
  'rate/limited': '请求过于频繁，已超出配额，请稍后重试',
} as const;

export type IntegrationErrorCode = keyof typeof integrationErrorCodes | Extract<AuthCode, 'auth/account-inactive'>;

const defaultMessages: Readonly<Record<IntegrationErrorCode, string>> = { ...integrationErrorCodes, 'auth/account-inactive': '该对接账号已停用' };

export class IntegrationError extends AppError {
  constructor(
    override readonly code: IntegrationErrorCode,
    message: string = defaultMessages[code],
  ) {
    super(code, message);
    this.name = 'IntegrationError';
  }
}

/** `rate/limited`: the caller's bucket (or the public lookup's per-address limit) is empty; retry after the given seconds. */
export class RateLimitedError extends IntegrationError {
  constructor(
    readonly retryAfterSeconds: number,
    message = `请求过于频繁，请 ${retryAfterSeconds} 秒后重试`,
  ) {
    super('rate/limited', message);
    this.name = 'RateLimitedError';
  }
}
