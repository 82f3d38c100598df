import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { loadWorkCalendar, policyForUnitPath } from '../calendar/service';
import { dueStateOf, type CaseRow } from './clock-state';
import { alias } from 'drizzle-orm/pg-core';
import * as z from 'zod/mini';
import { caseKinds, channels } from './vocabulary';
import type { Database, Executor } from '../client';
import {
  caseNumberCounters,
  casePetitioners,
  cases,
  idempotencyKeys,
  petitioners,
  petitionerKinds,
  units,
} from '../schema';
import type { Actor, Role } from '../accounts/actor';
import { ForbiddenError, IdempotencyConflictError, InputError } from '../errors';
import { recordCreation } from '../streams/runner';
import { caseStream } from './stream';
import { toChinaDate } from '../calendar/work-calendar';
import { validateMobile, validateResidentIdNumber, validateUnifiedSocialCreditCode } from '../petitioners/identity';
import { getUnit } from '../units/service';
import { parseInput, text } from '../common/validate';
import { claimExternalReference, settleExternalReference, type ExternalReference } from '../integrations/external-references';
import { caseInputLimits } from './text-limits';
import { CaseRuleError } from './errors';
import { competentOrgan, idsOnPath, registeredInsideAccused } from './accusation-routing';

export const MAX_REPRESENTATIVES = 5;
/** Letters may be registered after they arrive, but not a year late. */
export const MAX_BACKDATE_DAYS = 366;

const divisionCode = z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '地点应为 6/9/12 位行政区划代码'));
const optionalText = (what: string, max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max, `${what}最多 ${max} 个字`)));

const personFields = {
  kind: z._default(z.enum(petitionerKinds), 'PERSON'),
  name: text('姓名', 1, 60),
  identityNumber: z.optional(z.string().check(z.trim())),
  mobile: z.optional(z.string().check(z.trim())),
  address: optionalText('地址', 200),
};

type PersonFields = { kind: (typeof petitionerKinds)[number]; identityNumber?: string; mobile?: string };

/** Checks identity numbers (check digits) and mobiles, and normalises them. */
function checkedIdentity<T extends PersonFields>() {
  return z.transform((value: T, ctx) => {
    const out = { ...value };
    if (value.identityNumber) {
      const check =
        value.kind === 'PERSON' ? validateResidentIdNumber(value.identityNumber) : validateUnifiedSocialCreditCode(value.identityNumber);
      if (!check.ok) ctx.issues.push({ code: 'custom', path: ['identityNumber'], message: check.reason, input: value.identityNumber });
      else out.identityNumber = check.normalized;
    }
    if (value.mobile) {
      const check = validateMobile(value.mobile);
      if (!check.ok) ctx.issues.push({ code: 'custom', path: ['mobile'], message: check.reason, input: value.mobile });
      else out.mobile = check.normalized;
    }
    return out;
  });
}

const personObject = z.object(personFields);
const personOrOrganization = z.pipe(personObject, checkedIdentity<z.output<typeof personObject>>());

// No role given means 'not stated' (see participantRoles): a stated role is never changed silently.
const participantObject = z.object({ ...personFields, role: z.nullish(z.enum(['PRIMARY', 'CO_PETITIONER', 'REPRESENTATIVE'])) });
const participant = z.pipe(participantObject, checkedIdentity<z.output<typeof participantObject>>());

export const intakeSchema = z
  .object({
    idempotencyKey: z.string().check(z.trim(), z.minLength(8, '幂等键至少 8 个字符'), z.maxLength(100, '幂等键最多 100 个字符')),
    kind: z.enum(caseKinds),
    channel: z.enum(channels),
    category: text('类别', 1, 40),
    title: text('标题', 2, 100),
    content: text('内容', 5, caseInputLimits.content),
    placeCode: divisionCode,
    receivedOn: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '收件日期格式应为 YYYY-MM-DD')),
    /** When registration really happened (a case entered late); defaults to the call. */
    registeredAt: z.optional(z.date()),
    petitioners: z.array(participant).check(z.maxLength(caseInputLimits.petitioners, `信访人最多 ${caseInputLimits.petitioners} 名`)),
    agent: z.optional(personOrOrganization),
    accusedUnitId: z.optional(z.uuid()),
    accusedPerson: optionalText('被检举人', 100),
  })
  .check(
    z.superRefine((input, ctx) => {
      const representatives = input.petitioners.filter((p) => p.role === 'REPRESENTATIVE').length;
      if (representatives > MAX_REPRESENTATIVES) {
        ctx.addIssue({ code: 'custom', path: ['petitioners'], message: `集体访推选的代表不得超过 ${MAX_REPRESENTATIVES} 人` });
      }
      if (input.petitioners.filter((p) => p.role === 'PRIMARY').length > 1) {
        ctx.addIssue({ code: 'custom', path: ['petitioners'], message: '只能有一名主信访人' });
      }
      const numbers = input.petitioners.map((p) => p.identityNumber).filter(Boolean);
      if (new Set(numbers).size !== numbers.length) {
        ctx.addIssue({ code: 'custom', path: ['petitioners'], message: '同一证件号出现了多次' });
      }
      if ((input.accusedUnitId || input.accusedPerson) && input.kind !== 'ACCUSATION') {
        ctx.addIssue({ code: 'custom', path: ['accusedUnitId'], message: '只有检举控告类事项可以填写被检举对象' });
      }
    }),
  );

