import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { cases } from '../../db/schema';
import type { App } from '../../schema/yoga';
import { gql } from './app';
import { idempotencyKey, newIdentityNumber, type Fixture } from './fixtures';
import { fake } from './seed';

export const CASE_FIELDS = `id version status unit { name } nextDueOn overdue concludedMatter
  deadlines { kind dueOn state pausedDays days met completedOn }`;

/**
 * A valid registerCase input for the fixture's first village, with one generated petitioner (test/support/seed.ts);
 * override what a test is about.
 */
export function caseInput(fx: Fixture, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: idempotencyKey(),
    kind: 'APPEAL_REQUEST',
    channel: 'VISIT',
    category: '劳动社保',
    title: fake().title(),
    content: '工地拖欠工资三个月，请求帮助。',
    placeCode: `${fx.code}001001`,
    receivedOn: '2026-01-05',
    petitioners: [fake().person()],
    ...overrides,
  };
}

/** Registers a case through the API and returns its id and number. */
export async function registerCase(
  app: App,
  fx: Fixture,
  overrides: Record<string, unknown> = {},
  token = fx.tokens.officeStaff,
): Promise<{ id: string; number: string; queryCode: string; version: number }> {
  const result = await gql(
    app,
    `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
      __typename ... on MutationRegisterCaseSuccess { data { case { id number queryCode version } } } ... on Error { code message } } }`,
    { input: caseInput(fx, overrides) },
    token,
  );
  const payload = result.data?.registerCase;
  if (payload?.__typename !== 'MutationRegisterCaseSuccess') throw new Error(`registerCase failed: ${JSON.stringify(result)}`);
  return payload.data.case;
}

/** Runs a lifecycle mutation by name; returns the typed payload (success data.case or an error object). */
export async function act(app: App, name: string, input: Record<string, unknown>, token: string) {
  const type = `${name[0].toUpperCase()}${name.slice(1)}`;
  const result = await gql(
    app,
    `mutation($input: ${type}Input!) { ${name}(input: $input) {
      __typename
      ... on Mutation${type}Success { data { case { ${CASE_FIELDS} } } }
      ... on Error { code message }
      ... on InvalidTransitionError { allowedActions }
      ... on VersionConflictError { currentVersion }
    } }`,
    { input },
    token,
  );
  if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  const payload = result.data[name];
  return { ...payload, case: payload.data?.case } as { __typename: string; code?: string; message?: string; allowedActions?: string[]; currentVersion?: number; case?: any };
}

export function deadline(c: { deadlines: { kind: string }[] }, kind: string) {
  return c.deadlines.find((d) => d.kind === kind) as { kind: string; dueOn: string; state: string; pausedDays: number; days: number; met: boolean | null; completedOn: string | null };
}

/** The database id inside a Relay global ID ("Case:<uuid>" in base64). */
export function dbId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':')[1];
}

/**
 * Registers an accusation (检举控告) against `accused` through the API as a staff member inside the accused subtree,
 * who may file it but never read it back: returns the case's database id, looked up by its unique title.
 */
export async function fileAccusationFromInside(app: App, db: Database, fx: Fixture, accused: keyof Fixture['units'], token: string): Promise<string> {
  const title = `检举${accused}-${idempotencyKey()}`;
  const input = caseInput(fx, {
    kind: 'ACCUSATION',
    category: '纪检监察',
    title,
    accusedUnitId: Buffer.from(`Unit:${fx.units[accused].id}`).toString('base64'),
    petitioners: [{ name: '检举人', identityNumber: newIdentityNumber() }],
  });
  const result = await gql(app, `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename } }`, { input }, token);
  if (result.data?.registerCase?.__typename !== 'MutationRegisterCaseSuccess') throw new Error(`registerCase failed: ${JSON.stringify(result)}`);
  const [row] = await db.select({ id: cases.id }).from(cases).where(eq(cases.title, title));
  return row.id;
}
