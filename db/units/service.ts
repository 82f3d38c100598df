import { eq } from 'drizzle-orm';
import type { Database, Executor } from '../client';
import { units } from '../schema';
import { NotFoundError } from '../errors';
import { perDatabase } from '../caches';

/**
 * A unit's path never changes (units are not re-parented), so it is read once per database. Per database
 * (db/caches.ts): the same unit id may sit elsewhere in another database's tree (a copy, a re-import).
 */
const pathCaches = perDatabase(() => new Map<string, string>());

export async function unitPathOf(db: Executor, unitId: string): Promise<string> {
  const pathCache = pathCaches(db);
  const cached = pathCache.get(unitId);
  if (cached) return cached;
  const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  if (!row) throw new NotFoundError('unit', '单位不存在');
  pathCache.set(unitId, row.path);
  return row.path;
}

export async function getUnit(db: Executor, unitId: string) {
  const [row] = await db.select().from(units).where(eq(units.id, unitId));
  if (!row) throw new NotFoundError('unit', '单位不存在');
  return row;
}

export function isWithinSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export interface NewUnit {
  parentId: string | null;
  level: (typeof units.$inferInsert)['level'];
  kind: (typeof units.$inferInsert)['kind'];
  divisionCode: string;
  name: string;
  id?: string;
}

/** Creates a unit under its parent, computing the materialised path. */
export async function createUnit(db: Database | Executor, input: NewUnit) {
  const id = input.id ?? crypto.randomUUID();
  const parentPath = input.parentId ? (await getUnit(db, input.parentId)).path : '/';
  const [row] = await db
    .insert(units)
    .values({ ...input, id, path: `${parentPath}${id}/` })
    .returning();
  return row;
}
