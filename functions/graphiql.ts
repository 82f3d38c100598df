import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

let page: { key: string; html: string } | undefined;

/**
 * GraphiQL with its code, styles and editor workers inline (~9 MB, from @graphql-yoga/render-graphiql):
 * nothing is fetched from a CDN. Only the local server imports it, so the Lambda bundle stays small.
 * Rendered once: the options never change while the server runs, and rendering copies megabytes.
 */
export function renderLocalGraphiQL(options: GraphiQLOptions): string {
  const key = JSON.stringify(options);
  if (page?.key !== key) page = { key, html: renderGraphiQL(options) };
  return page.html;
}
