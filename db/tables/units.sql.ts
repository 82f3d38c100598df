import { index, pgEnum, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { entityColumns } from './columns';

export const unitLevels = ['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export const unitLevel = pgEnum('unit_level', unitLevels);

export const unitKinds = [
  'PETITION_OFFICE', // 信访局/信访办
  'GOVERNMENT', // 人民政府/街道办事处
  'DEPARTMENT', // 职能部门
  'DISCIPLINE_INSPECTION', // 纪委监委
  'COMMUNITY', // 村(居)委会
] as const;
export const unitKind = pgEnum('unit_kind', unitKinds);

export const units = pgTable(
  'units',
  {
    ...entityColumns,
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    level: unitLevel('level').notNull(),
    kind: unitKind('kind').notNull(),
    /** GB/T 2260 division code (6 digits; 9 with township, 12 with village) plus a suffix for departments. */
    divisionCode: text('division_code').notNull().unique(),
    name: text('name').notNull(),
    /** Materialised path of ancestor ids ("/a/b/c/"): subtree = path LIKE '/a/b/%'. Units never move. */
    path: text('path').notNull(),
  },
  (t) => [index('units_path_idx').using('btree', sql`${t.path} text_pattern_ops`), index('units_parent_idx').on(t.parentId)],
);
