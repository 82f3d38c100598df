import { pgEnum, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns } from './columns';

export const petitionerKinds = ['PERSON', 'ORGANIZATION'] as const;
export const petitionerKind = pgEnum('petitioner_kind', petitionerKinds);

/** 信访人. Identity numbers, mobiles and addresses are stored whole and masked on output. */
export const petitioners = pgTable(
  'petitioners',
  {
    ...entityColumns,
    kind: petitionerKind('kind').notNull(),
    name: text('name').notNull(),
    /** 居民身份证号 for a person, 统一社会信用代码 for an organisation. */
    identityNumber: text('identity_number'),
    mobile: text('mobile'),
    address: text('address'),
  },
  (t) => [uniqueIndex('petitioners_identity_number_uq').on(t.identityNumber).where(sql`${t.identityNumber} is not null`)],
);
