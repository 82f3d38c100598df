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
  description: '日历日期（中国时区），格式 YYYY-MM-DD（RFC 3339 full-date）。A calendar date in China, YYYY-MM-DD (RFC 3339 full-date).',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date.html',
  serialize: (value) => String(value),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

// RFC 3339 date-time: the offset is required, so an instant is never read in the server's time zone.
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
function parseDateTime(value: unknown): Date {
  const parsed = typeof value === 'string' && rfc3339.test(value) ? new Date(value) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime())) {
    throw new GraphQLError('时间格式应为带时区的 RFC 3339，例如 2026-05-01T09:30:00+08:00', { extensions: { code: 'input/invalid' } });
  }
  return parsed;
}

builder.scalarType('DateTime', {
  description: '时刻，RFC 3339 格式，须带时区，例如 2026-05-01T09:30:00+08:00；输出为 UTC。An instant, RFC 3339 with an offset; output in UTC.',
  specifiedByURL: 'https://scalars.graphql.org/chillicream/date-time.html',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: '任意 JSON 值（RFC 8259）。Any JSON value (RFC 8259).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc8259',
  serialize: (value) => value,
  parseValue: (value) => value,
});
