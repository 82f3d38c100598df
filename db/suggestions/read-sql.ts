/**
 * SQL twins of the read rules: `canReadSuggestion` (db/suggestions/stream.ts) for lists, and
 * `isPublicSuggestion` (./publicity.ts) for the public ones. Tests check each pair on the same rows.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Session } from '../session';
import { likePrefix } from '../cases/service';
import { isUnitMember } from '../cases/visibility';
import { neverPublicStatuses } from './publicity';

interface SuggestionColumns {
  unitPath: unknown;
  submitterAccountId: unknown;
  assessorIds: unknown;
  status: unknown;
  publicOn: unknown;
  answerPublishedOn: unknown;
}

export function visibleSuggestionsSql(t: SuggestionColumns, session: Session): SQL {
  const actor = session.actor;
  if (!actor) return sql`false`;
  const viewer = { roles: actor.roles, unitPath: session.unitPath, petitionerId: null };
  const staff = isUnitMember(viewer) ? sql`${t.unitPath} like ${likePrefix(session.unitPath!)}` : sql`false`;
  return sql`(${staff} or ${t.submitterAccountId} = ${actor.accountId} or ${actor.accountId}::uuid = any(${t.assessorIds}))`;
}

export function publicSuggestionSql(t: SuggestionColumns): SQL {
  return sql`((${t.publicOn} is not null or ${t.answerPublishedOn} is not null) and ${t.status} not in (${sql.join(
    neverPublicStatuses.map((s) => sql`${s}`),
    sql`, `,
  )}))`;
}
