import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockPathOf, readDataDirLock } from '../../db/data-dir-lock';

const root = mkdtempSync(join(tmpdir(), 'xf-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A pid that existed a moment ago and no longer does. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('data directory lock', () => {
  it('lets one holder in, refuses the next in Chinese and English, and frees the directory on release', () => {
    const dir = join(root, 'a', 'pglite');
    const lock = acquireDataDirLock(dir, 'server');
    expect(lock.path).toBe(`${dir}.lock`);
    expect(statSync(lock.path).mode & 0o777).toBe(0o600);
    expect(readDataDirLock(dir)).toMatchObject({ pid: process.pid, purpose: 'server' });
    let refusal: unknown;
    try {
      acquireDataDirLock(dir, 'token');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as Error).message).toContain(`pid ${process.pid}`);
    expect((refusal as Error).message).toMatch(/正被另一个进程.*\n.*in use by another process/s);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
    expect(readDataDirLock(dir)).toBeUndefined();
    acquireDataDirLock(dir, 'again').release();
  });

  it('takes over a lock whose process is gone, and an unreadable one', () => {
    const dir = join(root, 'b');
    writeFileSync(lockPathOf(dir), JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: '', purpose: 'server' }));
    expect(readDataDirLock(dir)).toBeUndefined();
    const lock = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
    lock.release();
    writeFileSync(lockPathOf(dir), '');
    acquireDataDirLock(dir, 'server').release();
  });

  it('records the server URL for others and keeps a live holder of another host', () => {
    const dir = join(root, 'c');
    const lock = acquireDataDirLock(dir, 'server');
    lock.update({ url: 'http://127.0.0.1:4000', controlKey: 'k' });
    expect(readDataDirLock(dir)).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:4000', controlKey: 'k' });
    expect(statSync(lock.path).mode & 0o777).toBe(0o600);
    lock.release();
    // Another host's pid cannot be checked from here: its lock stands.
    writeFileSync(lockPathOf(dir), JSON.stringify({ pid: deadPid(), hostname: 'elsewhere', startedAt: '', purpose: 'server' }));
    expect(() => acquireDataDirLock(dir, 'server')).toThrow(DataDirLockedError);
  });
});