export type IntakeInput = z.output<typeof intakeSchema>;

export interface IntakeResult {
  caseId: string;
  /** True when this call replayed an earlier request with the same idempotency key. */
  replayed: boolean;
}

const queryCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newQueryCode(): string {
  return Array.from({ length: 8 }, () => queryCodeAlphabet[randomInt(queryCodeAlphabet.length)]).join('');
}

function requestHash(operation: string, input: IntakeInput, externalReference?: ExternalReference): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash('sha256').update(operation).update(JSON.stringify(rest)).update(JSON.stringify(externalReference ?? null)).digest('hex');
}

/** Checks dates against the China calendar day of `now`. */
function checkReceivedOn(receivedOn: string, now: Date) {
  const today = toChinaDate(now);
  if (receivedOn > today) throw InputError.forField('receivedOn', '收件日期不能晚于今天');
  const earliest = toChinaDate(new Date(now.getTime() - MAX_BACKDATE_DAYS * 86_400_000));
  if (receivedOn < earliest) throw InputError.forField('receivedOn', `收件日期不能早于 ${MAX_BACKDATE_DAYS} 天前`);
}

/** A late entry carries the real registration time: not before the letter arrived, not in the future. */
function checkRegisteredAt(input: IntakeInput, now: Date): Date {
  const at = input.registeredAt;
  if (!at) return now;
  if (at.getTime() > now.getTime()) throw InputError.forField('registeredAt', '登记时间不能晚于当前时间');
  if (toChinaDate(at) < input.receivedOn) throw InputError.forField('registeredAt', `登记时间不能早于收件日期（${input.receivedOn}）`);
  return at;
}

/**
 * Registers a case received at `receivingUnitId`: one transaction that takes the idempotency key,
 * finds or records the petitioners, hands out the next case number and writes event 1.
 */
