/** What an API key may do. Defined once: the Postgres enum, the TypeScript union and the GraphQL enum derive from it. */
export const apiKeyScopes = ['CASES_READ', 'CASES_FILE', 'EVENTS_SUBSCRIBE', 'WEBHOOKS_MANAGE'] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

export const apiKeyScopeLabels: Record<ApiKeyScope, string> = {
  CASES_READ: '读取事项（本单位及下级）。Read cases of the unit subtree.',
  CASES_FILE: '提交事项。File cases.',
  EVENTS_SUBSCRIBE: '订阅事件。Subscribe to events.',
  WEBHOOKS_MANAGE: '管理 Webhook。Manage webhooks.',
};

/** Systems whose references we accept (the reference is unique per integrator and system). */
export const externalSystems = ['HOTLINE_12345', 'JIEFENMA', 'SMS_GATEWAY', 'PROVINCIAL', 'OPEN311', 'OTHER'] as const;
export type ExternalSystem = (typeof externalSystems)[number];

export const externalSystemLabels: Record<ExternalSystem, string> = {
  HOTLINE_12345: '12345 政务服务便民热线。The 12345 government service hotline.',
  JIEFENMA: '解纷码（网格员上报）。Jiefenma, grid workers’ reports.',
  SMS_GATEWAY: '短信网关。An SMS gateway.',
  PROVINCIAL: '省级信访信息系统。The provincial petition system.',
  OPEN311: 'Open311 客户端。An Open311 client.',
  OTHER: '其他对接系统。Another integrated system.',
};
