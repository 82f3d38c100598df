import { apiKeyScopeLabels, apiKeyScopes, externalSystemLabels, externalSystems, type ExternalSystem } from '../../db/integrations/vocabulary';
import { builder } from '../builder';

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: 'API 密钥的权限范围。What an API key may do.',
  values: Object.fromEntries(apiKeyScopes.map((scope) => [scope, { description: apiKeyScopeLabels[scope] }])) as Record<
    (typeof apiKeyScopes)[number],
    { description: string }
  >,
});

export const ExternalSystemEnum = builder.enumType('ExternalSystem', {
  description: '对接系统的类别（外部编号在同一对接账号、同一系统内唯一）。The integrator’s system.',
  values: Object.fromEntries(externalSystems.map((system) => [system, { description: externalSystemLabels[system] }])) as Record<
    ExternalSystem,
    { description: string }
  >,
});
