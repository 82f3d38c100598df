/**
 * The same work for the three servers: the nested list (50 cases of a unit subtree, newest first,
 * each with its unit, petitioners, last 5 events and open supervisions), one case by id, and a
 * cursor page deep into the list. Each server gets it in its own idiom: GraphQL for our API and
 * PostGraphile, REST + one SQL statement for the raw baseline.
 */
export type ServerName = 'api' | 'postgraphile' | 'raw';
export type WorkName = 'nested' | 'byId' | 'deepPage';

export interface HttpRequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Fields selected on a case, in our API's schema. `supervisions` only when the API has the relation. */
function apiCaseFields(supervisions: boolean) {
  return `id number title status receivedOn version
    unit { id name divisionCode }
    participants { role petitioner { name kind } }
    events(first: 5) { nodes { sequence type occurredAt toStatus } }${supervisions ? '\n    supervisions { id status dueOn }' : ''}`;
}

function peerCaseFields(supervisions: boolean) {
  return `id rowId number title status receivedOn version
    unitByUnitId { id rowId name divisionCode }
    casePetitionersByCaseId(orderBy: POSITION_ASC) { nodes { role petitionerByPetitionerId { name kind } } }
    caseEventsByStreamId(first: 5, orderBy: SEQUENCE_DESC) { nodes { sequence type occurredAt toStatus } }${
      supervisions ? '\n    supervisionsByCaseId(condition: { status: OPEN }) { nodes { id rowId status dueOn } }' : ''
    }`;
}

export function apiListQuery(supervisions: boolean) {
  return `query BenchList($unit: ID!, $after: String) {
  cases(first: 50, after: $after, filter: { unitId: $unit }) {
    edges { cursor node { ${apiCaseFields(supervisions)} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
}

export function apiCaseQuery(supervisions: boolean) {
  return `query BenchCase($id: ID!) { node(id: $id) { ... on Case { ${apiCaseFields(supervisions)} } } }`;
}

export function peerListQuery(supervisions: boolean) {
  return `query BenchList($visible: String!, $subtree: String!, $after: Cursor) {
  allCases(first: 50, after: $after, orderBy: [RECEIVED_ON_DESC, ROW_ID_DESC], condition: { visibleTo: $visible, unitPathStartsWith: $subtree }) {
    edges { cursor node { ${peerCaseFields(supervisions)} } }
    pageInfo { hasNextPage endCursor }
  }
}`;
}

export function peerCaseQuery(supervisions: boolean) {
  return `query BenchCase($id: UUID!) { caseByRowId(rowId: $id) { ${peerCaseFields(supervisions)} } }`;
}

export function graphqlRequest(query: string, variables: Record<string, unknown>, token?: string): HttpRequestSpec {
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  };
}

export function rawRequest(path: string, token: string): HttpRequestSpec {
  return { method: 'GET', path, headers: { authorization: `Bearer ${token}` } };
}

/** A page of the list as each server answers it: case numbers (the comparison key) and the next cursor. */
export interface Page {
  numbers: string[];
  next: string | null;
  hasNextPage: boolean;
}

export function parseApiPage(json: any): Page {
  if (json.errors) throw new Error(`API: ${JSON.stringify(json.errors).slice(0, 400)}`);
  const c = json.data.cases;
  return { numbers: c.edges.map((e: any) => e.node.number), next: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage };
}

export function parsePeerPage(json: any): Page {
  if (json.errors) throw new Error(`PostGraphile: ${JSON.stringify(json.errors).slice(0, 400)}`);
  const c = json.data.allCases;
  return { numbers: c.edges.map((e: any) => e.node.number), next: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage };
}

export function parseRawPage(json: any): Page {
  return { numbers: json.cases.map((c: any) => c.number), next: json.next, hasNextPage: json.hasNextPage };
}
