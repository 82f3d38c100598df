// Writes schema.graphql, the committed SDL; test/schema-printed.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { printedSchema, schemaFile } from '../schema/printed';

writeFileSync(schemaFile, printedSchema());
console.log(`wrote ${schemaFile}`);
