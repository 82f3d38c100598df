/**
 * The peer: PostGraphile V5 (Amber preset) on Node 22, served by grafserv on node:http, on the same
 * database as our API. Started by bench/run.ts as
 *   bench/peer/node_modules/.bin/node bench/peer/server.mjs
 * with DATABASE_URL, PORT and BENCH_SCHEMAS (comma-separated) in the environment.
 *
 * Its own best configuration: production mode (no GraphiQL, no explain, no watch), the pg adaptor
 * (TCP, pooled), and for the benchmark's queries only what a PostGraphile user would add:
 * - two table conditions on cases, `visibleTo` (the same visibility predicate our API applies,
 *   so both servers do the same work in the database) and `unitPathStartsWith` (the subtree filter);
 * - smart tags letting it order participants by `position` and filter supervisions by `status`;
 * - the view bench_peer.case_events (events where stream_type = 'CASE') with smart comments that
 *   make it a relation of cases (events.stream_id is polymorphic and has no foreign key); the view
 *   keeps the stream_type predicate so the unique index (stream_type, stream_id, sequence) applies.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { addPgTableCondition, jsonPgSmartTags } from 'postgraphile/utils';
import { TYPES } from 'postgraphile/@dataplan/pg';

const connectionString = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 5678);
const schemas = (process.env.BENCH_SCHEMAS ?? 'public,bench_peer').split(',');
if (!connectionString) throw new Error('DATABASE_URL is required');

const casesTable = { schemaName: 'public', tableName: 'cases' };
const text = (build) => ({ type: build.graphql.GraphQLString });

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [
    // Columns the benchmark orders or filters by that carry no index of their own.
    jsonPgSmartTags({
      version: 1,
      config: {
        attribute: {
          'case_petitioners.position': { tags: { behavior: ['+orderBy'] } },
          'supervisions.status': { tags: { behavior: ['+filterBy'] } },
        },
      },
    }),
    addPgTableCondition(casesTable, 'visibleTo', text, (value, { sql, sqlTableAlias, sqlValueWithCodec }) => {
      if (value == null) return null;
      const v = sqlValueWithCodec(value, TYPES.text);
      return sql`((${sqlTableAlias}.unit_path like ${v} || '%' or ${sqlTableAlias}.receiving_unit_path like ${v} || '%')
        and (${sqlTableAlias}.accused_unit_path is null or not (${v} like ${sqlTableAlias}.accused_unit_path || '%')))`;
    }),
    addPgTableCondition(casesTable, 'unitPathStartsWith', text, (value, { sql, sqlTableAlias, sqlValueWithCodec }) => {
      if (value == null) return null;
      return sql`${sqlTableAlias}.unit_path like ${sqlValueWithCodec(value, TYPES.text)} || '%'`;
    }),
  ],
  pgServices: [makePgService({ connectionString, schemas })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false, maxRequestLength: 100_000 },
  grafast: { explain: false },
  schema: { exportSchemaSDLPath: process.env.BENCH_PEER_SDL || undefined },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
serv.addTo(server).catch((error) => {
  console.error(error);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => console.log(`postgraphile listening on http://127.0.0.1:${port}/graphql`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    void pgl.release().finally(() => process.exit(0));
  });
}
