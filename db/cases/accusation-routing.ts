/**
 * 检举控告 registered at the unit it accuses (or below it): that unit may never read it, so the case goes at once
 * to the competent organ — the nearest discipline inspection unit (纪委监委) outside the accused unit's subtree.
 * Pure rules over materialised unit paths ("/a/b/c/"); the service loads the candidates.
 */

export interface UnitOnPath {
  id: string;
  name: string;
  path: string;
}

/** Is `path` the unit at `ancestorPath` or below it? */
const within = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);

/** The ids of a unit and its ancestors, root first ("/a/b/c/" → [a, b, c]). */
export function idsOnPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Path of the unit's parent ("/a/b/c/" → "/a/b/"; a root unit → "/"). */
export function parentPathOf(path: string): string {
  return path.replace(/[^/]+\/$/, '');
}

/** Does a case received at `receivingPath` against `accusedPath` sit where its receiver may not read it? */
export function registeredInsideAccused(receivingPath: string, accusedPath: string | null): boolean {
  return accusedPath !== null && within(receivingPath, accusedPath);
}

/**
 * The competent organ for an accusation against the unit at `accusedPath`, among discipline inspection units:
 * walking up from the accused unit, the first ancestor with a discipline inspection unit directly under it (or
 * that is one) outside the accused unit's subtree. A sibling township's organ is never competent (its parent
 * must be on the accused unit's line). Ties (two organs under one ancestor) go to the lower path, so the answer
 * is stable. Null when there is none in the system.
 */
export function competentOrgan<U extends UnitOnPath>(accusedPath: string, disciplineUnits: readonly U[]): U | null {
  let best: { unit: U; depth: number } | null = null;
  for (const unit of disciplineUnits) {
    if (within(unit.path, accusedPath)) continue;
    const parent = parentPathOf(unit.path);
    if (!within(accusedPath, parent)) continue;
    const depth = idsOnPath(parent).length;
    if (!best || depth > best.depth || (depth === best.depth && unit.path < best.unit.path)) best = { unit, depth };
  }
  return best?.unit ?? null;
}
