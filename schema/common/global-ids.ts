import { encodeGlobalID } from '@pothos/plugin-relay';

/** Payload keys naming an object of a Node type, by how they end: toUnitId, intoCaseId, leaderAccountId … */
const nodeTypeByKey: [RegExp, string][] = [
  [/UnitId$|^unitId$/, 'Unit'],
  [/CaseId$|^caseId$/, 'Case'],
  [/AccountId$|^accountId$/, 'Account'],
  [/PetitionerId$|^petitionerId$/, 'Petitioner'],
  [/^leaderId$/, 'Account'],
  [/^scheduleId$/, 'ReceptionSchedule'],
  [/^appointmentId$/, 'Appointment'],
  [/^receptionId$/, 'Reception'],
  [/^visitId$/, 'Visit'],
  [/^mediationSessionId$|^sessionId$/, 'MediationSession'],
  [/^supervisionId$/, 'Supervision'],
  [/^hearingId$/, 'Hearing'],
];

/**
 * An event payload as a client sees it: ids of Node types as the global ids the rest of the API
 * takes and returns (the history stores the database ids; global ids are a transport concept).
 */
export function payloadWithGlobalIds(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (Array.isArray(value) && key.endsWith('Ids')) {
      // a list of ids (petitionerIds): each as the singular key would be
      const type = nodeTypeByKey.find(([pattern]) => pattern.test(key.slice(0, -1)))?.[1];
      out[key] = type ? value.map((id) => (typeof id === 'string' ? encodeGlobalID(type, id) : id)) : value;
      continue;
    }
    const type = typeof value === 'string' ? nodeTypeByKey.find(([pattern]) => pattern.test(key))?.[1] : undefined;
    out[key] = type ? encodeGlobalID(type, value as string) : value;
  }
  return out;
}
