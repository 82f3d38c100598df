import { findManyPlanned } from '../../db/relational-plans';
import * as z from 'zod/mini';
import { sql } from 'drizzle-orm';
import { unitKinds, unitLevels, units } from '../../db/schema';
import { builder } from '../builder';
import { maxLength } from '../input-limits';

/** 12 digits and a department suffix of up to 8 (the createUnit rule below): 21 characters. */
const MAX_DIVISION_CODE = 21;
import { ForbiddenError, InputError } from '../../db/errors';
import { parseInput, text } from '../../db/common/validate';
import { commonMutationErrors } from '../errors';
import { createUnit, getUnit, isWithinSubtree } from '../../db/units/service';

export const UnitLevel = builder.enumType('UnitLevel', {
  description: '单位层级：国家、省、市、县、乡镇（街道）、村（社区）。Administrative level.',
  values: Object.fromEntries(
    unitLevels.map((level, index) => [level, { description: ['国家', '省级', '市级', '县级', '乡镇/街道', '村/社区'][index] }]),
  ) as Record<(typeof unitLevels)[number], { description: string }>,
});

export const UnitKind = builder.enumType('UnitKind', {
  description: '单位类别。Kind of unit.',
  values: {
    PETITION_OFFICE: { description: '信访局/信访办' },
    GOVERNMENT: { description: '人民政府、街道办事处' },
    DEPARTMENT: { description: '职能部门' },
    DISCIPLINE_INSPECTION: { description: '纪委监委（检举控告类的主管机关）' },
    COMMUNITY: { description: '村（居）委会' },
  },
});

export const Unit = builder.drizzleNode('units', {
  name: 'Unit',
  description: '单位：信访工作的责任主体，按行政区划成树。A unit in the tree of responsibility.',
  id: { column: (unit) => unit.id },
  authScopes: { authenticated: true },
  runScopesOnType: true,
  // The columns its fields show, read with every unit; path, parent id and timestamps stay in the database (a case
  // list reads a unit per case: fewer bytes built, sent and parsed per row, issue 11). Columns resolve with plain
  // resolvers, not t.expose or a field select: plugin-drizzle wraps those in its loader-mapping check on every row.
  select: { columns: { id: true, name: true, level: true, kind: true, divisionCode: true } },
  fields: (t) => ({
    name: t.string({ description: '单位名称。Name.', resolve: (unit) => unit.name }),
    level: t.field({ type: UnitLevel, description: '层级。Level.', resolve: (unit) => unit.level }),
    kind: t.field({ type: UnitKind, description: '类别。Kind.', resolve: (unit) => unit.kind }),
    divisionCode: t.string({
      description: '行政区划代码（GB/T 2260，6 位；含乡镇 9 位、含村 12 位），部门另加后缀。Division code.',
      resolve: (unit) => unit.divisionCode,
    }),
    parent: t.relation('parent', { nullable: true, description: '上级单位。Parent unit.' }),
    children: t.relation('children', {
      description: '下级单位，按区划代码排序。Child units, by division code.',
      query: { orderBy: { divisionCode: 'asc' } },
    }),
  }),
});

builder.queryFields((t) => ({
  units: t.drizzleField({
    type: ['units'],
    description:
      '单位树：返回当前账号所属单位（其下级通过 children 逐层展开）；可按上级单位筛选直属下级。The unit tree from your own unit down.',
    authScopes: { authenticated: true },
    args: {
      parentId: t.arg.globalID({ for: [Unit], required: false, description: '只列出该单位的直属下级。Only direct children of this unit.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      if (args.parentId) {
        return ctx.db.query.units.findMany(
          query({ where: { parentId: args.parentId.id }, orderBy: { divisionCode: 'asc' } }),
        );
      }
      if (!ctx.actor?.unitId) return [];
      return findManyPlanned(ctx.db, 'units', query({ where: { id: ctx.actor.unitId } }));
    },
  }),
  unitByDivisionCode: t.drizzleField({
    type: 'units',
    nullable: true,
    description: '按区划代码查单位。Look a unit up by its division code.',
    authScopes: { authenticated: true },
    args: { divisionCode: t.arg.string({ required: true, description: '区划代码。Division code.', ...maxLength(MAX_DIVISION_CODE) }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.query.units.findFirst(query({ where: { divisionCode: args.divisionCode } })),
  }),
}));

const createUnitSchema = z.object({
  parentId: z.uuid(),
  level: z.enum(unitLevels),
  kind: z.enum(unitKinds),
  divisionCode: z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?(-[A-Z0-9]{1,8})?$/, '区划代码应为 6/9/12 位数字，部门可加 -后缀')),
  name: text('名称', 2, 60),
});

const CreateUnitInput = builder.inputType('CreateUnitInput', {
  description: '新建下级单位。A new unit under an existing one.',
  fields: (t) => ({
    parentId: t.globalID({ required: true, description: '上级单位。Parent unit.' }),
    level: t.field({ type: UnitLevel, required: true, description: '层级。Level.' }),
    kind: t.field({ type: UnitKind, required: true, description: '类别。Kind.' }),
    divisionCode: t.string({ required: true, description: '区划代码（唯一）。Division code, unique.' }),
    name: t.string({ required: true, description: '名称。Name.' }),
  }),
});

builder.mutationFields((t) => ({
  createUnit: t.drizzleField({
    type: 'units',
    description: '管理员在本单位子树内新建单位。An administrator adds a unit within their subtree.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: CreateUnitInput, required: true, description: '单位信息。The unit.' }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(createUnitSchema, { ...args.input, parentId: args.input.parentId.id });
      const parent = await getUnit(ctx.db, input.parentId);
      if (!isWithinSubtree(parent.path, ctx.unitPath!)) throw new ForbiddenError('只能在本单位及下级单位中新建单位');
      const taken = await ctx.db.$count(units, sql`${units.divisionCode} = ${input.divisionCode}`);
      if (taken) throw InputError.forField('divisionCode', '该区划代码已被使用');
      const created = await createUnit(ctx.db, input);
      return ctx.db.query.units.findFirst(query({ where: { id: created.id } })).then((row) => row!);
    },
  }),
}));

