/**
 * 回避: a mediator with a declared tie to a party, or from the party's own household, may not sit on the
 * session, unless every party, informed of the disclosed conflict, agrees that the mediator continues
 * (法释〔2021〕23号: 当事人一致同意继续调解的，调解员可以继续主持调解). Pure: rows in, conflicts out.
 */
import { relationshipKindLabels, type RelationshipKind } from './vocabulary';

export interface RecusalMediator {
  id: string;
  name: string;
  householdCode: string | null;
  identityNumber: string | null;
  relationships: { id: string; kind: RelationshipKind; name: string; identityNumber: string | null; householdCode: string | null }[];
}

export interface RecusalParty {
  id: string;
  name: string;
  identityNumber: string | null;
  householdCode: string | null;
  organisation: string | null;
}

export interface Conflict {
  mediatorId: string;
  partyId: string;
  /** HOUSEHOLD for "same household as the party", else the declared relationship's kind. */
  kind: RelationshipKind | 'SELF';
  relationshipId: string | null;
  /** Chinese, names the tie but not the party's personal data. */
  message: string;
}

const norm = (value: string | null | undefined) => value?.trim().toUpperCase() || null;

function partyTouched(rel: RecusalMediator['relationships'][number], party: RecusalParty): boolean {
  const relId = norm(rel.identityNumber);
  const partyId = norm(party.identityNumber);
  // An identity number on both sides decides alone: two different people may share a name.
  if (relId && partyId) return relId === partyId;
  if (rel.householdCode && party.householdCode && rel.householdCode.trim() === party.householdCode.trim()) return true;
  const name = rel.name.trim();
  if (rel.kind === 'ORGANISATION' || rel.kind === 'EMPLOYER') {
    return name === party.organisation?.trim() || name === party.name.trim();
  }
  return name === party.name.trim();
}

/** Every conflict between `mediator` and the parties, in party order. */
export function conflictsOf(mediator: RecusalMediator, parties: readonly RecusalParty[]): Conflict[] {
  const found: Conflict[] = [];
  for (const party of parties) {
    const ownId = norm(mediator.identityNumber);
    if (ownId && ownId === norm(party.identityNumber)) {
      found.push({ mediatorId: mediator.id, partyId: party.id, kind: 'SELF', relationshipId: null, message: `调解员${mediator.name}本人是当事人，应当回避` });
      continue;
    }
    if (mediator.householdCode && party.householdCode && mediator.householdCode.trim() === party.householdCode.trim()) {
      found.push({ mediatorId: mediator.id, partyId: party.id, kind: 'HOUSEHOLD', relationshipId: null, message: `调解员${mediator.name}与一方当事人同属一户，应当回避` });
      continue;
    }
    const rel = mediator.relationships.find((r) => partyTouched(r, party));
    if (rel) {
      found.push({
        mediatorId: mediator.id,
        partyId: party.id,
        kind: rel.kind,
        relationshipId: rel.id,
        message: `调解员${mediator.name}已申报与一方当事人存在“${relationshipKindLabels[rel.kind]}”关系，应当回避`,
      });
    }
  }
  return found;
}

/** A mediator who is a party can never continue; every other conflict is waivable by all parties together. */
export function isWaivable(conflict: Conflict): boolean {
  return conflict.kind !== 'SELF';
}

/**
 * The conflicts still blocking: those not waived by every party of the session.
 * `waivers` are (mediatorId, partyId) pairs of recorded waivers.
 */
export function blockingConflicts(
  conflicts: readonly Conflict[],
  partyIds: readonly string[],
  waivers: readonly { mediatorId: string; partyId: string }[],
): Conflict[] {
  return conflicts.filter((conflict) => {
    if (!isWaivable(conflict)) return true;
    const waivedBy = new Set(waivers.filter((w) => w.mediatorId === conflict.mediatorId).map((w) => w.partyId));
    return !partyIds.every((id) => waivedBy.has(id));
  });
}
