// zod/mini: the classic API alone adds ~440 KiB to the Lambda bundle (see BENCHMARKS.md).
import * as z from 'zod/mini';
// Only the Chinese locale: `z.locales` would bundle every language into the Lambda.
import zhCN from 'zod/v4/locales/zh-CN.js';
import { InputError } from '../errors';

// Default zod messages in Chinese; schemas override where a field-specific message helps more.
z.config(zhCN());

/** Parses input with its zod schema; failures become a typed `input/invalid` error naming each field. */
export function parseInput<Schema extends z.ZodMiniType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String),
      message: issue.path.length ? `${issue.path.join('.')}：${issue.message}` : issue.message,
    })),
  );
}

/** A trimmed string between `min` and `max` characters, with Chinese messages naming `what`. */
export function text(what: string, min: number, max: number) {
  return z.string().check(z.trim(), z.minLength(min, `${what}至少 ${min} 个字`), z.maxLength(max, `${what}最多 ${max} 个字`));
}