export async function intakeCase(
  db: Database,
  actor: Actor,
  input: IntakeInput,
  options: {
    receivingUnitId: string;
    operation: 'registerCase' | 'submitPetition' | 'submitCaseFromIntegration' | 'open311';
    now: Date;
    primaryPetitionerId?: string;
    /** An integrator's own reference: unique per integrator, so a resubmission finds the first case. */
    externalReference?: ExternalReference;
    /** Writes what another channel keeps beside the case (e.g. an Open311 request's location), same transaction. */
    onCreated?: (tx: Executor, caseId: string) => Promise<void>;
    /** Where the case came from (a leader's reception), kept on its first event. */
    origin?: { type: string; id: string };
  },
): Promise<IntakeResult> {
  checkReceivedOn(input.receivedOn, options.now);
  const registeredAt = checkRegisteredAt(input, options.now);
  if (!options.primaryPetitionerId && input.petitioners.length === 0) {
    throw InputError.forField('petitioners', '至少需要一名信访人');
  }
  const hash = requestHash(options.operation, input, options.externalReference);

  const calendar = await loadWorkCalendar(db);
  return db.transaction(async (tx) => {
    // The primary key makes a concurrent holder of the same key wait here until the first commits.
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ accountId: actor.accountId, key: input.idempotencyKey, operation: options.operation, requestHash: hash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [previous] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.accountId, actor.accountId), eq(idempotencyKeys.key, input.idempotencyKey)));
      if (!previous || previous.requestHash !== hash || !previous.resultId) throw new IdempotencyConflictError();
      return { caseId: previous.resultId, replayed: true };
    }
    if (options.externalReference) {
      const earlier = await claimExternalReference(tx, actor.accountId, options.externalReference, hash);
      if (earlier) {
        await tx.update(idempotencyKeys).set({ resultId: earlier }).where(and(eq(idempotencyKeys.accountId, actor.accountId), eq(idempotencyKeys.key, input.idempotencyKey)));
        return { caseId: earlier, replayed: true };
      }
    }

    const receivingUnit = await getUnit(tx, options.receivingUnitId);
    let accusedUnitPath: string | null = null;
    let routeTo: { id: string; name: string; path: string } | null = null;
    if (input.accusedUnitId) {
      const [accused] = await tx.select({ name: units.name, path: units.path }).from(units).where(eq(units.id, input.accusedUnitId));
      if (!accused) throw InputError.forField('accusedUnitId', '被检举单位不存在');
      accusedUnitPath = accused.path;
      // The receiving unit may never read it: it goes at once to the competent organ, or is refused before anything is written.
      if (registeredInsideAccused(receivingUnit.path, accused.path)) routeTo = await competentOrganFor(tx, accused);
    }

    const people = await upsertPetitioners(tx, [...input.petitioners, ...(input.agent ? [input.agent] : [])]);
    const participantRows = participantRoles(input.petitioners, options.primaryPetitionerId).map((role, index) => ({
      petitionerId: index < input.petitioners.length ? people[index] : options.primaryPetitionerId!,
      role,
    }));
    // The primary first (Case.participants lists them so); the others in the order entered.
    participantRows.sort((a, b) => Number(b.role === 'PRIMARY') - Number(a.role === 'PRIMARY'));
    const uniqueParticipants = participantRows.filter(
      (row, index) => participantRows.findIndex((other) => other.petitionerId === row.petitionerId) === index,
    );
    const agentId = input.agent ? people[people.length - 1] : null;

    // 重复信访: the same petitioner on the same category before; a concluded one is flagged (终结, not accepted again).
    const ids = uniqueParticipants.map((row) => row.petitionerId);
    const [prior] = await tx
      .select({ id: cases.id, status: cases.status })
      .from(cases)
      .where(and(sql`${cases.petitionerIds} && array[${sql.join(ids.map((id) => sql`${id}`), sql`, `)}]::uuid[]`, eq(cases.category, input.category)))
      .orderBy(desc(cases.receivedOn), desc(cases.id))
      .limit(1);
    const handlingUnit = routeTo ?? receivingUnit;
    const slaPolicy = await policyForUnitPath(tx, handlingUnit.path, !prior);

    const year = Number(toChinaDate(registeredAt).slice(0, 4));
    const [counter] = await tx
      .insert(caseNumberCounters)
      .values({ unitId: receivingUnit.id, year, lastValue: 1 })
      .onConflictDoUpdate({
        target: [caseNumberCounters.unitId, caseNumberCounters.year],
        set: { lastValue: sql`${caseNumberCounters.lastValue} + 1` },
      })
      .returning({ value: caseNumberCounters.lastValue });
    const number = `${receivingUnit.divisionCode}-${year}-${String(counter.value).padStart(6, '0')}`;

    const values = {
        repeatOfId: prior?.id ?? null,
        concludedMatter: prior?.status === 'CONCLUDED',
        slaPolicy,
        number,
        queryCode: newQueryCode(),
        kind: input.kind,
        category: input.category,
        title: input.title,
        content: input.content,
        channel: input.channel,
        placeCode: input.placeCode,
        receivedOn: input.receivedOn,
        receivingUnitId: receivingUnit.id,
        receivingUnitPath: receivingUnit.path,
        unitId: handlingUnit.id,
        unitPath: handlingUnit.path,
        ...(routeTo ? { status: 'PENDING_ACCEPTANCE' as const, routedOn: toChinaDate(registeredAt), version: 2 } : {}),
        registeredById: actor.accountId,
        petitionerIds: uniqueParticipants.map((row) => row.petitionerId),
        accusedUnitId: input.accusedUnitId ?? null,
        accusedUnitPath,
        accusedPerson: input.accusedPerson ?? null,
        lastEventAt: registeredAt,
        createdAt: registeredAt,
        // When the row changed here, so a sync by updatedSince still finds a late entry.
        updatedAt: options.now,
    };
    const due = dueStateOf(newCaseRow(values), toChinaDate(options.now), calendar);
    const [created] = await tx
      .insert(cases)
      .values({ ...values, ...due })
      .returning({ id: cases.id });

    await tx.insert(casePetitioners).values([
      ...uniqueParticipants.map((row, position) => ({ caseId: created.id, ...row, position })),
      ...(agentId && !uniqueParticipants.some((row) => row.petitionerId === agentId)
        ? [{ caseId: created.id, petitionerId: agentId, role: 'AGENT' as const, position: uniqueParticipants.length }]
        : []),
    ]);

    await recordCreation(tx, caseStream, {
      id: created.id,
      type: 'case.registered',
      actor,
      actorUnitId: receivingUnit.id,
      toStatus: 'REGISTERED',
      occurredAt: registeredAt,
      payload: { number, channel: input.channel, kind: input.kind, receivedOn: input.receivedOn, via: options.operation, ...(options.origin ? { origin: options.origin } : {}) },
    }, routeTo ? [{
      action: 'transfer',
      fromStatus: 'REGISTERED',
      toStatus: 'PENDING_ACCEPTANCE',
      payload: { toUnitId: routeTo.id, toUnitName: routeTo.name, fromUnitId: receivingUnit.id, note: ACCUSED_UNIT_ROUTING_NOTE, reportDueOn: null, automatic: true },
    }] : []);

    if (options.externalReference) await settleExternalReference(tx, actor.accountId, options.externalReference, created.id);
    await options.onCreated?.(tx, created.id);
    await tx
      .update(idempotencyKeys)
      .set({ resultId: created.id })
      .where(and(eq(idempotencyKeys.accountId, actor.accountId), eq(idempotencyKeys.key, input.idempotencyKey)));

    return { caseId: created.id, replayed: false };
  });
}

