/**
 * `npm test` needs no PostgreSQL server (the README says so): with nothing listening, the Neon-driver
 * test skips with a message saying how to start one, and passes the tests that need no server.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/process';

/** A loopback port nothing listens on: bound, then freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('npm test without a PostgreSQL server', () => {
  it('skips the Neon-driver tests with a clear message instead of failing', { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|CI$|TEST_DATABASE$)/.test(name)));
    const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/neon-proxy.test.ts'], {
      cwd: repoRoot,
      env: { ...env, NEON_PROXY_TEST_ADMIN_URL: `postgresql://postgres@127.0.0.1:${port}/postgres`, NO_COLOR: '1' },
      encoding: 'utf8',
    });
    const output = run.stdout + run.stderr;
    expect(run.status, output).toBe(0);
    expect(output).toContain(`skipped: PostgreSQL is not reachable at 127.0.0.1:${port}`);
    expect(output).toMatch(/Tests\s+\d+ passed \| \d+ skipped/);
    expect(output).not.toMatch(/\bfailed\b/);
  });
});
