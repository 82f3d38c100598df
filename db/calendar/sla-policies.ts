/**
 * The rules of the units' local SLA policies: who may read and set them, what a policy may say (only stricter
 * than the statute), and the limits in force for a unit.
 */
import * as z from 'zod/mini';
import { policyMilestones } from '../schema';
import { ForbiddenError, NotFoundError } from '../errors';
import { parseInput } from '../common/validate';
import type { Session } from '../session';
import { isWithinSubtree, unitPathOf } from '../units/service';
import { ACCEPT_DAYS, HANDLE_DAYS, ROUTE_DAYS } from '../cases/statutory-limits';
import { deactivateSlaPolicyRow, getSlaPolicy, policyForUnitPath, statutoryMilestoneDays, unitIdsOnPath, upsertSlaPolicy, type SlaPolicyRecord } from './service';
import { DEFAULT_WARN_DAYS } from './work-calendar';

type Caller = Pick<Session, 'db' | 'unitPath'>;

/** Policies of a unit apply to its subtree: staff on the unit's line (above, at or below it) may read them. */
export async function onSameLine(session: Caller, unitId: string): Promise<boolean> {
  if (!session.unitPath) return false;
  const path = await unitPathOf(session.db, unitId);
  return isWithinSubtree(path, session.unitPath) || isWithinSubtree(session.unitPath, path);
}

async function assertOnSameLine(session: Caller, unitId: string) {
  if (!(await onSameLine(session, unitId))) throw new ForbiddenError('只能查看本单位及上下级单位的时限政策');
}

/** The units whose policies apply to a unit, root first (only the unit itself without the inherited ones). */
export async function policyLineOf(session: Caller, unitId: string, includeInherited: boolean): Promise<string[]> {
  await assertOnSameLine(session, unitId);
  return includeInherited ? unitIdsOnPath(await unitPathOf(session.db, unitId)) : [unitId];
}

export interface TimeLimits {
  routeDays: number;
  acceptDays: number;
  handleDays: number;
  warnDays: number;
}

/** The limits in force for a unit: per milestone the stricter of the statute and the policies on its line. */
export async function effectiveTimeLimits(session: Caller, unitId: string, firstPetition: boolean): Promise<TimeLimits> {
  await assertOnSameLine(session, unitId);
  const policy = await policyForUnitPath(session.db, await unitPathOf(session.db, unitId), firstPetition);
  const stricter = (statute: number, local: number | null | undefined) => (local == null ? statute : Math.min(statute, local));
  return {
    routeDays: stricter(ROUTE_DAYS, policy?.routeDays),
    acceptDays: stricter(ACCEPT_DAYS, policy?.acceptDays),
    handleDays: stricter(HANDLE_DAYS, policy?.handleDays),
    warnDays: policy?.warnDays ?? DEFAULT_WARN_DAYS,
  };
}

/** An administrator sets policies for the units of their own subtree only. */
async function assertAdminOver(session: Caller, unitId: string) {
  const path = await unitPathOf(session.db, unitId);
  if (!isWithinSubtree(path, session.unitPath!)) throw new ForbiddenError('只能为本单位及下级单位设定时限政策');
}

export const setSlaPolicySchema = z.pipe(
  z
  .object({
    unitId: z.uuid(),
    name: z.string().check(z.trim(), z.minLength(2, '名称至少 2 个字'), z.maxLength(40, '名称最多 40 个字')),
    milestone: z.enum(policyMilestones),
    days: z.int('时限应为整数'),
    warnDays: z.nullish(z.int('预警天数应为整数').check(z.minimum(0, '预警天数不能为负'))),
    firstPetitionOnly: z.nullish(z.boolean()),
  })
  .check(z.superRefine((input, issues) => {
    const statute = statutoryMilestoneDays[input.milestone];
    if (input.days < 0 || input.days > statute) {
      issues.addIssue({
        code: 'custom',
        path: ['days'],
        message: `地方政策只能比条例更严：该环节时限应在 0–${statute} 日之间（0 表示当日办理）`,
      });
    }
    if (input.warnDays != null && input.warnDays > input.days) {
      issues.addIssue({ code: 'custom', path: ['warnDays'], message: '预警天数不能超过时限天数' });
    }
  })),
  z.transform((input) => ({
    ...input,
    warnDays: input.warnDays ?? Math.min(DEFAULT_WARN_DAYS, input.days),
    firstPetitionOnly: input.firstPetitionOnly ?? false,
  })),
);

/** Sets (adds or updates in place) a unit's policy for a milestone; the caller is an administrator over the unit. */
export async function setSlaPolicy(session: Caller, raw: unknown): Promise<SlaPolicyRecord> {
  const input = parseInput(setSlaPolicySchema, raw);
  await assertAdminOver(session, input.unitId);
  return upsertSlaPolicy(session.db, input);
}

/** Deactivates a policy (kept, never deleted); deactivating an inactive one changes nothing. */
export async function deactivateSlaPolicy(session: Caller, id: string): Promise<SlaPolicyRecord> {
  const policy = await getSlaPolicy(session.db, id);
  if (!policy) throw new NotFoundError('sla-policy', '时限政策不存在');
  await assertAdminOver(session, policy.unitId);
  return policy.active ? deactivateSlaPolicyRow(session.db, policy.id) : policy;
}
