import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { cases, events } from '../db/schema';
import type { Database } from '../db/client';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { caseInput as sharedCaseInput } from './support/cases';
import { masked } from './support/seed';
import type { App } from '../schema/yoga';

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterCaseInput!) {
    registerCase(input: $input) {
      __typename
      ... on MutationRegisterCaseSuccess { data { replayed case { id number queryCode channel status receivedOn version participants { role petitioner { name identityNumber mobile } } events(first: 5) { nodes { sequence type toStatus } } } } }
      ... on Error { code message }
      ... on InputError { issues { path message } }
    }
  }
`;

let db: Database;
let app: App;
let fx: Fixture;
// A fixed clock: 2026-05-20 10:00 in China.
const now = new Date('2026-05-20T02:00:00Z');

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

function caseInput(overrides: Record<string, unknown> = {}) {
  return sharedCaseInput(fx, { receivedOn: '2026-05-18', ...overrides });
}

async function register(input: Record<string, unknown>, token = fx.tokens.officeStaff) {
  return gql(app, REGISTER, { input }, token);
}

describe('registerCase', () => {
  it.each(['LETTER', 'VISIT', 'ONLINE', 'PHONE', 'SMS', 'HOTLINE_12345', 'TRANSFER'])('registers a case received by %s', async (channel) => {
    const input = caseInput({ channel });
    const result = await register(input);
    const payload = result.data!.registerCase;
    expect(payload.__typename).toBe('MutationRegisterCaseSuccess');
    const registered = payload.data.case;
    expect(registered.channel).toBe(channel);
    expect(registered.status).toBe('REGISTERED');
    expect(registered.receivedOn).toBe('2026-05-18');
    expect(registered.version).toBe(1);
    expect(registered.number).toMatch(new RegExp(`^${fx.code}-XFB-2026-\\d{6}$`));
    expect(registered.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(registered.events.nodes).toEqual([{ sequence: 1, type: 'REGISTERED', toStatus: 'REGISTERED' }]);
    // personal data leaves the API masked
    const [person] = input.petitioners;
    expect(registered.participants[0].petitioner).toEqual({ name: person.name, identityNumber: masked.identityNumber(person.identityNumber), mobile: masked.mobile(person.mobile) });
    expect(registered.participants[0].petitioner.identityNumber).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
  });

  it('refuses a wrong identity check digit, a bad mobile and a future date, naming each field', async () => {
    const valid = newIdentityNumber();
    const wrongDigit = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const result = await register(
      caseInput({ receivedOn: '2026-05-21', petitioners: [{ name: '李四', identityNumber: wrongDigit, mobile: '12345' }] }),
    );
    const payload = result.data!.registerCase;
    expect(payload.__typename).toBe('InputError');
    expect(payload.code).toBe('input/invalid');
    const paths = payload.issues.map((issue: { path: string[] }) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['petitioners.0.identityNumber', 'petitioners.0.mobile']));
    expect(payload.message).toMatch(/校验位/);

    const future = await register(caseInput({ receivedOn: '2026-05-21' }));
    expect(future.data!.registerCase).toMatchObject({ code: 'input/invalid', issues: [{ path: ['receivedOn'] }] });
    expect(future.data!.registerCase.message).toContain('不能晚于今天');
  });

  it('accepts a letter received today and refuses a group case with six representatives', async () => {
    expect((await register(caseInput({ receivedOn: '2026-05-20' }))).data!.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `代表${i}`, identityNumber: newIdentityNumber(), role: 'REPRESENTATIVE' }));
    const result = await register(caseInput({ petitioners: six }));
    expect(result.data!.registerCase).toMatchObject({ code: 'input/invalid' });
    expect(result.data!.registerCase.message).toContain('不得超过 5 人');
  });

  it('never turns a representative into the primary: five representatives stay five, and a primary must be named', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `代表${i}`, identityNumber: newIdentityNumber(), role: 'REPRESENTATIVE' }));
    const crowd = { name: '群众', identityNumber: newIdentityNumber() };
    const unnamed = await register(caseInput({ petitioners: [...five, crowd] }));
    expect(unnamed.data!.registerCase).toMatchObject({ __typename: 'InputError', code: 'input/invalid', issues: [{ path: ['petitioners'] }] });
    expect(unnamed.data!.registerCase.message).toContain('请指明主信访人');
    const named = await register(caseInput({ petitioners: [...five, { ...crowd, role: 'PRIMARY' }] }));
    const roles = named.data!.registerCase.data.case.participants.map((p: { role: string }) => p.role);
    expect(roles).toEqual(['PRIMARY', 'REPRESENTATIVE', 'REPRESENTATIVE', 'REPRESENTATIVE', 'REPRESENTATIVE', 'REPRESENTATIVE']);
    // A lone petitioner with no role stated is the primary; one stated as a representative is not made one.
    const lone = await register(caseInput({ petitioners: [crowd] }));
    expect(lone.data!.registerCase.data.case.participants.map((p: { role: string }) => p.role)).toEqual(['PRIMARY']);
    const loneRepresentative = await register(caseInput({ petitioners: [five[0]] }));
    expect(loneRepresentative.data!.registerCase).toMatchObject({ code: 'input/invalid' });
  });

  it('records an agent filing on behalf of the petitioner (两代)', async () => {
    const result = await register(caseInput({ agent: { name: '网格员小王', mobile: '13700001111' } }));
    const roles = result.data!.registerCase.data.case.participants.map((p: { role: string }) => p.role);
    expect(roles).toEqual(['PRIMARY', 'AGENT']);
  });

  it('returns the first result for a retried request and refuses the key with different input', async () => {
    const input = caseInput();
    const first = (await register(input)).data!.registerCase.data;
    const retry = (await register(input)).data!.registerCase.data;
    expect(first.replayed).toBe(false);
    expect(retry.replayed).toBe(true);
    expect(retry.case.id).toBe(first.case.id);
    expect(retry.case.number).toBe(first.case.number);

    const changed = await register({ ...input, title: '另一件事' });
    expect(changed.data!.registerCase).toMatchObject({ __typename: 'IdempotencyConflictError', code: 'idempotency/key-reused' });
  });

  it('creates exactly one case for 50 concurrent submissions with one key', async () => {
    const input = caseInput({ title: `并发幂等-${Date.now()}` });
    const results = await Promise.all(Array.from({ length: 50 }, () => register(input)));
    const ids = new Set(results.map((r) => r.data!.registerCase.data.case.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.data!.registerCase.data.replayed === false)).toHaveLength(1);
    expect(await db.$count(cases, eq(cases.title, input.title))).toBe(1);
  });

  it('hands out gap-free case numbers under 20 concurrent intakes', async () => {
    // a unit of its own, so the sequence starts at 1
    const results = await Promise.all(Array.from({ length: 20 }, () => register(caseInput(), fx.tokens.townAStaff)));
    const numbers = results.map((r) => r.data!.registerCase.data.case.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `${fx.code}001-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('is refused to petitioners and to anonymous callers', async () => {
    const petitioner = await fx.newPetitionerAccount();
    const asPetitioner = await register(caseInput(), petitioner.token);
    expect(asPetitioner.data!.registerCase).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    expect(asPetitioner.data!.registerCase.message).toContain('submitPetition');
    const mediator = await register(caseInput(), fx.tokens.mediator);
    expect(mediator.data!.registerCase).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    const anonymous = await gql(app, REGISTER, { input: caseInput() });
    expect(anonymous.data!.registerCase).toMatchObject({ code: 'auth/unauthenticated' });
  });
});

