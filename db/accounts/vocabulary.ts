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