/** What the registering clerk gives the petitioner, whether or not they may read the case afterwards. */
export interface CaseReceipt {
  number: string;
  queryCode: string;
  receivedOn: string;
  /** The unit handling it now. */
  unitName: string;
  /** Routed at registration to the competent organ (an accusation registered at the unit it accuses). */
  routedToCompetentOrgan: boolean;
  /** The receipt in words, to read out or print for the petitioner. */
  notice: string;
}

/** The receipt of a registered case (the payload of the call that registered it, never a read path of its own). */
export async function caseReceipt(db: Executor, caseId: string): Promise<CaseReceipt> {
  const [row] = await db
    .select({ number: cases.number, queryCode: cases.queryCode, receivedOn: cases.receivedOn, unitName: units.name, receivingUnitPath: cases.receivingUnitPath, accusedUnitPath: cases.accusedUnitPath })
    .from(cases)
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(eq(cases.id, caseId));
  const routed = registeredInsideAccused(row.receivingUnitPath, row.accusedUnitPath);
  const lookup = `信访件编号 ${row.number}，查询码 ${row.queryCode}（凭编号与查询码可查询办理进度）`;
  const notice = routed
    ? `已登记，${lookup}。该检举控告涉及登记单位，已依规定转送${row.unitName}办理，检举人身份与检举材料予以保密。`
    : `已登记，${lookup}。现由${row.unitName}办理。`;
  return { number: row.number, queryCode: row.queryCode, receivedOn: row.receivedOn, unitName: row.unitName, routedToCompetentOrgan: routed, notice };
}

type PersonInput = z.output<typeof personOrOrganization>;

const ACCUSED_UNIT_ROUTING_NOTE = '检举控告在被检举单位（或其下级）登记，依规定即时转送有管辖权的纪检监察机关，登记单位不再经手';

/**
 * The nearest discipline inspection unit outside the accused unit's subtree (see `competentOrgan`); none in the
 * system → refused, naming where the accuser can file instead (the accused unit's next level up, or 12388).
 */
async function competentOrganFor(tx: Executor, accused: { name: string; path: string }) {
  const ancestors = idsOnPath(accused.path);
  const candidates = await tx
    .select({ id: units.id, name: units.name, path: units.path })
    .from(units)
    .where(and(eq(units.kind, 'DISCIPLINE_INSPECTION'), or(isNull(units.parentId), inArray(units.parentId, ancestors))));
  const organ = competentOrgan(accused.path, candidates);
  if (organ) return organ;
  const parentId = ancestors.at(-2);
  const [parent] = parentId ? await tx.select({ name: units.name }).from(units).where(eq(units.id, parentId)) : [];
  const where = parent ? `${parent.name}的纪委监委（被检举单位的上一级纪检监察机关）` : '上一级纪委监委';
  throw new CaseRuleError(
    'case/no-competent-organ',
    `本系统中没有可受理检举“${accused.name}”的纪检监察机关，未予登记：请告知检举人向${where}提出，或通过 12388 举报网站（www.12388.gov.cn）、12388 举报电话检举`,
  );
}

/** One person (checked like an intake's petitioner) found by identity number or recorded; returns the petitioner id. */
export async function recordPerson(tx: Executor, person: unknown): Promise<string> {
  const [id] = await upsertPetitioners(tx, [parseInput(personOrOrganization, person)]);
  return id;
}

