/**
 * The cold start reference: a bare graphql-yoga hello world behind the same kind of Lambda handler
 * (API Gateway v2 event in, result out), bundled with the same esbuild options as our handler.
 */
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
  landingPage: false,
  graphiql: false,
});

interface Event {
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  requestContext: { domainName: string; http: { method: string } };
}

export async function handler(event: Event) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name, value);
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const response = await yoga.fetch(`https://${event.requestContext.domainName}${event.rawPath}${query}`, {
    method: event.requestContext.http.method,
    headers,
    body: event.body,
  });
  return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text(), isBase64Encoded: false };
}
