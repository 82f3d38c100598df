import type { App } from '../../schema/yoga';
import { gql } from './app';
import type { Fixture } from './fixtures';

export const MEDIATOR_FIELDS = `id rosterKey name status version mobile identityNumber grade specialties allowedActions
  currentTerm { startsOn endsOn } homeUnit { name } unit { name }`;

/**
 * A mutation runner for a domain's mutations: runs one by name and returns the payload's object (room, mediator,
 * session, appointment…) or the typed error. `fragments` select the error types that domain's payloads may carry.
 */
export function mutationRunner(fragments: string) {
  return async (app: App, name: string, input: Record<string, unknown>, token: string, selection: string) => {
    const type = `${name[0].toUpperCase()}${name.slice(1)}`;
    const result = await gql(
      app,
      `mutation($input: ${type}Input!) { ${name}(input: $input) {
      __typename
      ... on Mutation${type}Success { data { ${selection} } }
      ... on Error { code message }
      ${fragments}
    } }`,
      { input },
      token,
    );
    if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
    const payload = result.data[name];
    return { ...payload, ...(payload.data ?? {}) } as Record<string, any> & { __typename: string; code?: string; message?: string };
  };
}

/** Runs a mediation mutation by name. */
export const mutate = mutationRunner(`... on InvalidTransitionError { allowedActions }
      ... on VersionConflictError { currentVersion }
      ... on BookingConflictError { resourceKind resourceId }
      ... on RecusalError { conflicts { kind message waivable mediatorId partyId } }
      ... on InputError { issues { path message } }`);

let rosterCounter = 0;
/** A valid registerMediator input for the fixture's village; override what a test is about. */
export function mediatorInput(fx: Fixture, overrides: Record<string, unknown> = {}) {
  rosterCounter += 1;
  return {
    unitId: gid("Unit", fx.units.county.id),
    rosterKey: `T${String(rosterCounter).padStart(4, '0')}`,
    name: '陈德明',
    gender: 'MALE',
    birthYear: 1958,
    background: 'RETIRED_CADRE',
    specialties: ['NEIGHBOURHOOD', 'LAND_HOMESTEAD'],
    languages: ['永川话'],
    homeDivisionCode: fx.units.villageA.divisionCode,
    mobile: '13812345678',
    grade: 'FIRST',
    ...overrides,
  };
}

export function roomInput(fx: Fixture, overrides: Record<string, unknown> = {}) {
  return {
    unitId: gid("Unit", fx.units.villageA.id),
    kind: 'COMMUNITY_HALL',
    name: '甲镇一村乡贤评理堂',
    address: '甲镇一村村委会二楼',
    divisionCode: fx.units.villageA.divisionCode,
    capacity: 12,
    openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:30' })),
    ...overrides,
  };
}

/** A Relay global ID. */
export function gid(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}
