import { builder } from '../builder';
import { historyConnectionType, historyField } from '../events/history-connection';
import type { Context } from '../context';
import { commonMutationErrors } from '../errors';
import { payloadWithGlobalIds } from '../common/global-ids';
import { isWithinSubtree, unitPathOf } from '../../db/units/service';
import { accountStatusLabels, type AccountStatus } from '../../db/accounts/vocabulary';
import { createAccount, updateAccount } from '../../db/accounts/service';
import { InvalidTransitionError, VersionConflictError } from '../../db/streams/errors';

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

export const AccountStatusEnum = builder.enumType('AccountStatus', {
  description: '账号状态（停用而非删除）。Account status; accounts are deactivated, never deleted.',
  values: {
    ACTIVE: { description: `${accountStatusLabels.ACTIVE}。Active: may sign in.` },
    INACTIVE: { description: `${accountStatusLabels.INACTIVE}。Deactivated: refused from its next request.` },
  } satisfies Record<AccountStatus, { description: string }>,
});

const AccountEvent = builder.drizzleObject('events', {
  variant: 'AccountEvent',
  description: '账号历史中的一条记录（新建、修改、停用、重新启用）。One entry of an account’s history.',
  select: { columns: { id: true } },
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: '序号，从 1 起连续。Gap-free sequence.' }),
    type: t.exposeString('type', { description: '事件类型：account.created、account.changed、account.deactivated、account.reactivated。Event type.' }),
    fromStatus: t.exposeString('fromStatus', { nullable: true, description: '变更前状态。Status before.' }),
    toStatus: t.exposeString('toStatus', { nullable: true, description: '变更后状态。Status after.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    actor: t.relation('actor', { nullable: true, description: '操作的管理员。The administrator who made the change.' }),
    payload: t.field({
      type: 'JSON',
      description: '改了什么（新值与 previous… 旧值；单位以全局 ID 表示）。What changed: new values and previous… ones; units as global ids.',
      select: { columns: { payload: true } },
      resolve: (row) => payloadWithGlobalIds((row.payload ?? {}) as Record<string, unknown>),
    }),
  }),
});

/** The account itself, or an administrator whose subtree holds its unit. */
async function administersOrIs(account: { id: string; unitId: string | null }, ctx: Context): Promise<boolean> {
  if (account.id === ctx.actor?.accountId) return true;
  if (!ctx.actor?.roles.includes('ADMIN') || !ctx.unitPath || !account.unitId) return false;
  return isWithinSubtree(await unitPathOf(ctx.db, account.unitId), ctx.unitPath);
}

export const Account = builder.drizzleNode('accounts', {
  name: 'Account',
  description: '账号：工作人员、信访人或对接系统。An account: staff, petitioner or integrator.',
  id: { column: (account) => account.id },
  // Unit members see accounts (they appear as actors in histories); anyone else only their own.
  authScopes: (account, ctx) => account.id === ctx.actor?.accountId || { unitMember: true },
  runScopesOnType: true,
  fields: (t) => ({
    username: t.exposeString('username', { description: '登录名。Username.' }),
    displayName: t.exposeString('displayName', { description: '显示名。Display name.' }),
    roles: t.expose('roles', { type: [RoleEnum], description: '角色。Roles.' }),
    status: t.expose('status', { type: AccountStatusEnum, description: '状态。Status.' }),
    active: t.boolean({ description: '是否启用（status 为 ACTIVE）。Whether the account may sign in (status ACTIVE).', resolve: (account) => account.status === 'ACTIVE' }),
    version: t.exposeInt('version', { description: '版本号，修改时可作为 expectedVersion 传回。Version, for expectedVersion.' }),
    unit: t.relation('unit', { nullable: true, description: '所属单位。The unit the account acts for.' }),
    history: t.field({
      ...historyField('accounts', {
        order: 'asc',
        node: AccountEvent,
        connection: historyConnectionType('AccountHistoryConnection', AccountEvent),
        description: '账号变更历史（本人或其单位子树的管理员可见）。The account’s history: for itself and administrators of its subtree.',
      }),
      authScopes: (account, _args, ctx) => administersOrIs(account, ctx),
    }),
  }),
});

const Viewer = builder.objectRef<{ accountId: string }>('Viewer').implement({
  description: '当前调用者。The caller.',
  fields: (t) => ({
    roles: t.field({ type: [RoleEnum], description: '账号当前的角色（以账号记录为准，而非令牌）。The account’s current roles (its record, not the token).', resolve: (_v, _a, ctx) => ctx.actor!.roles }),
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
  description: '修改账号；每次修改在账号历史中记一条。Changes to an account; each request is one entry of its history.',
  fields: (t) => ({
    id: t.globalID({ required: true, description: '账号。Account.' }),
    displayName: t.string({ description: '显示名。Display name.' }),
    roles: t.field({ type: [RoleEnum], description: '角色（下一次请求起生效）。Roles, in force from the account’s next request.' }),
    unitId: t.globalID({ description: '调往的单位（须在管理员的子树内）。Move to this unit, within the administrator’s subtree.' }),
    active: t.boolean({ description: '启用或停用（不删除，审计需要）；停用后下一次请求即被拒绝。Enable or disable; accounts are never deleted; a disabled one is refused from its next request.' }),
    expectedVersion: t.int({ description: '读取时的 version；不填则以当前版本为准（后改者生效）。Version you read; omitted, the last change wins.' }),
  }),
});

builder.mutationFields((t) => ({
  createAccount: t.drizzleField({
    type: 'accounts',
    description: '管理员为本单位子树新建账号（记入账号历史）。An administrator adds an account in their subtree; recorded in its history.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: CreateAccountInput, required: true, description: '账号信息。The account.' }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await createAccount(ctx, { ...args.input, unitId: args.input.unitId.id });
      return (await ctx.db.query.accounts.findFirst(query({ where: { id } })))!;
    },
  }),
  updateAccount: t.drizzleField({
    type: 'accounts',
    description: '管理员修改账号（停用而非删除，记入账号历史）。An administrator changes or disables an account; recorded in its history.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors, InvalidTransitionError, VersionConflictError] },
    args: { input: t.arg({ type: UpdateAccountInput, required: true, description: '修改内容。The changes.' }) },
    resolve: async (query, _root, args, ctx) => {
      const { id, unitId, displayName, roles, active, expectedVersion } = args.input;
      await updateAccount(ctx, {
        id: id.id,
        unitId: unitId?.id,
        displayName: displayName ?? undefined,
        roles: roles ?? undefined,
        active: active ?? undefined,
        expectedVersion,
      });
      // roles, unit or status changed: this instance reads the row again on the account's next request
      ctx.integration?.forgetAccount(id.id);
      return (await ctx.db.query.accounts.findFirst(query({ where: { id: id.id } })))!;
    },
  }),
}));
