import type { App } from '../../schema/yoga';
import { gql } from './app';
import type { Fixture } from './fixtures';

export const MEDIATOR_FIELDS = `id rosterKey name status version mobile identityNumber grade specialties allowedActions
  currentTerm { startsOn endsOn } homeUnit { name } unit { name }`;

/** Runs a mediation mutation by name; returns the payload's object (room, mediator, session) or the typed error. */
export async function mutate(app: App, name: string, input: Record<string, unknown>, token: string, selection: string) {
  const type = `${name[0].toUpperCase()}${name.slice(1)}`;
  const result = await gql(
    app,
    `mutation($input: ${type}Input!) { ${name}(input: $input) {
      __typename
      ... on Mutation${type}Success { data { ${selection} } }
      ... on Error { code message }
      ... on InvalidTransitionError { allowedActions }
      ... on VersionConflictError { currentVersion }
      ... on BookingConflictError { resourceKind resourceId }
      ... on RecusalError { conflicts { kind message waivable mediatorId partyId } }
      ... on InputError { issues { path message } }
    } }`,
    { input },
    token,
  );
  if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  const payload = result.data[name];
  return { ...payload, ...(payload.data ?? {}) } as Record<string, any> & { __typename: string; code?: string; message?: string };
}

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
