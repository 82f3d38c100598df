/**
 * The README's first hour, with the real processes: `npm start` on a fresh data directory, `npm run token`
 * while it runs, a write, Ctrl-C, a restart that finds the data, and a second server refused.
 * Each start spawns the real server (PGlite on a temp DATA_DIR, PORT=0: the server prints its port).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../db/seed';
import { killGroup, runNpm, signalGroup, waitForOutput, type Running } from './support/process';

const root = mkdtempSync(join(tmpdir(), 'xf-local-server-'));
// Nested folders that do not exist yet, as `.data/pglite` on a fresh clone.
const dataDir = join(root, 'not', 'yet', 'pglite');
const env = { DATA_DIR: dataDir, PORT: '0', JWT_SECRET: 'local-server-test-secret' };
const started: Running[] = [];

afterAll(() => {
  for (const running of started) killGroup(running);
  rmSync(root, { recursive: true, force: true });
});

function start(): Running {
  const running = runNpm(['start'], env);
  started.push(running);
  return running;
}

async function urlOf(running: Running): Promise<string> {
  const [, url] = await waitForOutput(running, /信访 GraphQL API \(pglite, [\d.]+ s\): (http:\/\/localhost:\d+\/graphql)\n/);
  return url;
}

async function token(username: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const running = runNpm(['run', 'token', '--', username, '1h'], env);
  started.push(running);
  let stdout = '';
  running.child.stdout!.on('data', (chunk) => (stdout += chunk));
  const code = await running.exited;
  return { code, stdout: stdout.trim(), stderr: running.output().replace(stdout, '') };
}

async function gql(url: string, query: string, variables: Record<string, unknown>, bearer: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[]; extensions?: any };
}

const title = `进程测试 ${process.pid}`;
const countQuery = `query($text: String) { cases(filter: { text: $text }) { totalCount } }`;
const jwt = /^[\w-]+\.[\w-]+\.[\w-]+$/;

describe('npm start and npm run token on one data directory', { timeout: 240_000 }, () => {
  it('npm run token before any start says to run npm start, and creates nothing', async () => {
    const result = await token('staff');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('请先运行 npm start');
    expect(result.stderr).toContain('run `npm start` first');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('starts on a fresh directory, mints tokens while running, refuses a second server, keeps data across Ctrl-C', async () => {
    const first = start();
    const url = await urlOf(first);

    // Start-up output: one line per demo account (account, roles, token), the URL last.
    const lines = first.output().trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^信访 GraphQL API \(pglite, [\d.]+ s\): http:\/\/localhost:\d+\/graphql$/);
    const tokenLines = lines.filter((line) => /^ {2}\S+ +[A-Z,]+ +[\w-]+\.[\w-]+\.[\w-]+$/.test(line));
    expect(tokenLines.map((line) => line.trim().split(/ +/).slice(0, 2))).toEqual(demoAccounts.map((a) => [a.username, a.roles.join(',')]));

    // The token command while the server runs: answered by the server, the database untouched by it.
    const minted = await token('staff');
    expect(minted.code).toBe(0);
    expect(minted.stdout).toMatch(jwt);
    expect(minted.stderr).toContain('staff (区信访办 王登记) STAFF');
    const viewer = await gql(url, '{ viewer { account { username } } }', {}, minted.stdout);
    expect(viewer.data).toEqual({ viewer: { account: { username: 'staff' } } });
    expect(viewer.extensions?.cost.requestedQueryCost).toBe(3);
    const unknown = await token('nobody');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account named nobody');

    // A write with the minted token.
    const receivedOn = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const registered = await gql(
      url,
      `mutation($input: RegisterCaseInput!) { registerCase(input: $input) { __typename ... on Error { code message } } }`,
      { input: { idempotencyKey: `process-test-${process.pid}`, kind: 'APPEAL_REQUEST', channel: 'VISIT', category: '劳动社保', title, content: '进程重启后这件事项应当还在。', placeCode: '500118001001', receivedOn, petitioners: [{ name: '张三' }] } },
      minted.stdout,
    );
    expect(registered.data).toEqual({ registerCase: { __typename: 'MutationRegisterCaseSuccess' } });

    // A second server on the same directory is refused in Chinese and English; the first keeps serving.
    const second = start();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('正被另一个进程');
    expect(second.output()).toContain('is in use by another process');
    expect((await gql(url, countQuery, { text: title }, minted.stdout)).data.cases.totalCount).toBe(1);

    // Ctrl-C: the whole process group gets SIGINT; the server closes the database (npm itself ends by the signal).
    signalGroup(first, 'SIGINT');
    await first.exited;
    expect(first.output()).toMatch(/正在停止.*\n已停止 \(stopped\)\n$/);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    // With the server stopped the command opens the database itself.
    const offline = await token('leader');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toMatch(jwt);

    // A lock left by a process that no longer exists (killed) does not block the next start.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: Number(dead.stdout), hostname: hostname(), startedAt: '', purpose: 'server' }));
    const again = start();
    const urlAgain = await urlOf(again);
    expect(again.output()).not.toContain('demo data seeded');
    expect((await gql(urlAgain, countQuery, { text: title }, offline.stdout)).data.cases.totalCount).toBe(1);
    signalGroup(again, 'SIGTERM');
    await again.exited;
    expect(again.output()).toMatch(/已停止 \(stopped\)\n$/);
  });
});
