/**
 * GraphiQL as a person meets it: the local server (functions/local-server.ts, in process on an in-memory
 * database with the demo data) serves the page and all its code itself, and Debian's Chromium, driven by
 * playwright-core (no browser download), renders it with every request off the server refused.
 * The browser part skips, saying so, where /usr/bin/chromium is missing (`apt-get install chromium`);
 * under CI, where .ci/run installs it, it never skips.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { readConfig } from '../functions/config';
import { startLocalServer, type LocalServer } from '../functions/local-server';
import { testDatabase } from './support/database';
import { testApp } from './support/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Under CI (.ci/run installs Chromium) a missing browser fails the test instead of skipping it.
const haveChromium = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!haveChromium) console.warn(`[graphiql-browser.test] browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

/** What a person reads in an element: Monaco renders spaces as non-breaking ones. */
const textOf = async (locator: { innerText(): Promise<string> }) => (await locator.innerText()).replace(/\u00a0/g, ' ');

let server: LocalServer;
let origin: string;

beforeAll(async () => {
  server = await startLocalServer({ ...readConfig({}), dataDir: 'memory://', port: 0 });
  origin = new URL(server.url).origin;
}, 120_000);
afterAll(() => server?.close());

describe('GraphiQL is served by the server itself', () => {
  it('sends the page with its code inline and no reference to a CDN', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>信访 GraphQL API</title>');
    expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet[^>]+href=["']https?:|unpkg\.com|jsdelivr|cdnjs/);
  });

  it('is off where no local renderer is given (never the CDN page)', async () => {
    const app = testApp((await testDatabase()).db);
    const response = await app.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('unpkg.com');
  });
});

describe.skipIf(!haveChromium)(`GraphiQL in headless Chromium${haveChromium ? '' : ` (skipped: no ${CHROMIUM}; apt-get install chromium)`}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  }, 60_000);
  afterAll(() => browser?.close());

  it('renders offline with the default query, runs it with a pasted token, and opens the docs', { timeout: 90_000 }, async () => {
    const page = await browser.newPage();
    const offSite: string[] = [];
    // As on an intranet with no way out: anything not from our server is refused (and remembered).
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${origin}/`)) return route.continue();
      offSite.push(url);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(server.url);
    const queryEditor = page.locator('.graphiql-query-editor');
    await expect.poll(() => textOf(queryEditor), { timeout: 30_000 }).toContain('viewer { roles account { displayName unit { name } } }');

    const staff = server.tokens.find((t) => t.username === 'staff')!;
    await page.getByRole('button', { name: 'Headers', exact: true }).click();
    const headersEditor = page.locator('.graphiql-editor-tool .graphiql-editor:visible');
    await headersEditor.click();
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${staff.token}` }));
    await page.getByRole('button', { name: /Execute query/ }).click();
    const result = page.locator('.graphiql-response');
    await expect.poll(() => textOf(result), { timeout: 30_000 }).toContain('"displayName": "区信访办 王登记"');
    expect(await textOf(result)).toContain('"name": "永川区信访办公室"');

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await expect.poll(() => textOf(docs), { timeout: 15_000 }).toContain('query: Query');
    await docs.getByText('Query', { exact: true }).first().click();
    await expect.poll(() => textOf(docs), { timeout: 15_000 }).toContain('当前登录的账号');

    expect(offSite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
