import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cases, events, open311Requests, units } from '../schema';
import { publicStepLabel } from '../cases/public-timeline';
import type { CaseStatus } from '../cases/lifecycle';

/**
 * The Open311 GeoReport v2 bridge's domain side: our categories as services, our statuses as open/closed,
 * and the queries behind GET requests. Public answers carry no personal data (no description, address,
 * location, photo or name: in 信访 the place is often the petitioner's home) and never an accusation.
 */
export const open311Services = [
  { code: 'LABOUR', name: '劳动社保', kind: 'APPEAL_REQUEST', group: '申诉求决', keywords: '拖欠工资,社会保险,劳动合同', description: '工资、社保、劳动关系方面的诉求' },
  { code: 'LAND', name: '征地拆迁', kind: 'APPEAL_REQUEST', group: '申诉求决', keywords: '征收,补偿,安置', description: '征地、拆迁、补偿安置方面的诉求' },
  { code: 'URBAN', name: '城乡建设', kind: 'APPEAL_REQUEST', group: '申诉求决', keywords: '道路,物业,市政设施', description: '道路、市政设施、物业管理方面的问题' },
  { code: 'ENVIRONMENT', name: '生态环境', kind: 'APPEAL_REQUEST', group: '申诉求决', keywords: '噪声,污染,垃圾', description: '噪声、污染、环境卫生方面的问题' },
  { code: 'SUGGESTION', name: '建议意见', kind: 'SUGGESTION', group: '建议意见', keywords: '建议,意见', description: '对政府工作的建议和意见' },
] as const;

export type Open311Service = (typeof open311Services)[number];

export function serviceByCode(code: string): Open311Service | undefined {
  return open311Services.find((service) => service.code === code);
}

/** The attributes every service asks for (GeoReport attribute definitions). */
export const open311Attributes = [
  { code: 'place_code', datatype: 'string', required: true, order: 1, description: '事发地行政区划代码（6/9/12 位），例如 500118001', datatypeDescription: '行政区划代码' },
  { code: 'identity_number', datatype: 'string', required: false, order: 2, description: '信访人身份证号（可选，用于合并同一人的事项）', datatypeDescription: '18 位居民身份证号' },
] as const;

/** open: not yet decided (registered, awaiting acceptance, being handled); closed: every later or final state. */
const openStatuses: readonly CaseStatus[] = ['REGISTERED', 'PENDING_ACCEPTANCE', 'ACCEPTED'];

export function open311StatusOf(status: CaseStatus): 'open' | 'closed' {
  return openStatuses.includes(status) ? 'open' : 'closed';
}

/** FixMyStreet's extended states for servicerequestupdates. */
export function fixMyStreetStatusOf(status: CaseStatus): string {
  if (status === 'ACCEPTED') return 'IN_PROGRESS';
  if (openStatuses.includes(status)) return 'OPEN';
  if (status === 'MERGED') return 'DUPLICATE';
  if (status === 'DECLINED') return 'NO_FURTHER_ACTION';
  return 'CLOSED';
}

export interface RequestFilter {
  numbers?: string[];
  serviceCode?: string;
  start?: Date;
  end?: Date;
  status?: 'open' | 'closed';
  page: number;
  pageSize: number;
}

export interface Open311Row {
  caseId: string;
  number: string;
  status: CaseStatus;
  unitPath: string;
  unitName: string;
  receivingUnitPath: string;
  accusedUnitPath: string | null;
  serviceCode: string;
  createdAt: Date;
  updatedAt: Date;
  content: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  mediaUrl: string | null;
  statusNotes: string | null;
}

const MAX_RANGE_MS = 90 * 86_400_000;

/** Requests filed through Open311 (never accusations), newest first, with each one's latest public step. */
export async function listOpen311Requests(db: Executor, filter: RequestFilter, now: Date): Promise<Open311Row[]> {
  const end = filter.end ?? now;
  const start = filter.start ?? new Date(end.getTime() - MAX_RANGE_MS);
  const conditions = [ne(cases.kind, 'ACCUSATION')];
  if (filter.numbers?.length) conditions.push(inArray(cases.number, filter.numbers));
  else conditions.push(gte(cases.createdAt, start), lte(cases.createdAt, end));
  if (filter.serviceCode) conditions.push(eq(open311Requests.serviceCode, filter.serviceCode));
  if (filter.status) {
    const open = sql`${cases.status} in ('REGISTERED', 'PENDING_ACCEPTANCE', 'ACCEPTED')`;
    conditions.push(filter.status === 'open' ? open : sql`not (${open})`);
  }
  const rows = await db
    .select({
      caseId: cases.id,
      number: cases.number,
      status: cases.status,
      unitPath: cases.unitPath,
      unitName: units.name,
      receivingUnitPath: cases.receivingUnitPath,
      accusedUnitPath: cases.accusedUnitPath,
      serviceCode: open311Requests.serviceCode,
      createdAt: cases.createdAt,
      updatedAt: cases.lastEventAt,
      content: cases.content,
      lat: open311Requests.lat,
      long: open311Requests.long,
      addressString: open311Requests.addressString,
      mediaUrl: open311Requests.mediaUrl,
    })
    .from(open311Requests)
    .innerJoin(cases, eq(cases.id, open311Requests.caseId))
    .innerJoin(units, eq(units.id, cases.unitId))
    .where(and(...conditions))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  if (rows.length === 0) return [];
  const steps = await db
    .select({ streamId: events.streamId, toStatus: events.toStatus, type: events.type })
    .from(events)
    .where(and(eq(events.streamType, 'CASE'), inArray(events.streamId, rows.map((row) => row.caseId))))
    .orderBy(asc(events.sequence));
  const latest = new Map<string, string>();
  for (const step of steps) latest.set(step.streamId, publicStepLabel(step));
  return rows.map((row) => ({ ...row, status: row.status as CaseStatus, statusNotes: latest.get(row.caseId) ?? null }));
}

export interface Open311Update {
  eventId: number;
  number: string;
  status: CaseStatus;
  occurredAt: Date;
  label: string;
}

/** Status changes of Open311 requests in a time window (FixMyStreet's servicerequestupdates). */
export async function open311Updates(db: Executor, start: Date, end: Date): Promise<Open311Update[]> {
  const rows = await db
    .select({ eventId: events.id, number: cases.number, toStatus: events.toStatus, type: events.type, occurredAt: events.occurredAt })
    .from(events)
    .innerJoin(open311Requests, eq(open311Requests.caseId, events.streamId))
    .innerJoin(cases, eq(cases.id, events.streamId))
    .where(and(eq(events.streamType, 'CASE'), ne(cases.kind, 'ACCUSATION'), sql`${events.toStatus} is not null`, gte(events.occurredAt, start), lte(events.occurredAt, end)))
    .orderBy(asc(events.id))
    .limit(1000);
  return rows.map((row) => ({ eventId: row.eventId, number: row.number, status: row.toStatus as CaseStatus, occurredAt: row.occurredAt, label: publicStepLabel(row) }));
}
