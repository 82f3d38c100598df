/**
 * Event delivery figures (README "Integrators"): latency from commit to SSE receipt (a graphql-sse subscriber)
 * and to webhook receipt (a loopback receiver), median and p99 over N events, and the events per second one
 * instance delivers. One process plays one API instance: yoga over node:http, the NOTIFY listener and the
 * dispatcher loop, on a fresh database of the local PostgreSQL server through the production Neon driver.
 *
 *   latency:    N events from 4 writers, paced (about 200 a second), each timed from its commit's return
 *               to its arrival; a delivery can beat the writer's own "commit returned" by a hair.
 *   throughput: a backlog of N events handed out by one instance: a fresh subscriber replaying it from a cursor,
 *               and a fresh endpoint replaying it (fan-out, claims, signed POSTs, records), first byte to last.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-sse';
import { openConfiguredDatabase } from '../db/open';
import { prepareDatabase } from '../db/prepare';
import { seedDemoData } from '../db/seed';
import { cases } from '../db/schema';
import { EventWaker } from '../db/events/waker';
import { currentPosition } from '../db/events/feed';
import { decodeCursor, encodeCursor } from '../db/events/cursor';
import { recordSystemEvent } from '../db/streams/runner';
import { caseStream } from '../db/cases/stream';
import { WebhookDispatcher } from '../db/webhooks/dispatcher';
import { createEndpoint, replay } from '../db/webhooks/service';
import { devTokenFor } from '../functions/dev-tokens';
import { createApp } from '../schema/yoga';
import { adminQuery, databaseUrl } from './pg';
import { eq } from 'drizzle-orm';
import { accounts } from '../db/schema';

const SECRET = 'bench-delivery-secret-0123456789';

export interface DeliveryFigures {
  events: number;
  sse: { p50: number; p99: number; eventsPerSecond: number };
  webhook: { p50: number; p99: number; eventsPerSecond: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function deliveryBench(options: { events: number; log: (line: string) => void }): Promise<DeliveryFigures> {
  const name = 'xf_bench_delivery';
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  const handle = await openConfiguredDatabase({ databaseUrl: databaseUrl(name) });
  const stops: (() => Promise<void>)[] = [];
  try {
    await prepareDatabase(handle);
    await seedDemoData(handle.db);
    const db = handle.db;
    const waker = await EventWaker.listen(handle);
    stops.push(() => waker.close());
    // buckets that never run dry: the figure is delivery latency, not the writers' rate limit
    const unthrottled = { maximum: 1e12, restorePerSecond: 1e9 };
    const app = createApp({ db, auth: { jwtSecret: SECRET }, production: true, logging: false, delivery: { waker, catchUpMs: 2000 }, rateLimits: { STAFF: unthrottled, ADMIN: unthrottled, INTEGRATOR: unthrottled } });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

    const webhookAt = new Map<string, number>();
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const { data } = JSON.parse(body) as { data: { streamId: string; sequence: number } };
        if (!webhookAt.has(`${data.streamId}#${data.sequence}`)) webhookAt.set(`${data.streamId}#${data.sequence}`, performance.now());
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => (receiver.closeAllConnections(), receiver.close(() => resolve()))));

    const [admin] = await db.select().from(accounts).where(eq(accounts.username, 'admin'));
    const unitPath = (await db.query.units.findFirst({ where: { id: admin.unitId! } }))!.path;
    const actor = { accountId: admin.id, displayName: admin.displayName, roles: admin.roles, unitId: admin.unitId, petitionerId: null };
    const session = { db, actor, unitPath, now: () => new Date() };
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    await createEndpoint(session, { url: receiverUrl, eventTypes: ['case.bench'] }, { allowedRanges: ['loopback'] });
    const dispatcher = new WebhookDispatcher({ db, send: { allowedRanges: ['loopback'] } });
    dispatcher.start(waker, 2000);
    stops.push(() => dispatcher.stop());

    const streams = (await db.select({ id: cases.id, path: cases.unitPath }).from(cases)).filter((c) => c.path.startsWith(unitPath)).map((c) => c.id).slice(0, 16);
    const token = (await devTokenFor(db, SECRET, 'admin'))!.token;
    const sseAt = new Map<string, number>();
    const client = createClient({ url, retryAttempts: 0, headers: { authorization: `Bearer ${token}` } });
    stops.push(async () => client.dispose());
    const subscribe = (after: string) =>
      (async () => {
        const query = `subscription($after: String) { events(after: $after, filter: { types: ["case.bench"] }) { streamId sequence } }`;
        for await (const result of client.iterate<{ events: { streamId: string; sequence: number } }>({ query, variables: { after } })) {
          const e = result.data!.events;
          if (!sseAt.has(`${e.streamId}#${e.sequence}`)) sseAt.set(`${e.streamId}#${e.sequence}`, performance.now());
        }
      })().catch(() => {});

    const committedAt = new Map<string, number>();
    async function write(count: number, paceMs: number) {
      let next = 0;
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          for (;;) {
            const i = next++;
            if (i >= count) return;
            const stream = streams[(i + w) % streams.length];
            let sequence = 0;
            await db.transaction(async (tx) => {
              await recordSystemEvent(tx, caseStream, stream, new Date(), () => ({ type: 'case.bench', payload: { i } }));
              const [row] = await tx.execute(`select max(sequence) as s from events where stream_type = 'CASE' and stream_id = '${stream}'`).then((r) => (r as unknown as { rows: { s: number }[] }).rows);
              sequence = Number(row.s);
            });
            committedAt.set(`${stream}#${sequence}`, performance.now());
            if (paceMs) await new Promise((resolve) => setTimeout(resolve, paceMs));
          }
        }),
      );
    }
    async function rateOf(at: Map<string, number>, keys: string[], started: number): Promise<number> {
      const deadline = Date.now() + 120_000;
      while (keys.some((k) => !at.has(k)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      return keys.length / ((Math.max(...keys.map((k) => at.get(k) ?? Infinity)) - started) / 1000);
    }
    async function settle(keys: string[], timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (keys.some((k) => !sseAt.has(k) || !webhookAt.has(k)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const missing = keys.filter((k) => !sseAt.has(k) || !webhookAt.has(k)).length;
      if (missing) throw new Error(`delivery bench: ${missing} events not delivered within ${timeoutMs / 1000} s`);
    }

    void subscribe(encodeCursor(await currentPosition(db)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    options.log(`  delivery: latency, ${options.events} events from 4 paced writers`);
    await write(options.events, 20);
    const paced = [...committedAt.keys()];
    await settle(paced);
    const lat = (at: Map<string, number>) => paced.map((k) => Math.max(0, at.get(k)! - committedAt.get(k)!)).sort((a, b) => a - b);
    const sseLatency = lat(sseAt);
    const webhookLatency = lat(webhookAt);

    // Throughput: a backlog of N events, then how fast one instance hands it out: a fresh subscriber replaying it,
    // and a fresh endpoint replaying it (fan-out, claims, signed POSTs, records).
    options.log(`  delivery: throughput, a backlog of ${options.events} events`);
    const before = encodeCursor(await currentPosition(db));
    committedAt.clear();
    await write(options.events, 0);
    const backlog = [...committedAt.keys()];
    await settle(backlog);
    sseAt.clear();
    const sseStarted = performance.now();
    void subscribe(before);
    const sseRate = await rateOf(sseAt, backlog, sseStarted);
    webhookAt.clear();
    const webhookStarted = performance.now();
    const second = await createEndpoint(session, { url: receiverUrl, eventTypes: ['case.bench'] }, { allowedRanges: ['loopback'] });
    await replay(session, second.endpoint.id, { after: decodeCursor(before) });
    waker.wake();
    const webhookRate = await rateOf(webhookAt, backlog, webhookStarted);
    return {
      events: options.events,
      sse: { p50: percentile(sseLatency, 50), p99: percentile(sseLatency, 99), eventsPerSecond: sseRate },
      webhook: { p50: percentile(webhookLatency, 50), p99: percentile(webhookLatency, 99), eventsPerSecond: webhookRate },
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    await handle.close();
    await adminQuery(`drop database if exists ${name} with (force)`);
  }
}

/** The BENCHMARKS.md section. */
export function deliveryLines(f: DeliveryFigures): string[] {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    '## Event delivery (subscriptions over SSE, Standard Webhooks)',
    '',
    `One instance (yoga on node:http, one NOTIFY listener, the dispatcher loop), local PostgreSQL through the Neon driver; ${f.events} events from 4 writers (bench/delivery.ts).`,
    '',
    '| path | latency p50 | latency p99 | events/s one instance delivers (replaying a backlog) |',
    '|---|---|---|---|',
    `| commit → SSE (graphql-sse client) | ${ms(f.sse.p50)} | ${ms(f.sse.p99)} | ${f.sse.eventsPerSecond.toFixed(0)} |`,
    `| commit → webhook (loopback receiver, 2xx) | ${ms(f.webhook.p50)} | ${ms(f.webhook.p99)} | ${f.webhook.eventsPerSecond.toFixed(0)} |`,
    '',
  ];
}
