import { builder } from '../builder';
import { maskAddress, maskIdentityNumber, maskMobile } from '../../db/petitioners/identity';

export const PetitionerKind = builder.enumType('PetitionerKind', {
  description: '信访人类别。Person or organisation.',
  values: { PERSON: { description: '自然人' }, ORGANIZATION: { description: '法人或其他组织' } },
});

/** Granted by Case.participants, which already applied the case's visibility and the accuser rule. */
export const VIA_VISIBLE_CASE = 'petitioner:via-visible-case';

/**
 * 信访人, a Node: a client can refetch it and filter cases by it. Reached through a case's participants
 * it is guarded by the case; looked up by global id (node, nodes, filters) the caller must be the
 * petitioner or may read a case naming them and know who filed it. Personal data is always masked.
 */
export const Petitioner = builder.drizzleNode('petitioners', {
  name: 'Petitioner',
  description:
    '信访人（个人或组织）；证件号、手机号、地址一律脱敏显示。按全局 ID 读取时，须为本人，或可查看载有此人的事项（检举控告另须可知检举人）。' +
    ' A petitioner; personal data is masked. By global id only the person themselves or who may read a case naming them (and, for accusations, know the accuser).',
  id: { column: (p) => p.id },
  authScopes: (row) => ({ $any: { $granted: VIA_VISIBLE_CASE, petitionerVisible: row.id } }),
  // Once per object, not per field (issue 11). The grant is a type-level grant of the parent (CaseParticipant,
  // Appointment, Reception, Visit): a grant on the `petitioner` field itself is not seen from isTypeOf's path.
  runScopesOnType: true,
  // Kind and name are read with every petitioner; identity number, mobile and address only when asked for (a field
  // select), so a case list showing names reads no identity data at all (fewer bytes per row, issue 11). Plain
  // resolvers, not t.expose: plugin-drizzle wraps an exposed column in its loader-mapping check on every row.
  select: { columns: { id: true, kind: true, name: true } },
  fields: (t) => ({
    kind: t.field({ type: PetitionerKind, description: '类别。Kind.', resolve: (row) => row.kind }),
    name: t.string({ description: '姓名或名称。Name.', resolve: (row) => row.name }),
    identityNumber: t.string({
      nullable: true,
      description: '证件号（脱敏，如 110***********123X）。Identity number, masked.',
      select: { columns: { identityNumber: true } },
      resolve: (row) => (row.identityNumber ? maskIdentityNumber(row.identityNumber) : null),
    }),
    mobile: t.string({
      nullable: true,
      description: '手机号（脱敏，如 138****5678）。Mobile, masked.',
      select: { columns: { mobile: true } },
      resolve: (row) => (row.mobile ? maskMobile(row.mobile) : null),
    }),
    address: t.string({
      nullable: true,
      description: '地址（脱敏）。Address, masked.',
      select: { columns: { address: true } },
      resolve: (row) => (row.address ? maskAddress(row.address) : null),
    }),
  }),
});
