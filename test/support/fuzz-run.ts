import type { App } from '../../schema/yoga';
import { schema } from '../../schema/index';
import { createFuzzer, type FuzzPools, type FuzzRequest } from './fuzz';

export interface FuzzReport {
  requests: number;
  byStatus: Record<number, number>;
  byCode: Record<string, number>;
  /** Requests answered `internal` or 5xx, with what was sent (for replay). */
  faults: { request: FuzzRequest; status: number; body: string }[];
}

/** Sends `count` generated requests through yoga.fetch, one at a time, and tallies the answers. */
export async function runFuzz(app: App, pools: FuzzPools, seed: number, count: number): Promise<FuzzReport> {
  const next = createFuzzer(schema, pools, seed);
  const report: FuzzReport = { requests: 0, byStatus: {}, byCode: {}, faults: [] };
  for (let i = 0; i < count; i++) {
    const request = next();
    const response = await app.fetch('http://fuzz/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(request.token ? { authorization: `Bearer ${request.token}` } : {}) },
      body: request.rawBody ?? JSON.stringify({ query: request.query, variables: request.variables }),
    });
    const body = await response.text();
    report.requests += 1;
    report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
    let codes: string[] = [];
    try {
      codes = ((JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] }).errors ?? []).map((e) => e.extensions?.code ?? '(none)');
    } catch {
      codes = ['(not json)'];
    }
    for (const code of new Set(codes)) report.byCode[code] = (report.byCode[code] ?? 0) + 1;
    if (response.status >= 500 || codes.includes('internal')) report.faults.push({ request, status: response.status, body });
  }
  return report;
}
