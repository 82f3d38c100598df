import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import type { Database } from '../db/client';
import type { Session } from '../db/session';
import type { Actor } from '../db/accounts/actor';
import { events, webhookAttempts, webhookEndpoints, webhookMessages } from '../db/schema';
import { WebhookDispatcher, claimDue } from '../db/webhooks/dispatcher';
import { createEndpoint, deliveries, redeliver, replay, rotateSecret, updateEndpoint } from '../db/webhooks/service';
import { RETRY_DELAYS_MS } from '../db/webhooks/schedule';
import type { App } from '../schema/yoga';
import { testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { dbId, fileAccusationFromInside, registerCase } from './support/cases';
import { appendCaseEvent, untilSettled } from './support/events';
import { startReceiver, type Received } from './support/receiver';

let db: Database;
let app: App;
let fx: Fixture;
const config = { allowedRanges: ['loopback'] };
const receivers: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db);
  fx = await buildFixture(db);
});
afterAll(async () => {
  for (const receiver of receivers) await receiver.close();
});

/** A clock the test moves by hand: schedules are checked without sleeping. */
function testClock(start = new Date('2026-07-01T00:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

function session(actor: Actor, unit: keyof Fixture['units'], now: () => Date): Session {
  return { db, actor, unitPath: fx.units[unit].path, now };
}

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

/** A dispatcher with the test's clock and no jitter (random 0.5 → factor 1.0). */
function dispatcher(clock: ReturnType<typeof testClock>, timeoutMs?: number) {
  return new WebhookDispatcher({ db, now: clock.now, random: () => 0.5, send: { allowedRanges: ['loopback'], timeoutMs } });
}

async function newCaseWithEvents(count: number, token = fx.tokens.officeStaff): Promise<string> {
  const id = dbId((await registerCase(app, fx, { receivedOn: '2026-06-20' }, token)).id);
  for (let i = 0; i < count; i++) await db.transaction((tx) => appendCaseEvent(tx, id));
  await untilSettled(db);
  return id;
}

const ids = (received: Received[]) => received.map((r) => r.headers['webhook-id'] as string);
const bodies = (received: Received[]) => received.map((r) => JSON.parse(r.body) as { type: string; data: { streamId: string; sequence: number; cursor: string } });

describe('webhook delivery (Standard Webhooks, real HTTP)', () => {
  it('retries on the schedule through 3 failures; the receiver then verifies every event with standardwebhooks, same webhook-id each time', async () => {
    const clock = testClock();
    const hook = await receiver((_r, i) => (i < 3 * 3 ? { status: 500, body: 'down for maintenance' } : { status: 200 }));
    const { endpoint, secret } = await createEndpoint(session(fx.actors.admin, 'county', clock.now), { url: hook.url }, config);
    expect(secret).toMatch(/^whsec_/);
    const caseId = await newCaseWithEvents(2); // 3 events: registered + 2
    const d = dispatcher(clock);

    expect(await d.runOnce()).toEqual({ queued: 3, attempted: 3 }); // attempt 1: immediately
    for (const delay of RETRY_DELAYS_MS.slice(0, 3)) {
      clock.advance(delay - 1000);
      expect((await d.runOnce()).attempted).toBe(0); // not before its time
      clock.advance(1000);
      expect((await d.runOnce()).attempted).toBe(3);
    }
    expect((await d.runOnce()).attempted).toBe(0); // delivered: nothing more
    expect(hook.received).toHaveLength(12);

    const verifier = new Webhook(secret);
    for (const r of hook.received) verifier.verify(r.body, r.headers as Record<string, string>);
    const byId = new Map<string, number>();
    for (const id of ids(hook.received)) byId.set(id, (byId.get(id) ?? 0) + 1);
    expect([...byId.values()]).toEqual([4, 4, 4]);
    const delivered = bodies(hook.received.slice(9));
    expect(delivered.map((b) => [b.data.streamId, b.data.sequence])).toEqual([
      [caseId, 1],
      [caseId, 2],
      [caseId, 3],
    ]);
    expect(delivered[0].type).toBe('case.registered');

    // the delivery log shows the four attempts of each, their statuses and the receiver's words
    const log = await deliveries(session(fx.actors.admin, 'county', clock.now), endpoint.id, { first: 10 });
    expect(log.map((m) => m.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED']);
    expect(log[0].attemptsLog.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(log[0].attemptsLog[0].responseExcerpt).toBe('down for maintenance');
    await updateEndpoint(session(fx.actors.admin, 'county', clock.now), endpoint.id, { enabled: false }, config);
  });

  it('two dispatchers on one database never send one attempt twice', async () => {
    const clock = testClock();
    const hook = await receiver();
    const { endpoint } = await createEndpoint(session(fx.actors.integrator, 'office', clock.now), { url: hook.url }, config);
    const streams = await Promise.all(Array.from({ length: 4 }, () => newCaseWithEvents(24)));
    const [a, b] = [dispatcher(clock), dispatcher(clock)];
    const rounds = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    const attempted = rounds.reduce((sum, r) => sum + r.attempted, 0);
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect(attempted).toBe(100);
    expect(hook.received).toHaveLength(100);
    expect(new Set(ids(hook.received)).size).toBe(100);
    expect(new Set(bodies(hook.received).map((x) => `${x.data.streamId}#${x.data.sequence}`)).size).toBe(100);
    expect(new Set(bodies(hook.received).map((x) => x.data.streamId))).toEqual(new Set(streams));
    const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.endpointId, endpoint.id));
    expect(attempts).toHaveLength(100);
    await updateEndpoint(session(fx.actors.integrator, 'office', clock.now), endpoint.id, { enabled: false }, config);
  });

  it('410 Gone disables the endpoint, and its owner sees why', async () => {
    const clock = testClock();
    const hook = await receiver(() => ({ status: 410 }));
    const { endpoint } = await createEndpoint(session(fx.actors.admin, 'county', clock.now), { url: hook.url }, config);
    await newCaseWithEvents(0);
    await dispatcher(clock).runOnce();
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row.status).toBe('DISABLED');
    expect(row.disabledReason).toContain('410');
    const sent = hook.received.length;
    await newCaseWithEvents(1);
    clock.advance(RETRY_DELAYS_MS[0]);
    expect((await dispatcher(clock).runOnce()).attempted).toBe(0);
    expect(hook.received).toHaveLength(sent);
  });

  it('429 and 503 wait for Retry-After instead of the schedule', async () => {
    const clock = testClock();
    const hook = await receiver((_r, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '120' } } : i === 1 ? { status: 503, headers: { 'retry-after': new Date(clock.now().getTime() + 600_000).toUTCString() } } : { status: 204 }));
    const { endpoint } = await createEndpoint(session(fx.actors.admin, 'county', clock.now), { url: hook.url }, config);
    await newCaseWithEvents(0);
    const d = dispatcher(clock);
    await d.runOnce();
    clock.advance(RETRY_DELAYS_MS[0]); // the schedule's 5 s would be now
    expect((await d.runOnce()).attempted).toBe(0);
    clock.advance(120_000 - RETRY_DELAYS_MS[0]);
    expect((await d.runOnce()).attempted).toBe(1); // the 503 asks for 10 minutes (an HTTP date)
    clock.advance(599_000);
    expect((await d.runOnce()).attempted).toBe(0);
    clock.advance(1000);
    expect((await d.runOnce()).attempted).toBe(1);
    expect(hook.received).toHaveLength(3);
    expect(new Set(ids(hook.received)).size).toBe(1);
    await updateEndpoint(session(fx.actors.admin, 'county', clock.now), endpoint.id, { enabled: false }, config);
  });

  it('a rotated secret signs beside the old one for 24 hours; receivers on either verify', async () => {
    const clock = testClock();
    const hook = await receiver();
    const manager = session(fx.actors.admin, 'county', clock.now);
    const { endpoint, secret: oldSecret } = await createEndpoint(manager, { url: hook.url }, config);
    const { secret: newSecret } = await rotateSecret(manager, endpoint.id);
    expect(newSecret).not.toBe(oldSecret);
    await newCaseWithEvents(0);
    await dispatcher(clock).runOnce();
    const during = hook.received[0];
    expect((during.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    new Webhook(oldSecret).verify(during.body, during.headers as Record<string, string>);
    new Webhook(newSecret).verify(during.body, during.headers as Record<string, string>);

    clock.advance(24 * 3600_000 + 1000);
    await newCaseWithEvents(0);
    await dispatcher(clock).runOnce();
    const after = hook.received[1];
    expect((after.headers['webhook-signature'] as string).split(' ')).toHaveLength(1);
    new Webhook(newSecret).verify(after.body, after.headers as Record<string, string>);
    expect(() => new Webhook(oldSecret).verify(after.body, after.headers as Record<string, string>)).toThrow();
    await updateEndpoint(manager, endpoint.id, { enabled: false }, config);
  });

  it('an endpoint of the accused unit never receives the accusation', async () => {
    const clock = testClock();
    const hook = await receiver();
    const { endpoint } = await createEndpoint(session(fx.actors.townALeader, 'townA', clock.now), { url: hook.url }, config).catch(() => ({ endpoint: null }));
    expect(endpoint).toBeNull(); // a township leader is neither ADMIN nor INTEGRATOR
    const { endpoint: townA } = await createEndpoint(session(fx.actors.admin, 'county', clock.now), { url: hook.url, unitId: fx.units.townA.id }, config);
    const accusation = await fileAccusationFromInside(app, db, fx, 'townA', fx.tokens.villageStaff);
    const ordinary = await newCaseWithEvents(0, fx.tokens.villageStaff);
    await untilSettled(db);
    await dispatcher(clock).runOnce();
    expect(bodies(hook.received).map((b) => b.data.streamId)).toEqual([ordinary]);
    expect(hook.received.some((r) => r.body.includes(accusation))).toBe(false);
    await updateEndpoint(session(fx.actors.admin, 'county', clock.now), townA.id, { enabled: false }, config);
  });

  it('disables an endpoint that has failed for 5 days, with the reason', async () => {
    const clock = testClock();
    const hook = await receiver(() => ({ status: 500 }));
    const { endpoint } = await createEndpoint(session(fx.actors.admin, 'county', clock.now), { url: hook.url }, config);
    const d = dispatcher(clock);
    for (let day = 0; day <= 5; day++) {
      await newCaseWithEvents(0);
      await d.runOnce();
      clock.advance(24 * 3600_000);
    }
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row.status).toBe('DISABLED');
    expect(row.disabledReason).toContain('5 天');
    expect(row.disabledReason).toContain('HTTP 500');
  });

  it('follows no redirect and gives up a silent receiver at the timeout', async () => {
    const clock = testClock();
    const hook = await receiver((r) => (r.path === '/hooks' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200 }));
    const { endpoint } = await createEndpoint(session(fx.actors.admin, 'county', clock.now), { url: hook.url }, config);
    await newCaseWithEvents(0);
    await dispatcher(clock).runOnce();
    expect(hook.received.map((r) => r.path)).toEqual(['/hooks']);
    hook.respondWith(() => 'hang');
    clock.advance(RETRY_DELAYS_MS[0]);
    await dispatcher(clock, 300).runOnce();
    const [message] = await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, endpoint.id));
    expect(message).toMatchObject({ status: 'PENDING', attempts: 2, lastStatusCode: null });
    expect(message.lastError).toContain('超时');
    await updateEndpoint(session(fx.actors.admin, 'county', clock.now), endpoint.id, { enabled: false }, config);
  });

  it('refuses private, loopback and link-local targets unless configured', async () => {
    const manager = session(fx.actors.admin, 'county', () => new Date());
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.8/hook', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/', 'http://localhost/']) {
      await expect(createEndpoint(manager, { url }, { allowedRanges: [] })).rejects.toMatchObject({ code: 'webhook/address-refused' });
    }
    await expect(createEndpoint(manager, { url: 'ftp://example.org/' }, config)).rejects.toMatchObject({ code: 'input/invalid' });
    // and at send time, whatever the endpoint row says
    const clock = testClock();
    const hook = await receiver();
    const { endpoint } = await createEndpoint(manager, { url: hook.url }, config);
    await newCaseWithEvents(0);
    await new WebhookDispatcher({ db, now: clock.now, random: () => 0.5, send: { allowedRanges: [] } }).runOnce();
    expect(hook.received).toHaveLength(0);
    const [message] = await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, endpoint.id));
    expect(message.lastError).toContain('127.0.0.1');
    await updateEndpoint(manager, endpoint.id, { enabled: false }, config);
  });

  it('a dispatcher that dies after claiming loses nothing: the lease lapses and the same webhook-id goes out', async () => {
    const clock = testClock();
    const hook = await receiver();
    const manager = session(fx.actors.admin, 'county', clock.now);
    const { endpoint } = await createEndpoint(manager, { url: hook.url }, config);
    await newCaseWithEvents(1);
    const crashed = dispatcher(clock);
    await crashed.runOnce().catch(() => {});
    hook.received.length = 0;
    // a second message claimed by a dispatcher that then died (no send, no record)
    await redeliver(manager, (await db.select().from(webhookMessages).where(eq(webhookMessages.endpointId, endpoint.id)))[0].id);
    const claimed = await claimDue(db, clock.now(), 10, 60_000);
    expect(claimed).toHaveLength(1);
    expect((await dispatcher(clock).runOnce()).attempted).toBe(0); // still leased
    clock.advance(61_000);
    expect((await dispatcher(clock).runOnce()).attempted).toBe(1);
    expect(ids(hook.received)).toEqual([`msg_${claimed[0].messageId.replace(/-/g, '')}`]);
    const log = await deliveries(manager, endpoint.id, { first: 10 });
    expect(log.find((m) => m.id === claimed[0].messageId)!.attemptsLog.map((a) => a.manual)).toEqual([false, true]);
    await updateEndpoint(manager, endpoint.id, { enabled: false }, config);
  });

  it('replays everything since a cursor or a time, with the original webhook-ids', async () => {
    const clock = testClock();
    const hook = await receiver();
    const manager = session(fx.actors.admin, 'county', clock.now);
    const { endpoint } = await createEndpoint(manager, { url: hook.url, eventTypes: ['case.test_note'] }, config);
    const caseId = await newCaseWithEvents(3);
    const d = dispatcher(clock);
    await d.runOnce();
    const first = bodies(hook.received);
    expect(first.map((b) => b.data.sequence)).toEqual([2, 3, 4]);
    const firstIds = ids(hook.received);
    hook.received.length = 0;
    expect(await replay(manager, endpoint.id, { after: decode(first[0].data.cursor) })).toEqual({ queued: 2, complete: true });
    await d.runOnce();
    expect(ids(hook.received)).toEqual(firstIds.slice(1));
    hook.received.length = 0;
    const [registered] = await db.select({ at: events.recordedAt }).from(events).where(and(eq(events.streamId, caseId), eq(events.sequence, 2)));
    expect(await replay(manager, endpoint.id, { since: registered.at })).toEqual({ queued: 3, complete: true });
    await d.runOnce();
    expect(bodies(hook.received).map((b) => [b.data.streamId, b.data.sequence])).toEqual([2, 3, 4].map((s) => [caseId, s]));
    await expect(replay(manager, endpoint.id, {})).rejects.toMatchObject({ code: 'input/invalid' });
    await updateEndpoint(manager, endpoint.id, { enabled: false }, config);
  });
});

function decode(cursor: string) {
  const [orderXid, id] = cursor.split(':');
  return { orderXid, id: Number(id) };
}