/** Finds petitioners by identity number or records new ones; returns ids in input order. */
async function upsertPetitioners(tx: Executor, people: PersonInput[]): Promise<string[]> {
  const numbers = people.map((p) => p.identityNumber).filter((n): n is string => Boolean(n));
  if (numbers.length) {
    await tx
      .insert(petitioners)
      .values(
        people
          .filter((p) => p.identityNumber)
          .map((p) => ({ kind: p.kind, name: p.name, identityNumber: p.identityNumber, mobile: p.mobile, address: p.address })),
      )
      .onConflictDoNothing({ target: petitioners.identityNumber, where: sql`${petitioners.identityNumber} is not null` });
  }
  const known = numbers.length
    ? await tx.select({ id: petitioners.id, identityNumber: petitioners.identityNumber }).from(petitioners).where(inArray(petitioners.identityNumber, numbers))
    : [];
  const anonymous = people.filter((p) => !p.identityNumber);
  const inserted = anonymous.length
    ? await tx
        .insert(petitioners)
        .values(anonymous.map((p) => ({ kind: p.kind, name: p.name, mobile: p.mobile, address: p.address })))
        .returning({ id: petitioners.id })
    : [];
  let next = 0;
  return people.map((p) =>
    p.identityNumber ? known.find((row) => row.identityNumber === p.identityNumber)!.id : inserted[next++].id,
  );
}

/**
 * Online petitions are received by the petition office (信访局) of the deepest unit whose division code
 * is a prefix of the place; that office then routes the case (属地管理).
 */
export async function receivingUnitForPlace(db: Executor, placeCode: string): Promise<string> {
  const parent = alias(units, 'office_parent');
  const [office] = await db
    .select({ id: units.id })
    .from(units)
    .innerJoin(parent, eq(units.parentId, parent.id))
    .where(and(eq(units.kind, 'PETITION_OFFICE'), sql`${placeCode} like ${parent.divisionCode} || '%'`))
    .orderBy(sql`length(${parent.divisionCode}) desc`)
    .limit(1);
  if (!office) throw InputError.forField('placeCode', '该地区不在本系统的受理范围内');
  return office.id;
}

const registrarRoles: readonly Role[] = ['STAFF', 'LEADER', 'ADMIN', 'INTEGRATOR'];

/** registerCase is for a unit's staff (and integrated systems); a petitioner is told to file online. */
export function assertMayRegister(actor: Actor) {
  if (actor.unitId && actor.roles.some((role) => registrarRoles.includes(role))) return;
  if (actor.roles.includes('PETITIONER')) {
    throw new ForbiddenError('registerCase 供单位工作人员登记来信来访；信访人请通过 submitPetition 网上提交信访事项');
  }
  throw new ForbiddenError('只有单位的工作人员、领导、管理员或对接系统账号可以登记信访事项');
}

/** A just-registered case as a full row (column defaults applied), for computing its first clocks. */
function newCaseRow(values: Partial<CaseRow>): CaseRow {
  return {
    status: 'REGISTERED',
    extensionDays: 0,
    hearingPausedDays: 0,
    reviewHearingPausedDays: 0,
    reReviewHearingPausedDays: 0,
    hearingPauseStartedOn: null,
    ...values,
  } as CaseRow;
}

type StatedRole = 'PRIMARY' | 'CO_PETITIONER' | 'REPRESENTATIVE';

/**
 * The role of each petitioner as entered, never changed behind the clerk's back:
 * - staff registration: exactly one PRIMARY, except that a lone petitioner with no role given is the primary;
 * - online filing (`onlineFiler`): the filer is the primary (returned last), so the list may not name one;
 * - anyone else with no role given is a co-petitioner.
 */
export function participantRoles(petitioners: { role?: StatedRole | null }[], onlineFiler?: string): StatedRole[] {
  const primaries = petitioners.filter((p) => p.role === 'PRIMARY').length;
  if (onlineFiler) {
    if (primaries > 0) throw InputError.forField('petitioners', '网上信访时本人即主信访人，名单中只填共同信访人或代表');
    return [...petitioners.map((p) => p.role ?? 'CO_PETITIONER'), 'PRIMARY'];
  }
  if (primaries === 0) {
    if (petitioners.length === 1 && !petitioners[0].role) return ['PRIMARY'];
    throw InputError.forField('petitioners', '请指明主信访人（role: PRIMARY）：多名信访人或已注明身份时不会自动指定');
  }
  return petitioners.map((p) => p.role ?? 'CO_PETITIONER');
}
