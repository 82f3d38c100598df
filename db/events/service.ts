import { events, eventStreams } from '../schema';
import type { Executor } from '../client';
import type { Actor } from '../accounts/actor';

export const SYSTEM_ACCOUNT_ID = '00000000-0000-0000-0000-000000000000';

export interface NewEvent {
  streamType: (typeof eventStreams)[number];
  streamId: string;
  /** The stream's version after this event: 1 for the first, gap-free. */
  sequence: number;
  type: string;
  actor: Actor | null;
  actorUnitId?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  occurredAt: Date;
  payload?: Record<string, unknown>;
}

/** Appends one event to a stream's history. Call it inside the transaction that changes the stream. */
export async function appendEvent(tx: Executor, event: NewEvent): Promise<void> {
  await appendEvents(tx, [event]);
}

/** Appends several events in one statement (the sweep's notices of a batch of cases). */
export async function appendEvents(tx: Executor, list: NewEvent[]): Promise<void> {
  if (!list.length) return;
  await tx.insert(events).values(
    list.map((event) => ({
      streamType: event.streamType,
      streamId: event.streamId,
      sequence: event.sequence,
      type: event.type,
      // The system actor (deadline sweep) has no account.
      actorId: event.actor && event.actor.accountId !== SYSTEM_ACCOUNT_ID ? event.actor.accountId : null,
      actorRoles: event.actor?.roles ?? [],
      actorUnitId: event.actorUnitId ?? event.actor?.unitId ?? null,
      apiKeyId: event.actor?.apiKey?.id ?? null,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      occurredAt: event.occurredAt,
      payload: event.payload ?? {},
    })),
  );
}
