import { builder } from '../builder';
import { Petitioner, VIA_VISIBLE_CASE } from '../petitioners/types';
import { ParticipantRole } from './enums';

export const CaseParticipant = builder.drizzleObject('casePetitioners', {
  name: 'CaseParticipant',
  description: '事项上的一位信访人或代理人。A person on a case.',
  // Reached only through Case.participants, which applied the case's visibility and the accuser rule. Granted once
  // per object (isTypeOf) at the list's path, where Petitioner's check finds it.
  grantScopes: () => [VIA_VISIBLE_CASE],
  runScopesOnType: true,
  // Columns resolve with plain resolvers, not t.expose: plugin-drizzle wraps an exposed column in its loader-mapping
  // check on every row (issue 11); the type reads all its columns anyway (no type select).
  fields: (t) => ({
    role: t.field({ type: ParticipantRole, description: '身份。Role.', resolve: (link) => link.role }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '信访人。The person.' }),
  }),
});
