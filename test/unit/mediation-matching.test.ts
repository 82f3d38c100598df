import { describe, expect, it } from 'vitest';
import { rankMediators, type CandidateFacts } from '../../db/mediation/matching';

// The place of the dispute: county C → township T → village V.
const request = {
  specialty: 'LAND_HOMESTEAD' as const,
  placeLineage: [
    { id: 'C', level: 'COUNTY' },
    { id: 'T', level: 'TOWNSHIP' },
    { id: 'V', level: 'VILLAGE' },
  ],
};

function facts(id: string, over: Partial<CandidateFacts>): CandidateFacts {
  return {
    id,
    name: id,
    rosterKey: id,
    status: 'ACTIVE',
    inTerm: true,
    specialties: [],
    homeUnitPath: '/R/C/T2/V9/',
    openSessions: 0,
    upcomingSessions: 0,
    concluded: 0,
    agreements: 0,
    satisfied: 0,
    evaluated: 0,
    availableAt: null,
    bookedAt: false,
    conflicts: [],
    ...over,
  };
}

describe('recommendMediators ranking', () => {
  const roster = [
    // same village, specialist, busy: 40 + 30 − 2·2 − 3·1 + 20·(3/4) + 10·(1/2) = 83
    facts('a', { specialties: ['LAND_HOMESTEAD'], homeUnitPath: '/R/C/T/V/', openSessions: 2, upcomingSessions: 1, concluded: 4, agreements: 3, evaluated: 2, satisfied: 1 }),
    // same township, specialist, idle, newcomer: 40 + 20 + 10 + 5 = 75
    facts('b', { specialties: ['LAND_HOMESTEAD', 'NEIGHBOURHOOD'], homeUnitPath: '/R/C/T/V2/' }),
    // same county, not a specialist, perfect record: 0 + 10 + 20 + 10 = 40
    facts('c', { specialties: ['MARRIAGE_FAMILY'], concluded: 5, agreements: 5, evaluated: 5, satisfied: 5 }),
    // other county, specialist: 40 + 0 + 10 + 5 = 55
    facts('d', { specialties: ['LAND_HOMESTEAD'], homeUnitPath: '/R/X/T3/V3/' }),
    // ties with b on score (75) but has an upcoming session and so … 40+20−3+10+5 = 72: below b
    facts('e', { specialties: ['LAND_HOMESTEAD'], homeUnitPath: '/R/C/T/V3/', upcomingSessions: 1 }),
    // same facts as b: tie broken by roster key ('b' < 'f')
    facts('f', { specialties: ['LAND_HOMESTEAD'], homeUnitPath: '/R/C/T/V4/' }),
    facts('s', { status: 'SUSPENDED', specialties: ['LAND_HOMESTEAD'], homeUnitPath: '/R/C/T/V/' }),
    facts('o', { inTerm: false }),
    facts('r', { conflicts: ['调解员r已申报与一方当事人存在“近亲属”关系，应当回避'] }),
    facts('u', { availableAt: false }),
    facts('k', { bookedAt: true, availableAt: true }),
  ];

  it('ranks by explained points with a deterministic tie-break', () => {
    const { ranked } = rankMediators(roster, request);
    expect(ranked.map((r) => [r.mediatorId, r.score, r.rank])).toEqual([
      ['a', 83, 1],
      ['b', 75, 2],
      ['f', 75, 3],
      ['e', 72, 4],
      ['d', 55, 5],
      ['c', 40, 6],
    ]);
    expect(ranked[0].reasons.map((r) => [r.kind, r.points, r.message])).toEqual([
      ['SPECIALTY', 40, '擅长土地宅基地'],
      ['DISTANCE', 30, '同村（社区）'],
      ['LOAD', -7, '在办 2 件，未来 14 天已约 1 场'],
      ['AGREEMENT_RATE', 15, '调解成功率 75%（3/4）'],
      ['SATISFACTION', 5, '满意率 50%（1/2）'],
    ]);
    // the order does not depend on the order the roster came in
    expect(rankMediators([...roster].reverse(), request).ranked.map((r) => r.mediatorId)).toEqual(['a', 'b', 'f', 'e', 'd', 'c']);
  });

  it('lists every excluded mediator with why, hard filters before any ranking', () => {
    const { excluded } = rankMediators(roster, request);
    expect(excluded.map((e) => [e.mediatorId, e.kind, e.message])).toEqual([
      ['k', 'BOOKED', '该时段已有其他调解安排'],
      ['o', 'OUT_OF_TERM', '不在聘期内'],
      ['r', 'RECUSAL', '调解员r已申报与一方当事人存在“近亲属”关系，应当回避'],
      ['s', 'NOT_ACTIVE', '暂停调解'],
      ['u', 'UNAVAILABLE', '该时段不在可约时间内或已登记不可约'],
    ]);
  });
});
