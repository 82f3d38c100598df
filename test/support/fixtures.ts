import { randomInt } from 'node:crypto';
import type { Database } from '../../db/client';
import { accounts, petitioners } from '../../db/schema';
import type { Actor, Role } from '../../schema/auth';
import { createUnit } from '../../db/units/service';
import { tokenFor } from './app';
import { fake, type Person } from './seed';

/** A valid 居民身份证号, unique in the process, from the file's seeded stream (test/support/seed.ts). */
export function newIdentityNumber(): string {
  return fake().identityNumber();
}

export interface Fixture {
  code: string;
  units: Record<'city' | 'county' | 'office' | 'discipline' | 'townA' | 'townB' | 'villageA', { id: string; path: string; divisionCode: string }>;
  actors: Record<string, Actor>;
  tokens: Record<string, string>;
  /** A petitioner with an account; `person` is what a registration names them by (generated: test/support/seed.ts). */
  newPetitionerAccount(name?: string): Promise<{ actor: Actor; token: string; petitionerId: string; identityNumber: string; mobile: string; person: Person }>;
}

/**
 * A fresh unit tree with its own accounts: city → county (office, discipline, two towns, a village).
 * Each test file builds its own, so files share a database without seeing each other's rows.
 */
export async function buildFixture(db: Database): Promise<Fixture> {
  const county = fake().countyCode();
  const city = `${county.slice(0, 4)}00`;
  const cityRow = await createUnit(db, { parentId: null, level: 'CITY', kind: 'GOVERNMENT', divisionCode: `${city}-${county}`, name: `测试市${county}` });
  const countyRow = await createUnit(db, { parentId: cityRow.id, level: 'COUNTY', kind: 'GOVERNMENT', divisionCode: county, name: `测试县${county}` });
  const office = await createUnit(db, { parentId: countyRow.id, level: 'COUNTY', kind: 'PETITION_OFFICE', divisionCode: `${county}-XFB`, name: `测试县信访局` });
  const discipline = await createUnit(db, { parentId: countyRow.id, level: 'COUNTY', kind: 'DISCIPLINE_INSPECTION', divisionCode: `${county}-JW`, name: `测试县纪委监委` });
  const townA = await createUnit(db, { parentId: countyRow.id, level: 'TOWNSHIP', kind: 'GOVERNMENT', divisionCode: `${county}001`, name: `甲镇` });
  const townB = await createUnit(db, { parentId: countyRow.id, level: 'TOWNSHIP', kind: 'GOVERNMENT', divisionCode: `${county}002`, name: `乙镇` });
  const villageA = await createUnit(db, { parentId: townA.id, level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: `${county}001001`, name: `甲镇一村` });
  const unitRows = { city: cityRow, county: countyRow, office, discipline, townA, townB, villageA };

  const specs: [string, keyof typeof unitRows, Role[]][] = [
    ['admin', 'county', ['ADMIN']],
    ['officeStaff', 'office', ['STAFF']],
    ['officeLeader', 'office', ['LEADER', 'STAFF']],
    ['countyLeader', 'county', ['LEADER']],
    ['citySupervisor', 'city', ['SUPERVISOR']],
    ['cityStaff', 'city', ['STAFF', 'LEADER']],
    ['townAStaff', 'townA', ['STAFF']],
    ['townALeader', 'townA', ['LEADER', 'STAFF']],
    ['townBStaff', 'townB', ['STAFF']],
    ['villageStaff', 'villageA', ['STAFF']],
    ['disciplineStaff', 'discipline', ['STAFF', 'LEADER']],
    ['integrator', 'office', ['INTEGRATOR']],
    ['mediator', 'villageA', ['MEDIATOR']],
  ];
  const actors: Record<string, Actor> = {};
  const tokens: Record<string, string> = {};
  for (const [key, unitKey, roles] of specs) {
    const [row] = await db
      .insert(accounts)
      .values({ username: `${key.toLowerCase()}-${county}`, displayName: `${key}@${county}`, unitId: unitRows[unitKey].id, roles })
      .returning();
    actors[key] = { accountId: row.id, displayName: row.displayName, roles, unitId: row.unitId, petitionerId: null };
    tokens[key] = await tokenFor(actors[key]);
  }

  let petitionerCount = 0;
  async function newPetitionerAccount(name = fake().personName()) {
    petitionerCount += 1;
    const { identityNumber, mobile } = fake().person();
    const [person] = await db.insert(petitioners).values({ kind: 'PERSON', name, identityNumber, mobile }).returning();
    const [row] = await db
      .insert(accounts)
      .values({ username: `p${petitionerCount}-${county}-${person.id.slice(0, 8)}`, displayName: name, roles: ['PETITIONER'], petitionerId: person.id })
      .returning();
    const actor: Actor = { accountId: row.id, displayName: name, roles: ['PETITIONER'], unitId: null, petitionerId: person.id };
    return { actor, token: await tokenFor(actor), petitionerId: person.id, identityNumber, mobile, person: { name, identityNumber, mobile } };
  }

  return { code: county, units: unitRows, actors, tokens, newPetitionerAccount };
}

let keyCounter = 0;
export function idempotencyKey(): string {
  keyCounter += 1;
  return `test-key-${Date.now()}-${keyCounter}-${randomInt(1e9)}`;
}
