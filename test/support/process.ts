import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Runs an npm script as a user would (`npm start`, `npm run token -- …`) in its own process group, so a
 * signal can reach the whole group as a terminal's Ctrl-C does.
 */
export function runNpm(args: string[], env: Record<string, string>): Running {
  const child = spawn('npm', ['--silent', ...args], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk) => (text += chunk));
  child.stderr!.on('data', (chunk) => (text += chunk));
  // 'close', not 'exit': npm may end on a signal before the server under it has finished stopping;
  // the pipes close only when every process of the group holding them is gone.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the output matches (or the process ends, or the time is up). */
export async function waitForOutput(running: Running, pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
  let ended = false;
  void running.exited.then(() => (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = running.output().match(pattern);
    if (match) return match;
    if (ended) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${pattern} in the output:\n${running.output()}`);
}

/** Signals the process group, as Ctrl-C in a terminal does. */
export function signalGroup(running: Running, signal: NodeJS.Signals): void {
  process.kill(-running.child.pid!, signal);
}

/** Ends a group left running by a failed test. */
export function killGroup(running: Running | undefined): void {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  try {
    process.kill(-running.child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}
