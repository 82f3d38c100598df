/**
 * The local server restarted in the middle of delivery: the real server code (startLocalServer: NOTIFY listener,
 * dispatcher loop, SSE) on one PGlite data directory, stopped while a subscriber streams and webhooks go out, then
 * started again. The subscriber resumes by cursor; the dispatcher finds its outbox where it stopped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-sse';
import { readConfig } from '../functions/config';
import { startLocalServer, type LocalServer } from '../functions/local-server';
import { startReceiver } from './support/receiver';

const root = mkdtempSync(join(tmpdir(), 'xf-delivery-restart-'));
const config = { ...readConfig({ DATA_DIR: join(root, 'pglite'), PORT: '0', JWT_SECRET: 'restart-test-secret', EVENTS_CATCH_UP_MS: '500', WEBHOOK_ALLOWED_RANGES: 'loopback' }) };
const servers: LocalServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.close().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

async function gql(server: LocalServer, query: string, variables: Record<string, unknown>, username: string) {
  const token = server.tokens.find((t) => t.username === username)!.token;
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename ... on MutationRegisterCaseSuccess { data { case { id events(first: 1) { nodes { cursor } } } } } } }`;
async function register(server: LocalServer, n: number) {
  const input = { idempotencyKey: `restart-${process.pid}-${n}`, kind: 'APPEAL_REQUEST', channel: 'VISIT', category: '劳动社保', title: `重启测试 ${n}`, content: '重启前后都要送达。', placeCode: '500118001001', receivedOn: '2026-06-01', petitioners: [{ name: '张三' }] };
  const data = await gql(server, REGISTER, { input }, 'staff');
  const c = data.registerCase.data.case;
  return { id: Buffer.from(c.id, 'base64').toString().split(':')[1], cursor: c.events.nodes[0].cursor as string };
}

describe('a restart in the middle of delivery', { timeout: 120_000 }, () => {
  it('loses nothing: the subscriber resumes by cursor and every webhook arrives (repeats only with the same webhook-id)', async () => {
    const hook = await startReceiver();
    let server = await startLocalServer(config);
    servers.push(server);
    await gql(server, `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename } }`, { input: { url: hook.url, eventTypes: ['case.registered'] } }, 'admin');
    const first = await register(server, 0);
    const expected = new Set([first.id]);

    const seen: string[] = [];
    let cursor = first.cursor;
    const follow = async (target: LocalServer, until: () => boolean) => {
      const token = target.tokens.find((t) => t.username === 'admin')!.token;
      const client = createClient({ url: target.url, retryAttempts: 0, headers: { authorization: `Bearer ${token}` } });
      try {
        const query = `subscription($after: String) { events(after: $after, filter: { types: ["case.registered"] }) { cursor streamId } }`;
        for await (const result of client.iterate<{ events: { cursor: string; streamId: string } }>({ query, variables: { after: cursor } })) {
          seen.push(result.data!.events.streamId);
          cursor = result.data!.events.cursor;
          if (until()) break;
        }
      } catch {
        // the server went away: resume from `cursor`
      } finally {
        client.dispose();
      }
    };

    const streaming = follow(server, () => false);
    for (let n = 1; n <= 10; n++) expected.add((await register(server, n)).id);
    await server.close(); // mid-stream: the SSE connection is cut, the dispatcher stops wherever it is
    await streaming;

    server = await startLocalServer(config);
    servers.push(server);
    for (let n = 11; n <= 20; n++) expected.add((await register(server, n)).id);
    expected.delete(first.id); // the subscriber started after it
    await follow(server, () => expected.size > 0 && [...expected].every((id) => seen.includes(id)));
    expect(new Set(seen)).toEqual(expected);
    expect(seen).toHaveLength(expected.size);

    expected.add(first.id);
    const deadline = Date.now() + 30_000;
    const webhookIds = () => {
      const byCase = new Map<string, Set<string>>();
      for (const r of hook.received) {
        const streamId = JSON.parse(r.body).data.streamId as string;
        if (!byCase.has(streamId)) byCase.set(streamId, new Set());
        byCase.get(streamId)!.add(r.headers['webhook-id'] as string);
      }
      return byCase;
    };
    while (webhookIds().size < expected.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const byCase = webhookIds();
    expect(new Set(byCase.keys())).toEqual(expected);
    for (const ids of byCase.values()) expect(ids.size).toBe(1);
    await hook.close();
  });
});
