/**
 * Administrators keep the accounts of their subtree: create, change (display name, roles, unit), deactivate and
 * reactivate — never delete (their actions stay in histories). Every change is one event of the account's stream,
 * written in the transaction that makes it (db/accounts/stream.ts).
 */
import * as z from 'zod/mini';
import { eq } from 'drizzle-orm';
import { accounts } from '../tables/accounts.sql';
import type { Session } from '../session';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { parseInput, text } from '../common/validate';
import { sqlStateOf } from '../faults';
import { recordCreation, runStreamAction } from '../streams/runner';
import { unitPathOf, isWithinSubtree } from '../units/service';
import { roleNames, type Role } from './vocabulary';
import { ACCOUNT_CREATED, accountActionFor } from './lifecycle';
import { accountStream } from './stream';

// Petitioner accounts come from real-name verification, never from an administrator.
const staffRoles = z.array(z.enum(roleNames.filter((role) => role !== 'PETITIONER'))).check(z.minLength(1, '至少一个角色'));
const displayName = text('显示名', 1, 40);
const newAccountSchema = z.object({
  username: z.string().check(z.trim(), z.regex(/^[a-z0-9_.-]{3,40}$/, '登录名为 3–40 位小写字母、数字或 _ . -')),
  displayName,
  unitId: z.uuid(),
  roles: staffRoles,
});
const accountChangesSchema = z.object({
  displayName: z.optional(displayName),
  roles: z.optional(staffRoles),
  unitId: z.optional(z.uuid()),
  active: z.optional(z.boolean()),
});

/** As the transport hands them over; the schemas above decide what is acceptable. */
export interface NewAccount {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
}
export interface AccountChanges {
  id: string;
  displayName?: string;
  roles?: Role[];
  unitId?: string;
  active?: boolean;
  expectedVersion?: number | null;
}

/** The administrator's subtree must hold the unit (the account's, or the one it moves to). */
async function assertAdministers(session: Session, unitId: string): Promise<void> {
  if (!session.actor?.roles.includes('ADMIN') || !session.unitPath) throw new ForbiddenError('仅限管理员');
  const path = await unitPathOf(session.db, unitId);
  if (!isWithinSubtree(path, session.unitPath)) throw new ForbiddenError('只能管理本单位及下级单位的账号');
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((role) => b.includes(role));

/** Creates a staff or integrator account in the administrator's subtree; returns its id. */
export async function createAccount(session: Session, input: NewAccount): Promise<string> {
  const value = parseInput(newAccountSchema, input);
  await assertAdministers(session, value.unitId);
  const now = session.now();
  try {
    return await session.db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, value.username));
      if (existing) throw InputError.forField('username', '登录名已被使用');
      const [row] = await tx.insert(accounts).values({ ...value, lastEventAt: now, updatedAt: now }).returning({ id: accounts.id });
      await recordCreation(tx, accountStream, { id: row.id, type: ACCOUNT_CREATED, actor: session.actor, toStatus: 'ACTIVE', occurredAt: now, payload: value });
      return row.id;
    });
  } catch (error) {
    // Two administrators creating the same username at once: the unique index decides.
    if (sqlStateOf(error) === '23505') throw InputError.forField('username', '登录名已被使用');
    throw error;
  }
}

/**
 * Changes an account: display name, roles, unit, and `active` (deactivate / reactivate). One request is one
 * event; a request that changes nothing writes none. Without `expectedVersion` the version just read is used
 * (the last administrator's change wins).
 */
export async function updateAccount(session: Session, input: AccountChanges): Promise<void> {
  const [account] = await session.db.select().from(accounts).where(eq(accounts.id, input.id));
  // Petitioner accounts (no unit) are not administered here: they are not found, as accounts outside the subtree.
  if (!account?.unitId) throw new NotFoundError('account', '账号不存在');
  await assertAdministers(session, account.unitId);
  const { id: _id, expectedVersion, ...requested } = input;
  const changes = parseInput(accountChangesSchema, requested);
  if (Object.values(changes).every((value) => value === undefined)) throw InputError.forField('input', '请至少修改一项（displayName、roles、unitId 或 active）');
  if (changes.unitId && changes.unitId !== account.unitId) await assertAdministers(session, changes.unitId);

  const differences = (row: typeof account) => {
    const payload: Record<string, unknown> = {};
    const set: Partial<typeof accounts.$inferInsert> = {};
    if (changes.displayName !== undefined && changes.displayName !== row.displayName) {
      Object.assign(payload, { displayName: changes.displayName, previousDisplayName: row.displayName });
      set.displayName = changes.displayName;
    }
    if (changes.roles && !sameRoles(changes.roles, row.roles)) {
      Object.assign(payload, { roles: changes.roles, previousRoles: row.roles });
      set.roles = changes.roles;
    }
    if (changes.unitId && changes.unitId !== row.unitId) {
      Object.assign(payload, { unitId: changes.unitId, previousUnitId: row.unitId });
      set.unitId = changes.unitId;
    }
    return { payload, set };
  };
  const action = accountActionFor(account.status, changes.active);
  if (action === 'changeAccount' && !Object.keys(differences(account).set).length) return;

  await runStreamAction(session, accountStream, action, input.id, { expectedVersion: expectedVersion ?? account.version }, async (scope) => {
    const { payload, set } = differences(scope.row);
    return { changes: set, payload };
  });
}
