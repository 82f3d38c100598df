import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/**
 * PGlite is one process per data directory: a second process opening the same directory (a script run
 * while the server runs) corrupted it for good. So whoever opens a PGlite data directory first takes
 * `<dataDir>.lock` (beside the directory: PGlite owns the inside), holding its pid; everyone else is
 * refused until it is gone. A lock whose process no longer exists (killed, crashed) is stale and taken over.
 */
export interface DataDirLockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  /** What holds it: `server`, `token`, `migrate`, … */
  purpose: string;
  /** Set by the local server once it listens: where other processes can reach the data through it. */
  url?: string;
  /** A per-run secret the local server accepts from processes that can read this file (mode 0600). */
  controlKey?: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly info: DataDirLockInfo;
  /** Adds fields (the server's URL and control key) to the lock file. */
  update(fields: Partial<Pick<DataDirLockInfo, 'url' | 'controlKey'>>): void;
  release(): void;
}

export class DataDirLockedError extends Error {
  readonly code = 'database/locked';
  constructor(
    readonly dataDir: string,
    readonly holder: DataDirLockInfo,
  ) {
    super(
      `数据目录 ${dataDir} 正被另一个进程（pid ${holder.pid}，${holder.purpose}）使用；嵌入式数据库同一时间只能由一个进程打开。` +
        `请先停止该进程，或为本进程设置另一个 DATA_DIR。\n` +
        `The data directory ${dataDir} is in use by another process (pid ${holder.pid}, ${holder.purpose}); the embedded ` +
        `database can be opened by one process at a time. Stop that process first, or give this one another DATA_DIR.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export function lockPathOf(dataDir: string): string {
  return `${resolve(dataDir).replace(/[/\\]+$/, '')}.lock`;
}

/** The lock's holder if a live process holds it; undefined when free or stale. */
export function readDataDirLock(dataDir: string): DataDirLockInfo | undefined {
  const info = readLockFile(lockPathOf(dataDir));
  return info && isAlive(info) ? info : undefined;
}

export function acquireDataDirLock(dataDir: string, purpose: string): DataDirLock {
  const path = lockPathOf(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  const info: DataDirLockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), purpose };
  // The content is written first and linked into place: link() fails if the lock exists (atomic between
  // processes), and nobody ever reads a half-written lock. Two tries: the second after removing a stale one.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(info), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(temporary, path);
        return heldLock(path, info);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = readLockFile(path);
      if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, holder);
      removeStale(path, holder);
    }
    throw new DataDirLockedError(dataDir, readLockFile(path) ?? info);
  } finally {
    unlinkSync(temporary);
  }
}

function heldLock(path: string, info: DataDirLockInfo): DataDirLock {
  let released = false;
  const onExit = () => release();
  // A process that exits without closing (an uncaught error) leaves no lock behind.
  process.once('exit', onExit);
  function release() {
    if (released) return;
    released = true;
    process.removeListener('exit', onExit);
    if (readLockFile(path)?.pid === info.pid) {
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    }
  }
  return {
    path,
    info,
    update(fields) {
      Object.assign(info, fields);
      // Write-then-rename: a reader never sees half a file.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(info), { mode: 0o600 });
      renameSync(temporary, path);
    },
    release,
  };
}

function readLockFile(path: string): DataDirLockInfo | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as DataDirLockInfo;
    return typeof parsed.pid === 'number' ? parsed : undefined;
  } catch {
    // Not ours (never half-written, see acquire): unreadable means nobody can prove they hold it.
    return undefined;
  }
}

function isAlive(info: DataDirLockInfo): boolean {
  // A lock from another host (a shared folder) cannot be checked: treat it as held.
  if (info.hostname !== hostname()) return true;
  if (info.pid === process.pid) return true;
  try {
    process.kill(info.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeStale(path: string, holder: DataDirLockInfo | undefined): void {
  // Re-read right before removing: another process may have replaced the stale lock with its own meanwhile.
  const current = readLockFile(path);
  if (current && holder && current.pid !== holder.pid) return;
  try {
    unlinkSync(path);
  } catch {
    // someone else removed it first
  }
}
