import { describe, expect, it } from 'vitest';
import { historyCursor, historyPage, planHistoryPage, type HistoryOrder, type HistoryPageArgs } from '../../db/events/history-page';
import { InputError } from '../../db/errors';

/** A stream of ten events, 1..10, paged as a client would page it, with the rows a database would return. */
const stream = Array.from({ length: 10 }, (_, i) => ({ sequence: i + 1 }));

function read(args: HistoryPageArgs, order: HistoryOrder) {
  const plan = planHistoryPage(args, order, 3, 5);
  const rows = stream
    .filter((e) => (plan.sequenceAbove === undefined || e.sequence > plan.sequenceAbove) && (plan.sequenceBelow === undefined || e.sequence < plan.sequenceBelow))
    .sort((a, b) => (plan.direction === 'asc' ? a.sequence - b.sequence : b.sequence - a.sequence))
    .slice(0, plan.limit);
  const page = historyPage(rows, args, plan, stream.length);
  return { sequences: page.edges.map((edge) => edge.node.sequence), pageInfo: page.pageInfo, rows, page };
}

describe('a history page', () => {
  it('reads newest first by default, the default size, and says there is more', () => {
    const { sequences, pageInfo } = read({}, 'desc');
    expect(sequences).toEqual([10, 9, 8]);
    expect(pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: historyCursor(10), endCursor: historyCursor(8) });
  });

  it('goes on after a cursor to the oldest, and then says there is no more', () => {
    expect(read({ first: 4, after: historyCursor(8) }, 'desc').sequences).toEqual([7, 6, 5, 4]);
    const last = read({ first: 4, after: historyCursor(4) }, 'desc');
    expect(last.sequences).toEqual([3, 2, 1]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backward with last/before, keeping the field’s order within the page', () => {
    const oldest = read({ last: 2 }, 'desc');
    expect(oldest.sequences).toEqual([2, 1]);
    expect(oldest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(read({ last: 2, before: historyCursor(2) }, 'desc').sequences).toEqual([4, 3]);
    expect(read({ last: 2, before: historyCursor(9) }, 'desc').sequences).toEqual([10]);
    expect(read({ last: 2, before: historyCursor(9) }, 'desc').pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  it('pages an oldest-first history the other way round', () => {
    expect(read({ first: 2 }, 'asc').sequences).toEqual([1, 2]);
    expect(read({ first: 2, after: historyCursor(2) }, 'asc').sequences).toEqual([3, 4]);
    expect(read({ last: 2 }, 'asc').sequences).toEqual([9, 10]);
    expect(read({ first: 5, after: historyCursor(2), before: historyCursor(6) }, 'asc').sequences).toEqual([3, 4, 5]);
  });

  it('caps the page at the largest size and reads one row more to know whether there is more', () => {
    const plan = planHistoryPage({ first: 50 }, 'desc', 3, 5);
    expect(plan.limit).toBe(6);
    expect(read({ first: 50 }, 'desc').sequences).toEqual([10, 9, 8, 7, 6]);
    expect(read({ first: 0 }, 'desc').sequences).toEqual([]);
  });

  it('leaves the rows it was given as they were (a second alias may read them)', () => {
    const { rows } = read({ last: 3 }, 'desc');
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('writes the cursors plugin-drizzle wrote, so cursors clients hold keep working', () => {
    expect(historyCursor(5)).toBe(Buffer.from('DC:N:5').toString('base64'));
  });

  it('refuses a foreign cursor, both sizes at once and a negative size as input/invalid', () => {
    for (const args of [{ after: 'garbage' }, { before: Buffer.from('DC:S:5').toString('base64') }, { after: Buffer.from('DC:N:1.5').toString('base64') }, { first: 1, last: 1 }, { first: -1 }]) {
      expect(() => planHistoryPage(args, 'desc', 3, 5), JSON.stringify(args)).toThrow(InputError);
    }
  });
});
