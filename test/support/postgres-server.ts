import { connect } from 'node:net';

/**
 * Tests on the local PostgreSQL server (trust auth) skip with a message when nothing listens there, so `npm test`
 * needs no server; under CI or TEST_DATABASE=postgres (where .ci/run has started it) they are required, and an
 * unreachable server fails them.
 */
export const serverRequired = Boolean(process.env.CI) || process.env.TEST_DATABASE === 'postgres';
export const startHint = 'start it with `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`';

/** Fails fast, with a useful message, when nothing listens on the server's port. */
export async function assertServerReachable(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => socket.destroy(new Error('timed out')));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (err) =>
      reject(
        new Error(
          `PostgreSQL is not reachable at ${host}:${port} (${err.message}). ` +
            'This test needs the local server: ' + startHint + ' (.ci/run does so before running the tests).',
        ),
      ),
    );
  });
}

/** Whether a test file skips (and why): `skip` true when the server is down and not required. */
export async function serverAvailability(url: URL, file: string): Promise<{ skip: boolean; reason: string }> {
  const host = url.hostname;
  const port = Number(url.port || 5432);
  const down = await assertServerReachable(host, port).then(
    () => undefined,
    (error: Error) => error.message,
  );
  const skip = down !== undefined && !serverRequired;
  if (skip) console.warn(`[${file}] skipped: ${down}`);
  return { skip, reason: skip ? `(skipped: no PostgreSQL at ${host}:${port}; ${startHint})` : '' };
}
