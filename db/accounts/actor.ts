import type { Role } from './vocabulary';

export type { Role };

/** Who is calling, as the verified token says. Staff act for `unitId` and its subtree. */
export interface Actor {
  accountId: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  petitionerId: string | null;
}
