/**
 * 建议意见类信访事项转入人民建议征集 (convertCaseToSuggestion): a SUGGESTION-kind case becomes a suggestion.
 * One transaction: the case's own action `continueAsSuggestion` (its lifecycle closes it: the matter is handled
 * on the suggestion's stream from now on; one `case.continued_as_suggestion` event naming the suggestion) and the
 * suggestion's intake (its first event `suggestion.submitted` names the case). Links both ways:
 * suggestions.source_case_id ↔ Case.continuedAsSuggestion.
 *
 * Asking again for a case already converted answers the same suggestion and writes nothing.
 */
import { and, eq } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Session } from '../session';
import { accounts, casePetitioners, cases, petitioners, suggestions } from '../schema';
import { NotFoundError } from '../errors';
import { parseInput, text } from '../common/validate';
import { runCaseAction } from '../cases/actions';
import { CaseRuleError } from '../cases/errors';
import type { CaseRow } from '../cases/clock-state';
import { canReadCase } from '../cases/visibility';
import { viewerOf } from '../cases/service';
import { actOnce } from '../streams/once';
import { submitSuggestion } from './intake';
import { SuggestionRuleError } from './errors';

export interface ConvertCaseInput {
  caseId: string;
  expectedVersion: number;
  /** A published campaign it belongs to (its window and categories apply); open collection when empty. */
  campaignId?: string | null;
  /** Defaults to the case's category. */
  category?: string | null;
  note?: string | null;
  occurredAt?: Date | null;
}

export interface ConversionResult {
  caseRow: CaseRow;
  suggestionId: string;
  replayed: boolean;
}

const inputSchema = z.object({
  campaignId: z.nullish(z.uuid('征集活动 ID 格式不正确')),
  category: z.nullish(text('类别', 1, 40)),
  note: z.nullish(text('说明', 2, 500)),
});

const CONTENT_MAX = 5000;

/** The suggestion's text: the petition's own words, and where they came from. */
export function suggestionContent(content: string, number: string): string {
  const origin = `\n（由信访事项 ${number} 转入人民建议征集）`;
  return content.length + origin.length > CONTENT_MAX ? `${content.slice(0, CONTENT_MAX - origin.length - 1)}…${origin}` : `${content}${origin}`;
}

async function replayed(session: Session, caseId: string): Promise<ConversionResult | null> {
  const [earlier] = await session.db.select({ id: suggestions.id }).from(suggestions).where(eq(suggestions.sourceCaseId, caseId));
  if (!earlier) return null;
  const [row] = await session.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row || !canReadCase(viewerOf(session), row)) throw new NotFoundError('case', '信访事项不存在或无权查看');
  return { caseRow: row as CaseRow, suggestionId: earlier.id, replayed: true };
}

export async function convertCaseToSuggestion(session: Session, input: ConvertCaseInput): Promise<ConversionResult> {
  const value = parseInput(inputSchema, { campaignId: input.campaignId, category: input.category, note: input.note });
  return actOnce(() => replayed(session, input.caseId), async () => {
    let suggestionId: string | null = null;
    const caseRow = await runCaseAction(session, 'continueAsSuggestion', input, async (scope) => {
      const { row } = scope;
      if (!scope.actorPath || !row.unitPath.startsWith(scope.actorPath)) throw new CaseRuleError('case/not-our-unit', '只有责任单位或其上级单位可以办理此项');
      if (row.kind !== 'SUGGESTION') throw new SuggestionRuleError('suggestion/case-not-suggestion');
      if (row.hearingPauseStartedOn) throw new CaseRuleError('case/hearing-pending', '听证尚未举行，请先记录听证结果');
      // The primary petitioner submits it: their account (if any) follows it, their name and mobile are the contact.
      const [primary] = await scope.tx
        .select({ id: petitioners.id, name: petitioners.name, mobile: petitioners.mobile })
        .from(casePetitioners)
        .innerJoin(petitioners, eq(petitioners.id, casePetitioners.petitionerId))
        .where(and(eq(casePetitioners.caseId, row.id), eq(casePetitioners.role, 'PRIMARY')));
      const [account] = primary ? await scope.tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.petitionerId, primary.id)) : [];
      const result = await submitSuggestion(
        scope.session,
        {
          campaignId: value.campaignId ?? undefined,
          title: row.title,
          content: suggestionContent(row.content, row.number),
          category: value.category ?? row.category,
          placeCode: row.placeCode ?? undefined,
          channel: row.channel,
          attachments: [],
          contactName: primary?.name ?? undefined,
          contactMobile: primary?.mobile ?? undefined,
          publicNameConsent: false,
          receivedOn: scope.on,
        },
        { sourceCaseId: row.id, unitId: row.unitId, submitterAccountId: account?.id ?? null, tx: scope.tx },
      );
      suggestionId = result.suggestionId;
      return {
        changes: { closedOn: scope.on, hearingPauseStartedOn: null },
        payload: { suggestionId: result.suggestionId, suggestionNumber: result.number, campaignId: value.campaignId ?? null, note: value.note ?? null },
      };
    });
    return { caseRow, suggestionId: suggestionId!, replayed: false };
  });
}
