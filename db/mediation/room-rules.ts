/** Rooms: open, closed for a period with a reason, reopened; each change is one MEDIATION_ROOM event. */
import type { Role } from '../accounts/actor';
import { roomStatusLabels, valuesOf, type RoomStatus } from './vocabulary';
import { defineLifecycle, type TransitionRule } from '../streams/lifecycle';
import type { IsoDate } from '../calendar/work-calendar';

export const roomActions = ['updateRoom', 'closeRoom', 'reopenRoom'] as const;
export type RoomAction = (typeof roomActions)[number];
export const ROOM_CREATED = 'room.created';

const ADMIN: readonly Role[] = ['ADMIN'];

export const roomLifecycle = defineLifecycle({
  entity: 'room',
  noun: '调解场所',
  statuses: valuesOf(roomStatusLabels),
  statusLabels: roomStatusLabels,
  actions: roomActions,
  actionLabels: { updateRoom: '修改场所信息', closeRoom: '暂停使用', reopenRoom: '恢复开放' },
  transitions: {
    updateRoom: { from: ['OPEN', 'CLOSED'], to: null, roles: ADMIN },
    closeRoom: { from: ['OPEN', 'CLOSED'], to: 'CLOSED', roles: ADMIN },
    reopenRoom: { from: ['CLOSED'], to: 'OPEN', roles: ADMIN },
  } satisfies Record<RoomAction, TransitionRule<RoomStatus>>,
  eventTypes: { updateRoom: 'room.updated', closeRoom: 'room.closed', reopenRoom: 'room.reopened' },
});

/** Whether a room closed from `closedFrom` until `closedUntil` (open-ended when null) is closed on `day`. */
export function isClosedOn(room: { status: RoomStatus; closedFrom: IsoDate | null; closedUntil: IsoDate | null }, day: IsoDate): boolean {
  if (room.status !== 'CLOSED') return false;
  if (room.closedFrom && day < room.closedFrom) return false;
  if (room.closedUntil && day > room.closedUntil) return false;
  return true;
}
