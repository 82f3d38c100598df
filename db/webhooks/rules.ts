import type { Viewer } from '../cases/visibility';

/** Who manages endpoints (pure): the caller's account, roles and unit path. */
export interface EndpointManager {
  accountId: string;
  roles: readonly string[];
  unitPath: string | null;
}

export interface EndpointScope {
  unitPath: string;
  ownerKind: 'ACCOUNT' | 'API_KEY';
  ownerId: string;
}

/**
 * An ADMIN manages every endpoint of its unit's subtree; an INTEGRATOR its own endpoints (owned by its account),
 * which cannot reach beyond its unit's subtree. (An API key will own endpoints as ownerKind API_KEY.)
 */
export function mayManageEndpoint(manager: EndpointManager, endpoint: EndpointScope): boolean {
  if (!manager.unitPath || !endpoint.unitPath.startsWith(manager.unitPath)) return false;
  if (manager.roles.includes('ADMIN')) return true;
  return manager.roles.includes('INTEGRATOR') && endpoint.ownerKind === 'ACCOUNT' && endpoint.ownerId === manager.accountId;
}

/** May this caller create an endpoint for `unitPath`? */
export function mayCreateEndpoint(manager: EndpointManager, unitPath: string): boolean {
  return (manager.roles.includes('ADMIN') || manager.roles.includes('INTEGRATOR')) && !!manager.unitPath && unitPath.startsWith(manager.unitPath);
}

/** An endpoint reads the log as a member of its unit would: the same visibility rule as that member's queries. */
export function endpointViewer(endpoint: { unitPath: string }): Viewer {
  return { roles: ['INTEGRATOR'], unitPath: endpoint.unitPath, petitionerId: null };
}
