import { maskPersonalData } from '../../db/petitioners/free-text';
import { builder } from '../builder';
import { FollowUpMethod, SatisfactionRef } from './enums';
import { MASKED, MASKED_EN } from './masking';

export const FollowUpRef = builder.drizzleObject('followUps', {
  name: 'FollowUp',
  description: '回访。A follow-up with the petitioner.',
  fields: (t) => ({
    method: t.expose('method', { type: FollowUpMethod, description: '方式。Method.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    notes: t.string({ description: `记录${MASKED}。Notes.${MASKED_EN}`, select: { columns: { notes: true } }, resolve: (row) => maskPersonalData(row.notes) }),
    satisfaction: t.expose('satisfaction', { type: SatisfactionRef, nullable: true, description: '评价。Satisfaction told.' }),
  }),
});
