/** The roles an account may hold: the Postgres enum, the TypeScript union and the GraphQL enum all come from this list. */
export const roleNames = ['PETITIONER', 'STAFF', 'LEADER', 'SUPERVISOR', 'MEDIATOR', 'ADMIN', 'INTEGRATOR'] as const;
export type Role = (typeof roleNames)[number];

export const roleLabels: Readonly<Record<Role, string>> = {
  PETITIONER: '信访人',
  STAFF: '信访工作人员',
  LEADER: '单位领导',
  SUPERVISOR: '督查人员',
  MEDIATOR: '调解员',
  ADMIN: '系统管理员',
  INTEGRATOR: '对接系统',
};

/** An account is never deleted (its actions stay in histories): it is deactivated, and may be reactivated. */
export const accountStatuses = ['ACTIVE', 'INACTIVE'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

export const accountStatusLabels: Readonly<Record<AccountStatus, string>> = {
  ACTIVE: '启用',
  INACTIVE: '已停用',
};
