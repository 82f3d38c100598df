import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-sse';
import type { Database, DatabaseHandle } from '../db/client';
import { EventWaker } from '../db/events/waker';
import type { App } from '../schema/yoga';
import { testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { act, dbId, fileAccusationFromInside, registerCase } from './support/cases';
import { appendCaseEvent } from './support/events';
import { startServer, type RunningServer } from './support/server';

let handle: DatabaseHandle;
let db: Database;
let app: App;
let fx: Fixture;
let server: RunningServer;
let waker: EventWaker;

beforeAll(async () => {
  handle = await testDatabase();
  db = handle.db;
  waker = await EventWaker.listen(handle);
  app = testApp(db, { delivery: { waker, catchUpMs: 1000, keepAliveMs: 200 } });
  fx = await buildFixture(db);
  server = await startServer(app);
});

afterAll(async () => {
  await server.close();
  await waker.close();
});

const EVENTS = `subscription($after: String, $filter: EventFilter) { events(after: $after, filter: $filter) { cursor streamType streamId sequence type } }`;
interface Delivered {
  cursor: string;
  streamType: string;
  streamId: string;
  sequence: number;
  type: string;
}

function clientFor(token: string) {
  return createClient({ url: server.url, singleConnection: false, retryAttempts: 0, headers: { authorization: `Bearer ${token}` } });
}

/** Takes events from one subscription until `stop` says so; resolves with them (the stream is then closed). */
async function take(token: string, variables: Record<string, unknown>, stop: (got: Delivered[]) => boolean, query = EVENTS, field = 'events') {
  const got: Delivered[] = [];
  const client = clientFor(token);
  try {
    for await (const result of client.iterate<Record<string, Delivered>>({ query, variables })) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      got.push(result.data![field]);
      if (stop(got)) break;
    }
  } finally {
    client.dispose();
  }
  return got;
}

/** The cursor of the newest event this viewer can see right now (a subscriber's "from here"). */
async function latestCursor(caseId: string, token = fx.tokens.countyLeader): Promise<string> {
  const got = await take(token, { filter: { caseId } }, (g) => g.length > 0, `subscription($filter: EventFilter) { events(after: "0:0", filter: $filter) { cursor streamType streamId sequence type } }`);
  return got[0].cursor;
}

describe('subscriptions over SSE (graphql-sse client, real HTTP)', () => {
  it('sends the keep-alive comment while idle and serves plain EventSource-style GET', async () => {
    const query = encodeURIComponent('subscription { events { cursor } }');
    const response = await fetch(`${server.url}?query=${query}`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${fx.tokens.countyLeader}` } });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/:\n\n/g) ?? []).length < 3) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    expect(text.startsWith(':\n\n')).toBe(true);
    expect(text).not.toContain('event: next');
  });

  it('caseUpdated replays after the cursor, then streams live events of that case only', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-01' });
    const other = await registerCase(app, fx, { receivedOn: '2026-06-01' });
    const first = await latestCursor(c.id);
    await db.transaction((tx) => appendCaseEvent(tx, dbId(c.id)));
    const live = take(
      fx.tokens.countyLeader,
      { id: c.id, after: first },
      (g) => g.length === 3,
      `subscription($id: ID!, $after: String) { caseUpdated(id: $id, after: $after) { cursor sequence type } }`,
      'caseUpdated',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await db.transaction((tx) => appendCaseEvent(tx, dbId(other.id)));
    const accepted = await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');
    await db.transaction((tx) => appendCaseEvent(tx, dbId(c.id)));
    const got = await live;
    expect(got.map((e) => [e.sequence, e.type])).toEqual([
      [2, 'case.test_note'],
      [3, 'case.accepted'],
      [4, 'case.test_note'],
    ]);
  });

  it('refuses a case the caller may not read and a malformed cursor, with codes', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-01' }, fx.tokens.townBStaff);
    const client = clientFor(fx.tokens.townAStaff);
    const results = [];
    for await (const result of client.iterate({ query: `subscription($id: ID!) { caseUpdated(id: $id) { cursor } }`, variables: { id: c.id } })) results.push(result);
    for await (const result of client.iterate({ query: `subscription { events(after: "105") { cursor } }` })) results.push(result);
    client.dispose();
    expect(results.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['case/not-found', 'input/invalid']);
  });

  it('an accused unit’s subscriber never receives the accusation, not even that an event happened', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-06-02' }, fx.tokens.villageStaff);
    const from = await latestCursor(c.id, fx.tokens.townAStaff);
    const townA = take(fx.tokens.townAStaff, { after: from }, (g) => g.some((e) => e.type === 'case.accepted'));
    const county = take(fx.tokens.countyLeader, { after: from }, (g) => g.some((e) => e.type === 'case.accepted'));
    const accusation = await fileAccusationFromInside(app, db, fx, 'townA', fx.tokens.villageStaff);
    await db.transaction((tx) => appendCaseEvent(tx, accusation));
    // the marker: an event both may see, after the accusation's
    expect((await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.villageStaff)).__typename).toBe('MutationAcceptCaseSuccess');
    expect((await townA).map((e) => e.streamId)).toEqual([dbId(c.id)]);
    expect((await county).map((e) => [e.streamId, e.sequence])).toEqual([
      [accusation, 1],
      [accusation, 2], // routed to the discipline inspection organ at registration
      [accusation, 3],
      [dbId(c.id), 2],
    ]);
  });

  it('a subscriber dropped 10 times while 4 writers add 1,000 events receives each exactly once, in order per stream', async () => {
    const streams: string[] = [];
    for (let i = 0; i < 8; i++) streams.push(dbId((await registerCase(app, fx, { receivedOn: '2026-06-03', title: `并发${i}` })).id));
    const after = await latestCursor(Buffer.from(`Case:${streams[7]}`).toString('base64'));
    const total = 1000;
    let written = 0;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < total / 4; i++) {
        await db.transaction((tx) => appendCaseEvent(tx, streams[(w + i) % streams.length]));
        written += 1;
      }
    });

    const received: Delivered[] = [];
    let cursor = after;
    let drops = 0;
    const ours = new Set(streams);
    while (received.filter((e) => e.type === 'case.test_note').length < total) {
      const client = clientFor(fx.tokens.countyLeader);
      const dropAt = received.length + 90;
      try {
        for await (const result of client.iterate<{ events: Delivered }>({ query: EVENTS, variables: { after: cursor, filter: { unitId: Buffer.from(`Unit:${fx.units.county.id}`).toString('base64') } } })) {
          if (result.errors) throw new Error(JSON.stringify(result.errors));
          const event = result.data!.events;
          if (ours.has(event.streamId)) received.push(event);
          cursor = event.cursor;
          if (drops < 10 && received.length >= dropAt) {
            drops += 1;
            // half of the drops are the server's (connections cut), half the client's
            if (drops % 2) server.dropConnections();
            else break;
          }
          if (received.filter((e) => e.type === 'case.test_note').length >= total) break;
        }
      } catch {
        // the cut connection: resume from the last cursor below
      } finally {
        client.dispose();
      }
    }
    await Promise.all(writers);
    expect(written).toBe(total);
    expect(drops).toBe(10);
    const keys = received.map((e) => `${e.streamId}#${e.sequence}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(total);
    for (const stream of streams) {
      const sequences = received.filter((e) => e.streamId === stream).map((e) => e.sequence);
      expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, i) => i + 2));
    }
  }, 120_000);
});
