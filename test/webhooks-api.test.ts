import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { accounts } from '../db/schema';
import { WebhookDispatcher } from '../db/webhooks/dispatcher';
import type { App } from '../schema/yoga';
import { gql, testApp, tokenFor } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { registerCase } from './support/cases';
import { untilSettled } from './support/events';
import { startReceiver } from './support/receiver';

let db: Database;
let app: App;
let fx: Fixture;
let otherIntegrator: string;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let flakyFailed = 0;

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { webhooks: { allowedRanges: ['loopback'] } });
  fx = await buildFixture(db);
  hook = await startReceiver((r) => (r.path.includes('flaky') && !flakyFailed++ ? { status: 500, body: 'busy' } : { status: 200 }));
  const [row] = await db.insert(accounts).values({ username: `int2-${fx.code}`, displayName: '另一对接方', unitId: fx.units.office.id, roles: ['INTEGRATOR'] }).returning();
  otherIntegrator = await tokenFor({ accountId: row.id, displayName: row.displayName, roles: ['INTEGRATOR'], unitId: row.unitId, petitionerId: null });
});
afterAll(() => hook.close());

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  __typename ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id url status } } } ... on Error { code message } } }`;
const LIST = `{ webhookEndpoints { id url } }`;

describe('webhook endpoints through GraphQL', () => {
  it('integrators manage their own, administrators their subtree’s, staff none; private addresses are refused with a code', async () => {
    const mine = await gql(app, CREATE, { input: { url: `${hook.url}?who=integrator`, eventTypes: ['case.registered'] } }, fx.tokens.integrator);
    expect(mine.data.createWebhookEndpoint.__typename).toBe('MutationCreateWebhookEndpointSuccess');
    const id = mine.data.createWebhookEndpoint.data.endpoint.id;
    expect(mine.data.createWebhookEndpoint.data.secret).toMatch(/^whsec_/);

    expect((await gql(app, LIST, {}, fx.tokens.integrator)).data.webhookEndpoints.map((e: { id: string }) => e.id)).toEqual([id]);
    expect((await gql(app, LIST, {}, otherIntegrator)).data.webhookEndpoints).toEqual([]);
    expect((await gql(app, LIST, {}, fx.tokens.admin)).data.webhookEndpoints.map((e: { id: string }) => e.id)).toContain(id);
    const staff = await gql(app, LIST, {}, fx.tokens.officeStaff);
    expect(staff.errors?.[0].extensions?.code).toBe('auth/forbidden');

    const rotateByOther = await gql(app, `mutation($id: ID!) { rotateWebhookSecret(id: $id) { __typename ... on Error { code } } }`, { id }, otherIntegrator);
    expect(rotateByOther.data.rotateWebhookSecret).toEqual({ __typename: 'NotFoundError', code: 'webhook-endpoint/not-found' });
    const outside = await gql(app, CREATE, { input: { url: hook.url, unitId: Buffer.from(`Unit:${fx.units.city.id}`).toString('base64') } }, fx.tokens.admin);
    expect(outside.data.createWebhookEndpoint).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    const metadata = await gql(app, CREATE, { input: { url: 'http://169.254.169.254/latest/meta-data/' } }, fx.tokens.admin);
    expect(metadata.data.createWebhookEndpoint).toMatchObject({ __typename: 'WebhookRuleError', code: 'webhook/address-refused' });
    const badType = await gql(app, CREATE, { input: { url: hook.url, eventTypes: ['Registered!'] } }, fx.tokens.admin);
    expect(badType.data.createWebhookEndpoint).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
  });

  it('shows the delivery log, redelivers one message with its webhook-id, and replays from a cursor', async () => {
    const created = await gql(app, CREATE, { input: { url: `${hook.url}/flaky`, eventTypes: ['case.registered'] } }, fx.tokens.admin);
    const endpointId = created.data.createWebhookEndpoint.data.endpoint.id;
    await registerCase(app, fx, { receivedOn: '2026-06-21' });
    await untilSettled(db);
    let clock = new Date();
    const dispatcher = new WebhookDispatcher({ db, now: () => clock, random: () => 0.5, send: { allowedRanges: ['loopback'] } });
    await dispatcher.runOnce();
    clock = new Date(clock.getTime() + 5000);
    await dispatcher.runOnce();
    const LOG = `query { webhookEndpoints { id deliveries(first: 5) { id webhookId status attempts attemptLog { attemptNumber statusCode responseExcerpt durationMs manual } } } }`;
    const logged = await gql(app, LOG, {}, fx.tokens.admin);
    if (logged.errors) throw new Error(JSON.stringify(logged.errors));
    const endpoint = logged.data.webhookEndpoints.find((e: { id: string }) => e.id === endpointId);
    expect(endpoint.deliveries).toHaveLength(1);
    const [message] = endpoint.deliveries;
    expect(message).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    expect(message.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    expect(message.attemptLog[0].responseExcerpt).toBe('busy');

    const before = hook.received.length;
    const again = await gql(app, `mutation($id: ID!) { redeliverWebhookMessage(id: $id) { __typename ... on MutationRedeliverWebhookMessageSuccess { data { status } } } }`, { id: message.id }, fx.tokens.admin);
    expect(again.data.redeliverWebhookMessage.data.status).toBe('PENDING');
    await dispatcher.runOnce();
    expect(hook.received.slice(before).filter((r) => r.path.includes('flaky')).map((r) => r.headers['webhook-id'])).toEqual([message.webhookId]);

    const cursor = JSON.parse(hook.received.filter((r) => r.path.includes('flaky')).pop()!.body).data.cursor as string;
    const REPLAY = `mutation($input: ReplayWebhookEndpointInput!) { replayWebhookEndpoint(input: $input) { __typename ... on MutationReplayWebhookEndpointSuccess { data { queued complete } } ... on Error { code } } }`;
    const fromCursor = await gql(app, REPLAY, { input: { id: endpointId, after: cursor } }, fx.tokens.admin);
    expect(fromCursor.data.replayWebhookEndpoint.data).toEqual({ queued: 0, complete: true });
    const badCursor = await gql(app, REPLAY, { input: { id: endpointId, after: 'yesterday' } }, fx.tokens.admin);
    expect(badCursor.data.replayWebhookEndpoint.code).toBe('input/invalid');
    await gql(app, `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename } }`, { input: { id: endpointId, enabled: false } }, fx.tokens.admin);
  });
});
