/**
 * The one booking mechanism: a purpose (a mediation session; a reception slot next) holds resources (a
 * room, mediators, accounts) for [startsAt, endsAt). Overlaps are refused by the database's exclusion
 * constraint `bookings_no_overlap`, so two concurrent transactions cannot both win; the loser's
 * exclusion violation (SQLSTATE 23P01) becomes a typed BookingConflictError naming the resource.
 */
import { and, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Executor } from '../client';
import { bookings } from '../tables/bookings.sql';
import { BookingConflictError } from '../mediation/errors';
import type { BookingPurpose, BookingResource } from '../mediation/vocabulary';

export interface Resource {
  kind: BookingResource;
  id: string;
  /** How the resource is called in a refusal (“调解室（一）”, “调解员 陈老师”). */
  label: string;
}

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}

export const EXCLUSION_VIOLATION = '23P01';

/** The Postgres error under drizzle's wrapper (DrizzleQueryError.cause), if any. */
export function postgresErrorOf(error: unknown): { code?: string; constraint?: string; detail?: string } | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e as { code: string; constraint?: string; detail?: string };
  }
  return null;
}

/** Holds every resource for the range, in the caller's transaction; refuses with the first resource already held. */
export async function book(tx: Executor, purpose: { kind: BookingPurpose; id: string }, range: TimeRange, resources: readonly Resource[]): Promise<void> {
  if (!resources.length) return;
  try {
    await tx.insert(bookings).values(
      resources.map((r) => ({ resourceKind: r.kind, resourceId: r.id, startsAt: range.startsAt, endsAt: range.endsAt, purposeKind: purpose.kind, purposeId: purpose.id })),
    );
  } catch (error) {
    const pg = postgresErrorOf(error);
    if (pg?.code !== EXCLUSION_VIOLATION) throw error;
    // The detail names the key that collided: "Key (resource_kind, resource_id, …)=(ROOM, <uuid>, …) conflicts with …"
    const held = resources.find((r) => pg.detail?.includes(`(${r.kind}, ${r.id},`)) ?? resources[0];
    throw new BookingConflictError(held.kind, held.id, `${held.label}在该时段已有其他安排，不能重复预约`);
  }
}

/** Releases the purpose's live bookings (postponed, cancelled, concluded): the rows stay for the history. */
export async function release(tx: Executor, purpose: { kind: BookingPurpose; id: string }, at: Date): Promise<number> {
  const rows = await tx
    .update(bookings)
    .set({ releasedAt: at })
    .where(and(eq(bookings.purposeKind, purpose.kind), eq(bookings.purposeId, purpose.id), isNull(bookings.releasedAt)))
    .returning({ id: bookings.id });
  return rows.length;
}

/** Which of these resources hold a live booking overlapping the range (for matching and calendars). */
export async function busyAmong(db: Executor, kind: BookingResource, ids: readonly string[], range: TimeRange, exceptPurposeId?: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: bookings.resourceId, purposeId: bookings.purposeId })
    .from(bookings)
    .where(
      and(eq(bookings.resourceKind, kind), inArray(bookings.resourceId, [...ids]), isNull(bookings.releasedAt), lt(bookings.startsAt, range.endsAt), gt(bookings.endsAt, range.startsAt)),
    );
  return new Set(rows.filter((r) => r.purposeId !== exceptPurposeId).map((r) => r.id));
}
