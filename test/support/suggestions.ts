import { and, asc, eq } from 'drizzle-orm';
import { gql } from './app';
import type { Fixture } from './fixtures';
import type { Database } from '../../db/client';
import { events } from '../../db/schema';
import type { App } from '../../schema/yoga';

export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
export const dbIdOf = (globalIdValue: string) => Buffer.from(globalIdValue, 'base64').toString().split(':')[1];

/** Mutations whose result union has no stream errors (creations, endorsements). */
const notStreamActions = new Set(['submitSuggestion', 'createSuggestionCampaign', 'endorseSuggestion', 'withdrawSuggestionEndorsement', 'createSuggestionAwardTier']);

/** The suggestion API as the tests drive it: every call is a real GraphQL request through yoga. */
export function suggestionApi(app: () => App, fx: () => Fixture, db: () => Database) {
  async function mutate(name: string, input: Record<string, unknown>, token: string | undefined, select = 'suggestion { id number version status }', inputType?: string) {
    const type = `${name[0].toUpperCase()}${name.slice(1)}`;
    const streamErrors = notStreamActions.has(name) ? '' : '... on InvalidTransitionError { allowedActions } ... on VersionConflictError { currentVersion }';
    const result = await gql(
      app(),
      `mutation($input: ${inputType ?? type}Input!) { ${name}(input: $input) { __typename ... on Mutation${type}Success { data { ${select} } }
        ... on Error { code message } ${streamErrors} } }`,
      { input },
      token,
    );
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    return result.data[name];
  }

  async function campaign(overrides: Record<string, unknown> = {}, token = fx().tokens.officeStaff) {
    const created = await mutate(
      'createSuggestionCampaign',
      { title: '城市交通金点子征集', description: '围绕城区交通出行，征集市民意见建议。', categories: ['交通出行'], opensOn: '2026-03-01', closesOn: '2026-03-31', feedbackDays: 20, endorsementThreshold: 3, ...overrides },
      token,
      'campaign { id version }',
    );
    const c = created.data.campaign;
    const opened = await mutate('openSuggestionCampaign', { campaignId: c.id, expectedVersion: c.version }, token, 'campaign { id version status }', 'SuggestionCampaignAction');
    return opened.data.campaign as { id: string; version: number; status: string };
  }

  /** Submits and returns the receipt plus the suggestion's global id. */
  async function submit(input: Record<string, unknown>, token?: string): Promise<{ number: string; queryCode: string; id: string }> {
    const payload = await mutate(
      'submitSuggestion',
      { title: '实验小学门口增设红绿灯', content: '实验小学门口路口车多，孩子过马路很危险，建议安装信号灯。', category: '交通出行', ...input },
      token,
      'number queryCode',
    );
    if (!payload.data) throw new Error(`submission refused: ${JSON.stringify(payload)}`);
    const row = await db().query.suggestions.findFirst({ where: { number: payload.data.number } });
    return { ...payload.data, id: globalId('Suggestion', row!.id) };
  }

  async function load(id: string, select: string, token = fx().tokens.officeStaff) {
    const result = await gql(app(), `query($id: ID!) { node(id: $id) { ... on Suggestion { ${select} } } }`, { id }, token);
    if (result.errors && result.errors[0]?.extensions?.code !== 'node/not-found') throw new Error(JSON.stringify(result.errors));
    return result.data?.node ?? null;
  }

  async function history(id: string) {
    return db()
      .select({ sequence: events.sequence, type: events.type, actorId: events.actorId, payload: events.payload })
      .from(events)
      .where(and(eq(events.streamType, 'SUGGESTION'), eq(events.streamId, dbIdOf(id))))
      .orderBy(asc(events.sequence));
  }

  return { mutate, campaign, submit, load, history };
}
