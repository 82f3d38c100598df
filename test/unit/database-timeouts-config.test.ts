import { describe, expect, it } from 'vitest';
import { readConfig } from '../../functions/config';

describe('DATABASE_*_TIMEOUT_MS', () => {
  it('sets the timeouts it names (0 turns one off) and leaves the others to the driver defaults', () => {
    expect(readConfig({ DATABASE_CONNECT_TIMEOUT_MS: '2000', DATABASE_STATEMENT_TIMEOUT_MS: '0' }).databaseTimeouts).toEqual({ connectMs: 2000, statementMs: 0 });
    expect(readConfig({}).databaseTimeouts).toEqual({});
  });

  it('stops the start on a value that is not whole milliseconds', () => {
    expect(() => readConfig({ DATABASE_QUERY_TIMEOUT_MS: '5s' })).toThrow(/DATABASE_QUERY_TIMEOUT_MS must be a whole number/);
    expect(() => readConfig({ DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '-1' })).toThrow(/whole number/);
  });
});
