import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../db/client';
import type { Viewer } from '../db/cases/visibility';
import { readEvents, currentPosition, type FeedEvent } from '../db/events/feed';
import { followEvents } from '../db/events/follow';
import { EventWaker } from '../db/events/waker';
import { START, decodeCursor, encodeCursor, isAfter, type Position } from '../db/events/cursor';
import type { App } from '../schema/yoga';
import { testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { dbId, fileAccusationFromInside, registerCase } from './support/cases';
import { appendCaseEvent, gate, untilSettled } from './support/events';

let handle: DatabaseHandle;
let db: Database;
let app: App;
let fx: Fixture;
let county: Viewer;

beforeAll(async () => {
  handle = await testDatabase();
  db = handle.db;
  app = testApp(db);
  fx = await buildFixture(db);
  county = { roles: ['LEADER'], unitPath: fx.units.county.path, petitionerId: null };
});

async function readAll(viewer: Viewer, after: Position, filter = {}): Promise<FeedEvent[]> {
  await untilSettled(db);
  return readNow(viewer, after, filter);
}

async function readNow(viewer: Viewer, after: Position, filter = {}): Promise<FeedEvent[]> {
  const out: FeedEvent[] = [];
  for (;;) {
    const batch = await readEvents(db, { viewer, after, filter, limit: 50 });
    out.push(...batch);
    if (batch.length < 50) return out;
    after = batch[batch.length - 1].position;
  }
}

describe('cursor', () => {
  it('round-trips and refuses what is not a cursor', () => {
    const position = { orderXid: '18446744073709551615', id: 42 };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    for (const bad of ['', '42', 'abc:1', '1:-1', '18446744073709551616:1', '1:99999999999999999']) expect(decodeCursor(bad)).toBeNull();
    expect(isAfter({ orderXid: '10', id: 1 }, { orderXid: '9', id: 500 })).toBe(true);
    expect(isAfter({ orderXid: '10', id: 1 }, { orderXid: '10', id: 1 })).toBe(false);
  });
});

describe('the event feed', () => {
  it('replays a stream in sequence order from any cursor and shows only what the viewer may read', async () => {
    const start = await currentPosition(db);
    const c = await registerCase(app, fx, { receivedOn: '2026-06-01' });
    const caseId = dbId(c.id);
    for (let i = 0; i < 4; i++) await db.transaction((tx) => appendCaseEvent(tx, caseId));
    const all = await readAll(county, start, { streamId: caseId });
    expect(all.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(all[0].type).toBe('case.registered');
    // resuming from the third event's cursor gives exactly the rest
    const rest = await readAll(county, decodeCursor(all[2].cursor)!, { streamId: caseId });
    expect(rest.map((e) => e.sequence)).toEqual([4, 5]);
    // a neighbouring township sees nothing of it; types filter narrows
    const townB: Viewer = { roles: ['STAFF'], unitPath: fx.units.townB.path, petitionerId: null };
    expect(await readAll(townB, start, { streamId: caseId })).toEqual([]);
    expect((await readAll(county, start, { streamId: caseId, types: ['case.registered'] })).map((e) => e.sequence)).toEqual([1]);
  });

  it('never shows an accusation to the accused unit’s subtree, but does to the level above', async () => {
    const start = await currentPosition(db);
    // filed in the accused township's village: by the receiving-unit rule the township would see it, were it not accused
    const accusation = await fileAccusationFromInside(app, db, fx, 'townA', fx.tokens.villageStaff);
    const ordinary = await registerCase(app, fx, { receivedOn: '2026-06-02' }, fx.tokens.villageStaff);
    const seen = async (viewer: Viewer) => (await readAll(viewer, start)).map((e) => e.streamId);
    const townA: Viewer = { roles: ['STAFF'], unitPath: fx.units.townA.path, petitionerId: null };
    expect(await seen(townA)).toEqual([dbId(ordinary.id)]);
    // registered and, in the same transaction, routed to the county's discipline inspection organ
    expect(await seen(county)).toEqual([accusation, accusation, dbId(ordinary.id)]);
  });

  it('follows: replay then live, woken by NOTIFY (the catch-up timer is set far beyond the test timeout)', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-03' });
    const caseId = dbId(c.id);
    const waker = await EventWaker.listen(handle);
    const abort = new AbortController();
    const received: number[] = [];
    const done = (async () => {
      for await (const event of followEvents(db, { viewer: county, filter: { streamId: caseId }, after: START, waker, catchUpMs: 10 * 60_000, signal: abort.signal })) {
        received.push(event.sequence);
        if (received.length === 3) abort.abort();
      }
    })();
    while (received.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    await db.transaction((tx) => appendCaseEvent(tx, caseId));
    await db.transaction((tx) => appendCaseEvent(tx, caseId));
    await done;
    await waker.close();
    expect(received).toEqual([1, 2, 3]);
  });
});

// PGlite has one connection (transactions run one at a time), so commits cannot be reordered there.
describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('the visibility horizon with concurrent writers (server)', () => {
  it('holds back an event committed after a still-open earlier transaction, then delivers both in order', async () => {
    const [a, b] = [await registerCase(app, fx, { receivedOn: '2026-06-04' }), await registerCase(app, fx, { receivedOn: '2026-06-04' })];
    const start = await currentPosition(db);
    const filter = { streamTypes: ['CASE' as const] };
    // Only the events appended below: the horizon is the cluster's oldest open transaction, so while another
    // database on the server holds one open, `start` can lie before the registrations themselves.
    const mine = (events: FeedEvent[]) => events.filter((e) => [dbId(a.id), dbId(b.id)].includes(e.streamId) && e.sequence > 1);
    const release = gate();
    const inserted = gate();
    // T1 takes the smaller id and xid, then waits; T2 writes after it and commits first.
    const t1 = db.transaction(async (tx) => {
      await appendCaseEvent(tx, dbId(a.id));
      inserted.open();
      await release.promise;
    });
    await inserted.promise;
    await db.transaction((tx) => appendCaseEvent(tx, dbId(b.id)));
    // T2's event is committed and visible to a plain SELECT, but it lies above the horizon
    expect(mine(await readNow(county, start, filter))).toEqual([]);
    release.open();
    await t1;
    const after = mine(await readAll(county, start, filter));
    expect(after.map((e) => [e.streamId, e.sequence])).toEqual([
      [dbId(a.id), 2],
      [dbId(b.id), 2],
    ]);
  });

  it('keeps a stream in sequence order when the later writer got its xid first', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-05' });
    const caseId = dbId(c.id);
    const start = await currentPosition(db);
    const hasXid = gate();
    const release = gate();
    // B gets an xid before A, but writes to the stream only after A committed: B's event is sequence 3, A's is 2.
    const b = db.transaction(async (tx) => {
      await tx.execute('select pg_current_xact_id()');
      hasXid.open();
      await release.promise;
      return appendCaseEvent(tx, caseId);
    });
    await hasXid.promise;
    const aSequence = await db.transaction((tx) => appendCaseEvent(tx, caseId));
    release.open();
    const bSequence = await b;
    expect([aSequence, bSequence]).toEqual([2, 3]);
    // Without the registration (sequence 1), which `start` may precede (see above).
    const events = (await readAll(county, start, { streamId: caseId })).filter((e) => e.sequence > 1);
    expect(events.map((e) => e.sequence)).toEqual([2, 3]);
    // B's own tx_id is the smaller one: ordering by tx_id alone would have put 3 before 2
    expect(BigInt(events[1].txId) < BigInt(events[0].txId)).toBe(true);
  });
});
