/**
 * The raw baseline: node:http, the same driver and path as our API (@neondatabase/serverless Pool
 * through the WebSocket proxy of db/ws-proxy.ts: DATABASE_WS_PROXY's, which bench/run.ts runs in its own process
 * for both servers as Neon runs it in production, else one in this process as functions/server.ts opens it on a
 * loopback DATABASE_URL), one hand-written SQL statement per request that builds the whole JSON
 * answer in Postgres (json aggregation), written out as the text Postgres returns.
 * It authenticates as our API does (HS256 bearer token, the unit path cached per process) and
 * applies the same visibility predicate, so the database does the same work.
 *
 *   GET /cases?unit=<unit uuid>[&after=<received_on>,<uuid>]   50 cases of the unit's subtree, newest first
 *   GET /cases/<uuid>                                          one case
 *
 * Env: DATABASE_URL, PORT, JWT_SECRET, DATABASE_WS_PROXY (optional), BENCH_SUPERVISIONS=1 to include open supervisions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import { createNeonPool } from '../../db/neon';
import { startWsProxy } from '../../db/ws-proxy';
import { caseByIdSql, nestedListSql } from '../sql';

const withSupervisions = process.env.BENCH_SUPERVISIONS === '1';
const listSql = nestedListSql(withSupervisions);
const oneSql = caseByIdSql(withSupervisions);

const databaseUrl = process.env.DATABASE_URL;
const secret = process.env.JWT_SECRET;
if (!databaseUrl || !secret) throw new Error('DATABASE_URL and JWT_SECRET are required');
const key = new TextEncoder().encode(secret);

const proxy = process.env.DATABASE_WS_PROXY ? null : await startWsProxy({ port: 0 });
const pool = createNeonPool(databaseUrl, { wsProxy: process.env.DATABASE_WS_PROXY ?? proxy!.url });

const paths = new Map<string, string>();
async function unitPath(unitId: string): Promise<string | null> {
  const cached = paths.get(unitId);
  if (cached) return cached;
  const { rows } = await pool.query('select path from units where id = $1', [unitId]);
  if (!rows[0]) return null;
  paths.set(unitId, rows[0].path);
  return rows[0].path as string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const likePrefix = (path: string) => `${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://raw');
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (!bearer) return send(res, 401, '{"error":"unauthenticated"}');
  let unitId: string;
  try {
    const { payload } = await jwtVerify(bearer[1], key, { algorithms: ['HS256'] });
    if (typeof payload.unit !== 'string' || !Array.isArray(payload.roles) || !payload.roles.includes('STAFF')) {
      return send(res, 403, '{"error":"forbidden"}');
    }
    unitId = payload.unit;
  } catch {
    return send(res, 401, '{"error":"unauthenticated"}');
  }
  const viewerPath = await unitPath(unitId);
  if (!viewerPath) return send(res, 403, '{"error":"forbidden"}');

  if (url.pathname === '/cases') {
    const subtree = url.searchParams.get('unit');
    if (!subtree || !uuid.test(subtree)) return send(res, 400, '{"error":"unit"}');
    const subtreePath = await unitPath(subtree);
    if (!subtreePath) return send(res, 404, '{"error":"unit"}');
    const after = url.searchParams.get('after')?.split(',');
    if (after && (after.length !== 2 || !isoDate.test(after[0]) || !uuid.test(after[1]))) return send(res, 400, '{"error":"after"}');
    const { rows } = await pool.query(listSql, [likePrefix(viewerPath), viewerPath, likePrefix(subtreePath), after?.[0] ?? null, after?.[1] ?? null, 50]);
    return send(res, 200, rows[0].body);
  }
  const one = /^\/cases\/([0-9a-f-]{36})$/i.exec(url.pathname);
  if (one && uuid.test(one[1])) {
    const { rows } = await pool.query(oneSql, [likePrefix(viewerPath), viewerPath, one[1]]);
    return rows[0].body === null ? send(res, 404, '{"error":"not found"}') : send(res, 200, rows[0].body);
  }
  return send(res, 404, '{"error":"not found"}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) send(res, 500, '{"error":"internal"}');
    else res.destroy();
  });
});
const port = Number(process.env.PORT ?? 4100);
server.listen(port, '127.0.0.1', () => console.log(`raw baseline listening on http://127.0.0.1:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void pool
      .end()
      .then(() => proxy?.close())
      .finally(() => process.exit(0));
  });
}
