import { z } from 'zod';
import { InputError } from '../errors';

// Default zod messages in Chinese; schemas override where a field-specific message helps more.
z.config(z.locales.zhCN());

/** Parses input with its zod schema; failures become a typed `input/invalid` error naming each field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String),
      message: issue.path.length ? `${issue.path.join('.')}：${issue.message}` : issue.message,
    })),
  );
}
