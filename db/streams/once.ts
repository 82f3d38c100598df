import { VersionConflictError } from './errors';

/**
 * An action on a stream row that makes something once (a case from a failed mediation, a suggestion from a
 * case): a retry is answered with what the first call made, which `earlier` finds (null while nothing is made),
 * and nothing is written again. That holds for a concurrent retry too: both pass the first look, one takes the
 * row lock and commits, and the other's version check then fails; it looks again and answers with what the
 * winner made instead of the conflict. A conflict with any other change stays a conflict.
 */
export async function actOnce<T>(earlier: () => Promise<T | null>, act: () => Promise<T>): Promise<T> {
  const done = await earlier();
  if (done) return done;
  try {
    return await act();
  } catch (error) {
    if (error instanceof VersionConflictError) {
      const other = await earlier();
      if (other) return other;
    }
    throw error;
  }
}
