import type { ApiKeyScope } from '../integrations/vocabulary';
import type { Role } from './vocabulary';

export type { Role };

/** Who is calling, as the verified token says. Staff act for `unitId` and its subtree. */
export interface Actor {
  accountId: string;
  displayName: string;
  roles: Role[];
  unitId: string | null;
  petitionerId: string | null;
  /** Set when an integrator authenticated with an API key: what the key may do, and the history records it. */
  apiKey?: { id: string; name: string; scopes: readonly ApiKeyScope[] } | null;
}
