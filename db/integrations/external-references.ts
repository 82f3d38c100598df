import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { externalReferences } from '../schema';
import { IntegrationError } from './errors';
import type { ExternalSystem } from './vocabulary';

export interface ExternalReference {
  system: ExternalSystem;
  reference: string;
  /** The integrator's own deadline (e.g. the 12345 ticket's), kept beside ours; it does not move our clocks. */
  dueAt?: Date | null;
}

/**
 * Claims an integrator's reference inside the intake transaction. The primary key makes a concurrent claim of
 * the same reference wait until the first commits; it then finds the first case (same content → that case,
 * different content → `integration/external-ref-conflict`). Returns the earlier case id, or null to go on.
 */
export async function claimExternalReference(tx: Executor, accountId: string, ref: ExternalReference, requestHash: string): Promise<string | null> {
  const claimed = await tx
    .insert(externalReferences)
    .values({ accountId, system: ref.system, reference: ref.reference, requestHash, externalDueAt: ref.dueAt ?? null })
    .onConflictDoNothing()
    .returning({ reference: externalReferences.reference });
  if (claimed.length) return null;
  const [previous] = await tx.select().from(externalReferences).where(referenceIs(accountId, ref));
  if (!previous || previous.requestHash !== requestHash || !previous.caseId) throw new IntegrationError('integration/external-ref-conflict');
  return previous.caseId;
}

export async function settleExternalReference(tx: Executor, accountId: string, ref: ExternalReference, caseId: string) {
  await tx.update(externalReferences).set({ caseId }).where(referenceIs(accountId, ref));
}

export async function caseIdByExternalReference(db: Executor, accountId: string, system: ExternalSystem, reference: string): Promise<string | null> {
  const [row] = await db
    .select({ caseId: externalReferences.caseId })
    .from(externalReferences)
    .where(referenceIs(accountId, { system, reference }));
  return row?.caseId ?? null;
}

function referenceIs(accountId: string, ref: Pick<ExternalReference, 'system' | 'reference'>) {
  return and(eq(externalReferences.accountId, accountId), eq(externalReferences.system, ref.system), eq(externalReferences.reference, ref.reference));
}
