/**
 * recommendMediators: hard filters first (status, term, recusal, availability, an overlapping booking),
 * then a ranking whose every point is explained. Pure and deterministic: the same facts give the same
 * order; ties are broken by fewer upcoming sessions, then the roster key, then the id.
 */
import { mediatorStatusLabels, specialtyLabels, type MediatorStatus, type Specialty } from './vocabulary';

export interface MatchRequest {
  specialty: Specialty;
  /** The unit ids from the root down to the place of the dispute, with their levels. */
  placeLineage: { id: string; level: string }[];
}

export interface CandidateFacts {
  id: string;
  name: string;
  rosterKey: string;
  status: MediatorStatus;
  inTerm: boolean;
  specialties: readonly Specialty[];
  homeUnitPath: string;
  /** Sessions not yet concluded, and those booked in the next 14 days. */
  openSessions: number;
  upcomingSessions: number;
  /** Concluded sessions with an outcome, of which ended in agreement. */
  concluded: number;
  agreements: number;
  /** Satisfied or basically satisfied, of those evaluated. */
  satisfied: number;
  evaluated: number;
  /** null when no time was asked for. */
  availableAt: boolean | null;
  /** Why not, when availableAt is false (./availability.ts `unavailability`). */
  unavailableBecause?: string | null;
  bookedAt: boolean;
  conflicts: readonly string[];
}

export type ExclusionKind = 'NOT_ACTIVE' | 'OUT_OF_TERM' | 'RECUSAL' | 'UNAVAILABLE' | 'BOOKED';
export type ReasonKind = 'SPECIALTY' | 'DISTANCE' | 'LOAD' | 'AGREEMENT_RATE' | 'SATISFACTION' | 'AVAILABILITY';

export interface Reason {
  kind: ReasonKind;
  points: number;
  message: string;
}

export interface Ranked {
  mediatorId: string;
  rank: number;
  score: number;
  reasons: Reason[];
}

export interface Excluded {
  mediatorId: string;
  kind: ExclusionKind;
  message: string;
}

/** Points, in one place so the explanation and the arithmetic cannot drift apart. */
export const weights = {
  specialty: 40,
  distance: { VILLAGE: 30, TOWNSHIP: 20, COUNTY: 10 } as Record<string, number>,
  perOpenSession: -2,
  perUpcomingSession: -3,
  agreementRate: 20,
  satisfaction: 10,
  /** With no concluded session yet, half marks: a newcomer is neither punished nor favoured. */
  unknownRateShare: 0.5,
};

const levelNames: Record<string, string> = { VILLAGE: '同村（社区）', TOWNSHIP: '同乡镇（街道）', COUNTY: '同区县' };

function exclusion(c: CandidateFacts): Excluded | null {
  if (c.status !== 'ACTIVE') return { mediatorId: c.id, kind: 'NOT_ACTIVE', message: `${mediatorStatusLabels[c.status]}` };
  if (!c.inTerm) return { mediatorId: c.id, kind: 'OUT_OF_TERM', message: '不在聘期内' };
  if (c.conflicts.length) return { mediatorId: c.id, kind: 'RECUSAL', message: c.conflicts.join('；') };
  if (c.bookedAt) return { mediatorId: c.id, kind: 'BOOKED', message: '该时段已有其他调解安排' };
  if (c.availableAt === false) return { mediatorId: c.id, kind: 'UNAVAILABLE', message: c.unavailableBecause ?? '该时段不在可约时间内或已登记不可约' };
  return null;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function reasonsOf(c: CandidateFacts, request: MatchRequest): Reason[] {
  const reasons: Reason[] = [];
  const label = specialtyLabels[request.specialty];
  reasons.push(
    c.specialties.includes(request.specialty)
      ? { kind: 'SPECIALTY', points: weights.specialty, message: `擅长${label}` }
      : { kind: 'SPECIALTY', points: 0, message: `不擅长${label}` },
  );
  // The deepest unit on the place's line that also holds the mediator's home village.
  const common = [...request.placeLineage].reverse().find((u) => c.homeUnitPath.includes(`/${u.id}/`));
  const points = common ? weights.distance[common.level] ?? 0 : 0;
  reasons.push({ kind: 'DISTANCE', points, message: points ? `${levelNames[common!.level]}` : '不在同一区县' });
  const load = c.openSessions * weights.perOpenSession + c.upcomingSessions * weights.perUpcomingSession;
  reasons.push({ kind: 'LOAD', points: load, message: `在办 ${c.openSessions} 件，未来 14 天已约 ${c.upcomingSessions} 场` });
  const rate = c.concluded ? c.agreements / c.concluded : null;
  reasons.push({
    kind: 'AGREEMENT_RATE',
    points: round(weights.agreementRate * (rate ?? weights.unknownRateShare)),
    message: rate === null ? '尚无办结的调解' : `调解成功率 ${Math.round(rate * 100)}%（${c.agreements}/${c.concluded}）`,
  });
  const sat = c.evaluated ? c.satisfied / c.evaluated : null;
  reasons.push({
    kind: 'SATISFACTION',
    points: round(weights.satisfaction * (sat ?? weights.unknownRateShare)),
    message: sat === null ? '尚无满意度评价' : `满意率 ${Math.round(sat * 100)}%（${c.satisfied}/${c.evaluated}）`,
  });
  if (c.availableAt === true) reasons.push({ kind: 'AVAILABILITY', points: 0, message: '该时段可约' });
  return reasons;
}

export function rankMediators(candidates: readonly CandidateFacts[], request: MatchRequest): { ranked: Ranked[]; excluded: Excluded[] } {
  const excluded: Excluded[] = [];
  const scored: (Ranked & { facts: CandidateFacts })[] = [];
  for (const c of candidates) {
    const out = exclusion(c);
    if (out) {
      excluded.push(out);
      continue;
    }
    const reasons = reasonsOf(c, request);
    scored.push({ mediatorId: c.id, rank: 0, score: round(reasons.reduce((sum, r) => sum + r.points, 0)), reasons, facts: c });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      a.facts.upcomingSessions - b.facts.upcomingSessions ||
      (a.facts.rosterKey < b.facts.rosterKey ? -1 : a.facts.rosterKey > b.facts.rosterKey ? 1 : 0) ||
      (a.mediatorId < b.mediatorId ? -1 : 1),
  );
  // by roster key, then id: the candidates' SQL order differs between PGlite and the server
  const keyOf = new Map(candidates.map((c) => [c.id, c.rosterKey]));
  const byKey = (a: Excluded, b: Excluded) => {
    const ka = keyOf.get(a.mediatorId)!;
    const kb = keyOf.get(b.mediatorId)!;
    return ka < kb ? -1 : ka > kb ? 1 : a.mediatorId < b.mediatorId ? -1 : 1;
  };
  excluded.sort(byKey);
  return { ranked: scored.map(({ facts: _facts, ...r }, i) => ({ ...r, rank: i + 1 })), excluded };
}
