import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../schema/yoga';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { act, deadline, registerCase } from './support/cases';

// Issue 9 item 2: a delivery date in the future would open a review window that has not begun, and the clocks,
// requestReview and closeCase disagreed about it. Delivery is recorded once it happened, so a future date is refused.
let app: App;
let fx: Fixture;
let clock = new Date('2026-06-01T02:00:00Z');
const at = (day: string) => {
  clock = new Date(`${day}T02:00:00Z`); // 10:00 in China
};

beforeAll(async () => {
  const { db } = await testDatabase();
  app = testApp(db, { now: () => clock });
  fx = await buildFixture(db);
});

const DECIDE = `mutation($input: DecideCaseInput!) { decideCase(input: $input) {
  __typename ... on Error { code message } ... on InputError { issues { path message } } } }`;
const DECIDE_REVIEW = `mutation($input: DecideReviewInput!) { decideReview(input: $input) {
  __typename ... on Error { code message } ... on InputError { issues { path message } } } }`;

async function acceptedCase(title: string) {
  const c = await registerCase(app, fx, { receivedOn: '2026-06-01', title });
  const accepted = await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff);
  expect(accepted.case.status).toBe('ACCEPTED');
  return c.id;
}

describe('decision delivery dates', () => {
  it('refuses a delivery date after today, naming the field, and writes nothing', async () => {
    at('2026-06-01');
    const caseId = await acceptedCase('未来送达');
    const future = await gql(app, DECIDE, {
      input: { caseId, expectedVersion: 2, outcome: 'SUPPORTED', summary: '支持', resolved: true, deliveredOn: '2026-06-06' },
    }, fx.tokens.officeStaff);
    expect(future.data.decideCase).toMatchObject({
      __typename: 'InputError',
      code: 'input/invalid',
      issues: [{ path: ['deliveredOn'], message: '送达日期不能晚于今天（2026-06-01），请在送达后登记' }],
    });
    // Nothing was recorded: the case is still accepted at version 2, and tomorrow is still tomorrow.
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { status version } } }`, { id: caseId }, fx.tokens.officeStaff);
    expect(read.data.node).toEqual({ status: 'ACCEPTED', version: 2 });
    const tomorrow = await gql(app, DECIDE, {
      input: { caseId, expectedVersion: 2, outcome: 'SUPPORTED', summary: '支持', resolved: true, deliveredOn: '2026-06-02' },
    }, fx.tokens.officeStaff);
    expect(tomorrow.data.decideCase).toMatchObject({ code: 'input/invalid', issues: [{ path: ['deliveredOn'] }] });
  });

  it('a decision delivered today opens the window: clocks, requestReview and closeCase agree', async () => {
    at('2026-06-01');
    const caseId = await acceptedCase('当日送达');
    const decided = await act(app, 'decideCase', { caseId, expectedVersion: 2, outcome: 'NOT_SUPPORTED', summary: '不予支持', resolved: false, deliveredOn: '2026-06-01' }, fx.tokens.officeStaff);
    // 30 days from 06-01: 07-01 (a Wednesday).
    expect(deadline(decided.case, 'REVIEW_REQUEST_WINDOW')).toMatchObject({ dueOn: '2026-07-01', state: 'RUNNING' });
    const close = await act(app, 'closeCase', { caseId, expectedVersion: 3 }, fx.tokens.officeStaff);
    expect(close).toMatchObject({ __typename: 'CaseRuleError', code: 'case/review-window-open' });
    const review = await act(app, 'requestReview', { caseId, expectedVersion: 3, reason: '不服处理意见' }, fx.tokens.officeStaff);
    expect(review.case.status).toBe('REVIEW_REQUESTED');
  });

  it('a review answer delivered in the future is refused the same way', async () => {
    at('2026-06-01');
    const caseId = await acceptedCase('复查未来送达');
    await act(app, 'decideCase', { caseId, expectedVersion: 2, outcome: 'NOT_SUPPORTED', summary: '不予支持', resolved: false }, fx.tokens.officeStaff);
    at('2026-06-03');
    const requested = await act(app, 'requestReview', { caseId, expectedVersion: 3, reason: '不服处理意见' }, fx.tokens.officeStaff);
    expect(requested.case.status).toBe('REVIEW_REQUESTED');
    const future = await gql(app, DECIDE_REVIEW, {
      input: { caseId, expectedVersion: 4, outcome: 'NOT_SUPPORTED', summary: '维持', resolved: false, deliveredOn: '2026-06-08' },
    }, fx.tokens.countyLeader);
    expect(future.data.decideReview).toMatchObject({
      code: 'input/invalid',
      issues: [{ path: ['deliveredOn'], message: '送达日期不能晚于今天（2026-06-03），请在送达后登记' }],
    });
  });
});
