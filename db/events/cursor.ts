/**
 * The integrators' cursor: a position in the delivery order (order_xid, id) of the `events` table.
 * Written as "<order_xid>:<id>" (both decimal); opaque to clients, who only hand back the last one they saw.
 * The empty position (before every event) is "0:0".
 */
export interface Position {
  /** xid8 as a decimal string (64-bit, beyond Number's exact range). */
  orderXid: string;
  id: number;
}

export const START: Position = { orderXid: '0', id: 0 };

export function encodeCursor(position: Position): string {
  return `${position.orderXid}:${position.id}`;
}

/** The position a cursor names, or null when the text is not a cursor of ours. */
export function decodeCursor(cursor: string): Position | null {
  const match = /^(\d{1,20}):(\d{1,16})$/.exec(cursor.trim());
  if (!match) return null;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || BigInt(match[1]) > 0xffffffffffffffffn) return null;
  return { orderXid: BigInt(match[1]).toString(), id };
}

/** True when `a` comes after `b` in delivery order. */
export function isAfter(a: Position, b: Position): boolean {
  const ax = BigInt(a.orderXid);
  const bx = BigInt(b.orderXid);
  return ax > bx || (ax === bx && a.id > b.id);
}
