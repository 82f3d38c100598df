import { defineRelations } from 'drizzle-orm';
import * as schema from './schema';

export const relations = defineRelations(schema, (r) => ({
  units: {
    parent: r.one.units({ from: r.units.parentId, to: r.units.id, alias: 'unit_parent' }),
    children: r.many.units({ from: r.units.id, to: r.units.parentId, alias: 'unit_parent' }),
    staff: r.many.accounts({ from: r.units.id, to: r.accounts.unitId }),
  },
  accounts: {
    unit: r.one.units({ from: r.accounts.unitId, to: r.units.id }),
    petitioner: r.one.petitioners({ from: r.accounts.petitionerId, to: r.petitioners.id }),
  },
  cases: {
    unit: r.one.units({ from: r.cases.unitId, to: r.units.id, optional: false, alias: 'case_unit' }),
    receivingUnit: r.one.units({ from: r.cases.receivingUnitId, to: r.units.id, optional: false, alias: 'case_receiving_unit' }),
    participants: r.many.casePetitioners({ from: r.cases.id, to: r.casePetitioners.caseId }),
    events: r.many.events({ from: r.cases.id, to: r.events.streamId, where: { streamType: 'CASE' } }),
    mergedInto: r.one.cases({ from: r.cases.mergedIntoId, to: r.cases.id, alias: 'case_merged_into' }),
    repeatOf: r.one.cases({ from: r.cases.repeatOfId, to: r.cases.id, alias: 'case_repeat_of' }),
  },
  casePetitioners: {
    petitionCase: r.one.cases({ from: r.casePetitioners.caseId, to: r.cases.id, optional: false }),
    petitioner: r.one.petitioners({ from: r.casePetitioners.petitionerId, to: r.petitioners.id, optional: false }),
  },
  events: {
    actor: r.one.accounts({ from: r.events.actorId, to: r.accounts.id }),
  },
}));
