import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder';
import { FIRST_DATE, isIsoDate } from '../../db/calendar/work-calendar';

// Year 0000 passes ISO 8601 but not PostgreSQL's `date` (which has no year zero): refuse it here.
function parseIsoDate(value: unknown): string {
  if (isIsoDate(value) && value >= FIRST_DATE) return value;
  throw new GraphQLError(`日期格式应为 YYYY-MM-DD（${FIRST_DATE} 至 9999-12-31 之间的有效日期）`, { extensions: { code: 'input/invalid' } });
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
  // Years 0001–9999 only, the range PostgreSQL and our date arithmetic share (see Date).
  const year = parsed?.getUTCFullYear() ?? Number.NaN;
  if (!parsed || Number.isNaN(parsed.getTime()) || year < 1 || year > 9999) {
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
