/**
 * Imported first by in-process benchmarks: graphql-js and others read NODE_ENV when their modules load (graphql's
 * development-mode instanceOf check costs ~2% of a list request), and the bundle the benchmark serves is built with
 * NODE_ENV=production. ESM evaluates imports in order, so this runs before them.
 */
process.env.NODE_ENV = 'production';
