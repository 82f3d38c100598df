import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
function parseIsoDate(value: unknown): string {
  if (typeof value === 'string' && isoDate.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value) return value;
  }
  throw new GraphQLError('日期格式应为 YYYY-MM-DD', { extensions: { code: 'input/invalid' } });
}

builder.scalarType('Date', {
  description: '日历日期（中国时区），格式 YYYY-MM-DD。A calendar date in China, YYYY-MM-DD.',
  serialize: (value) => String(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const parsed = typeof value === 'string' ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || !/T/.test(value as string)) {
    throw new GraphQLError('时间格式应为 ISO 8601，例如 2026-05-01T09:30:00+08:00', { extensions: { code: 'input/invalid' } });
  }
  return parsed;
}

builder.scalarType('DateTime', {
  description: '时刻，ISO 8601 格式。An instant, ISO 8601.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: '任意 JSON 值。Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
