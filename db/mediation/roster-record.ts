/**
 * One roster record as entered (through the API or one row of an imported file), validated once here.
 * Issues name the field and say in Chinese what is wrong, so an import can report them per row.
 */
import * as z from 'zod/mini';
import { validateMobile, validateResidentIdNumber } from '../petitioners/identity';
import { text } from '../common/validate';
import { backgroundLabels, genderLabels, mediatorGradeLabels, specialtyLabels, valuesOf } from './vocabulary';

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export function rosterRecordSchema(currentYear: number) {
  return z
    .object({
      rosterKey: z.string().check(z.trim(), z.minLength(1, '编号不能为空'), z.maxLength(40, '编号最多 40 个字符')),
      name: text('姓名', 2, 30),
      gender: z.enum(valuesOf(genderLabels), '性别应为 男 或 女'),
      birthYear: z.number().check(z.int('出生年份应为整数'), z.gte(currentYear - 100, `出生年份不能早于 ${currentYear - 100}`), z.lte(currentYear - 18, '调解员须年满 18 周岁')),
      background: z.enum(valuesOf(backgroundLabels), '背景不在可选范围内'),
      specialties: z.array(z.enum(valuesOf(specialtyLabels), '专长不在可选范围内')).check(z.minLength(1, '至少填写一项专长'), z.maxLength(6, '专长最多 6 项')),
      languages: z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(20, '语言方言每项最多 20 个字'))), []),
      homeDivisionCode: z.string().check(z.regex(/^\d{12}$/, '所在村（社区）应为 12 位行政区划代码')),
      householdCode: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(40, '户号最多 40 个字符')))),
      mobile: z.optional(z.nullable(z.string().check(z.trim()))),
      identityNumber: z.optional(z.nullable(z.string().check(z.trim()))),
      grade: z.enum(valuesOf(mediatorGradeLabels), '等级应为 首席、一级、二级 或 三级'),
      termStartsOn: z.optional(z.nullable(isoDate)),
    })
    .check(
      z.superRefine((value, ctx) => {
        if (value.mobile) {
          const check = validateMobile(value.mobile);
          if (!check.ok) ctx.addIssue({ code: 'custom', path: ['mobile'], message: check.reason, input: value.mobile });
        }
        if (value.identityNumber) {
          const check = validateResidentIdNumber(value.identityNumber);
          if (!check.ok) ctx.addIssue({ code: 'custom', path: ['identityNumber'], message: check.reason, input: value.identityNumber });
        }
        if (new Set(value.specialties).size !== value.specialties.length) ctx.addIssue({ code: 'custom', path: ['specialties'], message: '专长有重复', input: value.specialties });
      }),
    );
}

export type RosterRecord = z.output<ReturnType<typeof rosterRecordSchema>>;

export const rosterFieldLabels: Record<keyof RosterRecord, string> = {
  rosterKey: '编号',
  name: '姓名',
  gender: '性别',
  birthYear: '出生年份',
  background: '背景',
  specialties: '专长',
  languages: '语言方言',
  homeDivisionCode: '所在村（社区）代码',
  householdCode: '户号',
  mobile: '手机号',
  identityNumber: '身份证号',
  grade: '等级',
  termStartsOn: '聘期开始',
};

export type RecordIssue = { field: keyof RosterRecord | string; message: string };

export function validateRosterRecord(value: unknown, currentYear: number): { ok: true; record: RosterRecord } | { ok: false; issues: RecordIssue[] } {
  const result = z.safeParse(rosterRecordSchema(currentYear), value);
  if (result.success) {
    const r = result.data;
    const mobile = r.mobile ? validateMobile(r.mobile) : null;
    const id = r.identityNumber ? validateResidentIdNumber(r.identityNumber) : null;
    return {
      ok: true,
      record: {
        ...r,
        householdCode: r.householdCode || null,
        mobile: mobile?.ok ? mobile.normalized : null,
        identityNumber: id?.ok ? id.normalized : null,
        termStartsOn: r.termStartsOn || null,
      },
    };
  }
  return { ok: false, issues: result.error.issues.map((issue) => ({ field: String(issue.path[0] ?? ''), message: issue.message })) };
}
