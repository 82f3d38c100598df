/**
 * The production driver (@neondatabase/serverless over WebSockets, and drizzle's
 * neon-serverless adapter on top) against the local PostgreSQL server, through
 * the loopback WebSocket→TCP proxy in db/ws-proxy.ts.
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (trust auth); override the admin URL with
 * NEON_PROXY_TEST_ADMIN_URL. `npm test` needs no server: when nothing listens there the
 * tests that need one are skipped with a message saying how to start it. Under CI or
 * TEST_DATABASE=postgres (where .ci/run has started the server) they are never skipped:
 * an unreachable server fails them.
 * Works in its own database, created with a unique name and dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { neonConfig, type Pool } from '@neondatabase/serverless';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createNeonPool } from '../db/neon';
import { isLoopbackHost, parseTargetAddress, startWsProxy, type WsProxy } from '../db/ws-proxy';
import { assertServerReachable, serverAvailability } from './support/postgres-server';

const adminUrl = new URL(
  process.env.NEON_PROXY_TEST_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
);
const dbName = `xinfang_neon_${process.pid}_${randomBytes(4).toString('hex')}`;

const notes = pgTable('neon_proxy_notes', {
  id: integer('id').primaryKey(),
  body: text('body').notNull(),
});

let proxy: WsProxy;
let admin: Pool | undefined;
let pool: Pool | undefined;

const serverHost = adminUrl.hostname;
const serverPort = Number(adminUrl.port || 5432);
const { skip, reason: needsServer } = await serverAvailability(adminUrl, 'neon-proxy.test');

/** Opens a WebSocket to the proxy and reports the HTTP status it was refused with, if any. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number | 'open'> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once('error', (err) => {
      if (!err.message.startsWith('Unexpected server response')) reject(err);
    });
  });
}

beforeAll(async () => {
  if (skip) return;
  await assertServerReachable(serverHost, serverPort);
  proxy = await startWsProxy({ port: 0 });
  admin = createNeonPool(adminUrl.href, { wsProxy: proxy.url });
  await admin.query(`create database "${dbName}"`);
  const dbUrl = new URL(adminUrl.href);
  dbUrl.pathname = `/${dbName}`;
  pool = createNeonPool(dbUrl.href, { wsProxy: proxy.url });
});

afterAll(async () => {
  // pool.end() resolves before its connections are gone on the server side; wait
  // for them so the drop does not have to kill them (a killed backend's FATAL
  // message would reach a closing client as an unhandled error).
  await pool?.end();
  if (admin) {
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [dbName],
      );
      if (rows[0].n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
  await proxy?.close();
});

describe.skipIf(skip)(`Neon driver through the WebSocket proxy ${needsServer}`, () => {
  it('runs select 1 in the fresh database', async () => {
    const { rows } = await pool!.query('select 1 as one, current_database() as db');
    expect(rows).toEqual([{ one: 1, db: dbName }]);
  });

  it('rolls back a transaction', async () => {
    await pool!.query('create table rollback_probe (id int primary key)');
    const client = await pool!.connect();
    try {
      await client.query('begin');
      await client.query('insert into rollback_probe values (1)');
      const inside = await client.query('select count(*)::int as n from rollback_probe');
      expect(inside.rows[0].n).toBe(1);
      await client.query('rollback');
    } finally {
      client.release();
    }
    const after = await pool!.query('select count(*)::int as n from rollback_probe');
    expect(after.rows[0].n).toBe(0);
  });

  it('serves drizzle-orm/neon-serverless queries and transactions', async () => {
    const db = drizzle({ client: pool! });
    await db.execute(
      sql`create table ${notes} (id integer primary key, body text not null)`,
    );
    await db.insert(notes).values([
      { id: 1, body: '来信' },
      { id: 2, body: '来访' },
    ]);
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(notes).values({ id: 3, body: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await db.select().from(notes).orderBy(notes.id);
    expect(rows).toEqual([
      { id: 1, body: '来信' },
      { id: 2, body: '来访' },
    ]);
    const [one] = await db.select({ body: notes.body }).from(notes).where(eq(notes.id, 2));
    expect(one).toEqual({ body: '来访' });
  });

  it('delivers LISTEN/NOTIFY', async () => {
    const listener = await pool!.connect();
    try {
      const received = new Promise<{ channel: string; payload?: string }>((resolve) =>
        listener.on('notification', (msg) => resolve(msg)),
      );
      await listener.query('listen case_events');
      await pool!.query(`select pg_notify('case_events', 'case:42')`);
      const msg = await Promise.race([
        received,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('no notification within 5 s')), 5000),
        ),
      ]);
      expect(msg).toMatchObject({ channel: 'case_events', payload: 'case:42' });
      await listener.query('unlisten case_events');
    } finally {
      listener.release();
    }
  });
});

describe.skipIf(skip)(`createNeonPool ${needsServer}`, () => {
  it('keeps each pool on its own proxy and leaves the global neonConfig alone', async () => {
    const other = await startWsProxy();
    const first = createNeonPool(adminUrl.href, { wsProxy: proxy.url });
    const second = createNeonPool(adminUrl.href, { wsProxy: other.url });
    try {
      expect((await second.query('select 2 as n')).rows).toEqual([{ n: 2 }]);
      await second.end();
      await other.close();
      // `first` opens its first connection only now, after `second` was configured
      // and its proxy is gone: it must still go through its own proxy.
      expect((await first.query('select 1 as n')).rows).toEqual([{ n: 1 }]);
      expect(neonConfig.wsProxy).not.toBe(proxy.url);
      expect(neonConfig.wsProxy).not.toBe(other.url);
    } finally {
      await first.end();
      await other.close().catch(() => {});
    }
  });
});

describe('ws-proxy', () => {
  it.skipIf(skip)(`exposes host:port for neonConfig.wsProxy ${needsServer}`, () => {
    expect(proxy.url).toBe(`127.0.0.1:${proxy.port}`);
    expect(proxy.port).toBeGreaterThan(0);
  });

  it.skipIf(skip)(`refuses targets off loopback, malformed addresses and browser origins ${needsServer}`, async () => {
    const base = `ws://${proxy.url}`;
    // Refused at the HTTP upgrade, before any connection to the target is tried.
    expect(await upgradeStatus(`${base}?address=10.0.0.1:5432`)).toBe(403);
    expect(await upgradeStatus(`${base}?address=example.com:5432`)).toBe(403);
    expect(await upgradeStatus(`${base}?address=127.0.0.1`)).toBe(400);
    expect(await upgradeStatus(base)).toBe(400);
    expect(
      await upgradeStatus(`${base}?address=127.0.0.1:5432`, { Origin: 'https://evil.example' }),
    ).toBe(403);
    expect(await upgradeStatus(`${base}?address=127.0.0.1:5432`)).toBe('open');
  });

  it('parses and classifies addresses', () => {
    expect(parseTargetAddress('127.0.0.1:5432')).toEqual({ host: '127.0.0.1', port: 5432 });
    expect(parseTargetAddress('[::1]:5432')).toEqual({ host: '::1', port: 5432 });
    expect(parseTargetAddress('::1:5432')).toEqual({ host: '::1', port: 5432 });
    expect(parseTargetAddress('localhost:0')).toBeUndefined();
    expect(parseTargetAddress('localhost:x')).toBeUndefined();
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost(new URL('postgresql://u@[::1]:5432/db').hostname)).toBe(true);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.example.com')).toBe(false);
  });

  it('will not listen off loopback', async () => {
    await expect(startWsProxy({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });
});
