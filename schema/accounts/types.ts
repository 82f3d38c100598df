import * as z from 'zod/mini';
import { eq } from 'drizzle-orm';
import { accounts, roleNames } from '../../db/schema';
import { builder } from '../builder';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { parseInput, text } from '../../db/common/validate';
import { commonMutationErrors } from '../common/errors';
import { getUnit, isWithinSubtree } from '../../db/units/service';

export const RoleEnum = builder.enumType('Role', {
  description: '账号角色。Account role.',
  values: {
    PETITIONER: { description: '信访人（网上信访、查询本人事项、评价）' },
    STAFF: { description: '信访工作人员（登记、转送、办理）' },
    LEADER: { description: '单位领导（批准延期、包案）' },
    SUPERVISOR: { description: '督查督办人员' },
    MEDIATOR: { description: '调解员/乡贤' },
    ADMIN: { description: '管理员（维护单位、账号、日历、时限政策）' },
    INTEGRATOR: { description: '对接系统（12345 热线、省信访系统等）' },
  },
});

export const Account = builder.drizzleNode('accounts', {
  name: 'Account',
  description: '账号：工作人员、信访人或对接系统。An account: staff, petitioner or integrator.',
  id: { column: (account) => account.id },
  // Unit members see accounts (they appear as actors in histories); anyone else only their own.
  authScopes: (account, ctx) => account.id === ctx.actor?.accountId || { unitMember: true },
  fields: (t) => ({
    username: t.exposeString('username', { description: '登录名。Username.' }),
    displayName: t.exposeString('displayName', { description: '显示名。Display name.' }),
    roles: t.expose('roles', { type: [RoleEnum], description: '角色。Roles.' }),
    active: t.exposeBoolean('active', { description: '是否启用。Whether the account may sign in.' }),
    unit: t.relation('unit', { nullable: true, description: '所属单位。The unit the account acts for.' }),
  }),
});

const Viewer = builder.objectRef<{ accountId: string }>('Viewer').implement({
  description: '当前调用者。The caller.',
  fields: (t) => ({
    roles: t.field({ type: [RoleEnum], description: '令牌中的角色。Roles in the token.', resolve: (_v, _a, ctx) => ctx.actor!.roles }),
    account: t.drizzleField({
      type: 'accounts',
      nullable: true,
      description: '账号详情。The account record.',
      resolve: (query, viewer, _args, ctx) => ctx.db.query.accounts.findFirst(query({ where: { id: viewer.accountId } })),
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: Viewer,
    nullable: true,
    description: '当前登录的账号；匿名时为 null。The signed-in caller, or null when anonymous.',
    skipTypeScopes: true,
    resolve: (_root, _args, ctx) => (ctx.actor ? { accountId: ctx.actor.accountId } : null),
  }),
}));

// Petitioner accounts come from real-name verification, never from an administrator.
const staffRoles = z.array(z.enum(roleNames.filter((role) => role !== 'PETITIONER'))).check(z.minLength(1, '至少一个角色'));
const displayName = text('显示名', 1, 40);
const accountSchema = z.object({
  username: z.string().check(z.trim(), z.regex(/^[a-z0-9_.-]{3,40}$/, '登录名为 3–40 位小写字母、数字或 _ . -')),
  displayName,
  unitId: z.uuid(),
  roles: staffRoles,
});
const accountChangesSchema = z.object({ displayName: z.optional(displayName), roles: z.optional(staffRoles), active: z.optional(z.boolean()) });

const CreateAccountInput = builder.inputType('CreateAccountInput', {
  description: '新建工作人员或对接系统账号。A new staff or integrator account.',
  fields: (t) => ({
    username: t.string({ required: true, description: '登录名（唯一）。Username, unique.' }),
    displayName: t.string({ required: true, description: '显示名。Display name.' }),
    unitId: t.globalID({ required: true, description: '所属单位。Unit.' }),
    roles: t.field({ type: [RoleEnum], required: true, description: '角色（信访人账号由信访人自行注册）。Roles.' }),
  }),
});

const UpdateAccountInput = builder.inputType('UpdateAccountInput', {
  description: '修改账号。Changes to an account.',
  fields: (t) => ({
    id: t.globalID({ required: true, description: '账号。Account.' }),
    displayName: t.string({ description: '显示名。Display name.' }),
    roles: t.field({ type: [RoleEnum], description: '角色。Roles.' }),
    active: t.boolean({ description: '启用或停用（不删除，审计需要）。Enable or disable; accounts are never deleted.' }),
  }),
});

async function assertAdminOver(ctx: { unitPath: string | null; db: any }, unitId: string) {
  const unit = await getUnit(ctx.db, unitId);
  if (!isWithinSubtree(unit.path, ctx.unitPath!)) throw new ForbiddenError('只能管理本单位及下级单位的账号');
}

builder.mutationFields((t) => ({
  createAccount: t.drizzleField({
    type: 'accounts',
    description: '管理员为本单位子树新建账号。An administrator adds an account in their subtree.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: CreateAccountInput, required: true, description: '账号信息。The account.' }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(accountSchema, { ...args.input, unitId: args.input.unitId.id });
      await assertAdminOver(ctx, input.unitId);
      const [existing] = await ctx.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, input.username));
      if (existing) throw InputError.forField('username', '登录名已被使用');
      const [created] = await ctx.db.insert(accounts).values(input).returning({ id: accounts.id });
      return (await ctx.db.query.accounts.findFirst(query({ where: { id: created.id } })))!;
    },
  }),
  updateAccount: t.drizzleField({
    type: 'accounts',
    description: '管理员修改账号（停用而非删除）。An administrator changes or disables an account.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: UpdateAccountInput, required: true, description: '修改内容。The changes.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = args.input.id.id;
      const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, id));
      if (!account?.unitId) throw new NotFoundError('account', '账号不存在');
      await assertAdminOver(ctx, account.unitId);
      const changes = parseInput(accountChangesSchema, {
        displayName: args.input.displayName ?? undefined,
        roles: args.input.roles ?? undefined,
        active: args.input.active ?? undefined,
      });
      await ctx.db.update(accounts).set(changes).where(eq(accounts.id, id));
      return (await ctx.db.query.accounts.findFirst(query({ where: { id } })))!;
    },
  }),
}));

