import { builder } from '../builder';
import { maskAddress, maskIdentityNumber, maskMobile } from '../../db/petitioners/identity';

export const PetitionerKind = builder.enumType('PetitionerKind', {
  description: '信访人类别。Person or organisation.',
  values: { PERSON: { description: '自然人' }, ORGANIZATION: { description: '法人或其他组织' } },
});

/**
 * 信访人. Not a Node: petitioners are reached only through cases the caller may read,
 * so there is no direct lookup path to guard. Identity numbers, mobiles and addresses are always masked.
 */
export const Petitioner = builder.drizzleObject('petitioners', {
  name: 'Petitioner',
  description: '信访人（个人或组织）；证件号、手机号、地址一律脱敏显示。A petitioner; personal data is masked.',
  fields: (t) => ({
    kind: t.expose('kind', { type: PetitionerKind, description: '类别。Kind.' }),
    name: t.exposeString('name', { description: '姓名或名称。Name.' }),
    identityNumber: t.string({
      nullable: true,
      description: '证件号（脱敏，如 110***********123X）。Identity number, masked.',
      resolve: (row) => (row.identityNumber ? maskIdentityNumber(row.identityNumber) : null),
    }),
    mobile: t.string({
      nullable: true,
      description: '手机号（脱敏，如 138****5678）。Mobile, masked.',
      resolve: (row) => (row.mobile ? maskMobile(row.mobile) : null),
    }),
    address: t.string({
      nullable: true,
      description: '地址（脱敏）。Address, masked.',
      resolve: (row) => (row.address ? maskAddress(row.address) : null),
    }),
  }),
});