describe('submitPetition', () => {
  const SUBMIT = /* GraphQL */ `
    mutation Submit($input: SubmitPetitionInput!) {
      submitPetition(input: $input) {
        __typename
        ... on MutationSubmitPetitionSuccess { data { case { id channel receivingUnit { name } participants { role petitioner { name } } } } }
        ... on Error { code message }
      }
    }
  `;

  it('files online with the petitioner as primary, received by the petition office of the place', async () => {
    const petitioner = await fx.newPetitionerAccount('网上信访人');
    const { petitioners: _ignored, channel: _channel, ...input } = caseInput();
    const result = await gql(app, SUBMIT, { input }, petitioner.token);
    const filed = result.data!.submitPetition.data.case;
    expect(filed.channel).toBe('ONLINE');
    expect(filed.receivingUnit.name).toBe('测试县信访局');
    expect(filed.participants).toEqual([{ role: 'PRIMARY', petitioner: { name: '网上信访人' } }]);
  });

  it('refuses a primary in the list: the filer is the primary', async () => {
    const petitioner = await fx.newPetitionerAccount('网上信访人');
    const { channel: _channel, ...input } = caseInput({ petitioners: [{ name: '另一人', identityNumber: newIdentityNumber(), role: 'PRIMARY' }] });
    const result = await gql(app, SUBMIT, { input }, petitioner.token);
    expect(result.data!.submitPetition).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
  });

  it('shares one error fragment with every case mutation', async () => {
    const fragment = /* GraphQL */ `
      fragment CaseMutationErrors on Error { code message ... on InvalidTransitionError { allowedActions } ... on VersionConflictError { currentVersion } }`;
    const result = await gql(
      app,
      `${fragment} mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename ...CaseMutationErrors
        ... on InvalidTransitionError { allowedActions } ... on CaseRuleError { code } ... on IdempotencyConflictError { code } } }`,
      { input: caseInput() },
      fx.tokens.officeStaff,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
  });

  it('writes one history event in the same transaction as the case', async () => {
    const before = await db.$count(events, and(eq(events.streamType, 'CASE'), sql`true`));
    const result = await register(caseInput());
    const id = result.data!.registerCase.data.case.id;
    expect(await db.$count(events, and(eq(events.streamType, 'CASE'), sql`true`))).toBe(before + 1);
    expect(id).toBeTruthy();
  });
});
