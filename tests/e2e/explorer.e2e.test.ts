import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Dataset } from '../../src/import/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { buildWeb } from '../../web/build.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

/**
 * The explorer in a real browser (Debian's chromium driven by playwright-core)
 * against the real API on a real port, backed by the test Neo4j with the seed.
 * Every request the browser makes is recorded: none may leave 127.0.0.1.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'test-results/screenshots';
const READER = 'reader-token-0123456789abcdef';
/** The seed has no source addresses; the TASS report gets one, to show an external link. */
const TASS = 'source:tass-2024-07-28-lavrov-malaysia';
const TASS_URL = 'https://example.org/tass/lavrov-malaysia-2024-07-28';

const LAVROV = 'person:sergey-lavrov';
const ABU_MARZOUK = 'person:mousa-abu-marzouk';
const ERADICATION = 'statement:lavrov-2024-07-28-eradicating-hamas-unrealistic';
const CHRONICLE = 'source:palestine-chronicle-2024-07-28';

interface Explorer {
  statementGraphExplorer: {
    cy: {
      nodes(selector?: string): { map<T>(f: (n: { id(): string }) => T): T[] };
      $(selector: string): { map<T>(f: (n: { id(): string }) => T): T[] };
    };
    position(id: string): { x: number; y: number } | null;
  };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function close(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const origin = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/**
 * Without Chromium every test fails with this (a failure in beforeAll would
 * leave them counted as skipped).
 */
const NO_CHROMIUM = existsSync(CHROMIUM)
  ? null
  : `The explorer's end-to-end tests need Chromium at ${CHROMIUM} and found none. ` +
    'Install Debian\'s package: "apt-get install -y chromium" (or set CHROMIUM_PATH to a Chromium binary).';

describe('The explorer, in headless Chromium', () => {
  let t: TestDatabase;
  let server: Server;
  let guarded: Server;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  /** What the current test's page did: requests, console errors, CSP violations. */
  let requests: string[] = [];
  let problems: string[] = [];

  beforeAll(async () => {
    if (NO_CHROMIUM) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await buildWeb({ ifStale: true });

    t = await openTestDatabase();
    const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Dataset;
    const tass = seed.sources.find((s) => s.id === TASS);
    if (tass === undefined) throw new Error(`the seed has no ${TASS}`);
    Object.assign(tass, { url: TASS_URL });
    const report = await createImporter(t.db).importDataset(seed, { by: 'e2e' });
    expect(report.ok).toBe(true);

    const deps = { db: t.db, logger: createLogger('silent'), metrics: createMetrics() };
    server = await listen(createApp(deps));
    guarded = await listen(
      createApp({
        ...deps,
        config: loadConfig({ API_TOKENS: `e2e:reader:${READER}`, REQUIRE_READER_TOKEN: 'true' }),
      }),
    );

    profile = mkdtempSync(join(tmpdir(), 'statement-graph-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 768 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser.setDefaultTimeout(20_000);
    browser.on('request', (request) => requests.push(request.url()));
    await browser.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    await close(server);
    await close(guarded);
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  beforeEach(() => {
    if (NO_CHROMIUM) throw new Error(NO_CHROMIUM);
  });

  afterEach(() => {
    if (NO_CHROMIUM) return;
    // No request leaves the machine; nothing fails in the page; the CSP refuses nothing.
    const away = requests.filter((url) => {
      const { protocol, hostname } = new URL(url);
      return !(
        protocol === 'data:' ||
        ((protocol === 'http:' || protocol === 'ws:') && hostname === '127.0.0.1')
      );
    });
    const seen = problems;
    requests = [];
    problems = [];
    expect(away, 'requests that left 127.0.0.1').toEqual([]);
    expect(seen).toEqual([]);
  });

  /** Waits until no request is in flight and the page has drawn the current state. */
  const settled = () =>
    page.waitForFunction(() => {
      const { pending, rendering } = document.documentElement.dataset;
      return pending === '0' && rendering === '0';
    });

  const visit = async (fragment = '', base = origin(server)) => {
    await page.goto(`${base}/${fragment}`);
    await settled();
  };

  const state = () => new URLSearchParams(new URL(page.url()).hash.slice(1));

  const graphNodes = () =>
    page.evaluate(() =>
      (window as unknown as Explorer).statementGraphExplorer.cy
        .nodes()
        .map((n) => n.id())
        .sort(),
    );

  /** Clicks a node where cytoscape drew it, as a user does. */
  const clickNode = async (id: string) => {
    const at = await page.evaluate(
      (id) => (window as unknown as Explorer).statementGraphExplorer.position(id),
      id,
    );
    if (at === null)
      throw new Error(`${id} is not drawn; drawn: ${(await graphNodes()).join(' ')}`);
    await page.mouse.click(at.x, at.y);
    await settled();
  };

  const panelTitle = () => page.locator('#panel h2').first().textContent();

  const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });

  it('serves the page with a strict Content-Security-Policy and cached, hashed assets', async () => {
    const response = await page.goto(`${origin(server)}/`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("connect-src 'self'");
    expect(headers['cache-control']).toBe('no-cache');
    const script = await page.locator('script[type=module]').getAttribute('src');
    expect(script).toMatch(/^\/assets\/app-[A-Z0-9]+\.js$/);
    const asset = await fetch(`${origin(server)}${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await settled();
  });

  it('finds a speaker by another spelling, opens them, expands a node, and opens a statement card with its source chain', async () => {
    await visit();
    await page
      .getByLabel('Search names (any spelling) or words from a quote')
      .fill('Сергей Лавров');
    const result = page.locator(`#search-results button[data-id="${LAVROV}"]`);
    await result.waitFor();
    expect(await result.textContent()).toContain('also written “Сергей Лавров”');
    expect(await page.locator('#search-results h3').first().textContent()).toContain('People');
    await shot('01-search-by-another-spelling');

    // Keyboard: from the box into the results, and open one.
    await page.getByLabel('Search names (any spelling) or words from a quote').press('ArrowDown');
    await page.keyboard.press('Enter');
    await settled();
    expect(state().get('node')).toBe(LAVROV);
    expect(state().get('expanded')).toBe(LAVROV);
    expect(await panelTitle()).toBe('Sergey Lavrov');
    expect(await page.locator('#panel').textContent()).toContain('Minister of Foreign Affairs');
    const opened = await graphNodes();
    expect(opened).toContain('country:RUS');
    expect(opened).toContain(ERADICATION);
    await shot('02-speaker-opened');

    // A click on a node expands it.
    await clickNode('country:RUS');
    expect(state().get('expanded')).toBe(`${LAVROV},country:RUS`);
    expect(await panelTitle()).toBe('Russia');
    expect(await graphNodes()).toContain('statement:abu-marzouk-2024-06-country-size-of-russia');
    await shot('03-node-expanded');

    // A click on a statement opens its card.
    await clickNode(ERADICATION);
    expect(state().get('statement')).toBe(ERADICATION);
    const card = page.locator('article.statement-card');
    await card.waitFor();
    expect(await card.locator('blockquote').textContent()).toContain(
      'it is an unrealistic task to eradicate the organization',
    );
    expect(await card.textContent()).toContain('Direct quote');
    expect(await card.locator('.card-date').textContent()).toContain('28 July 2024 (exact day)');
    expect(await card.locator('.speaking-as').textContent()).toBe(
      'Minister of Foreign Affairs, Russia',
    );
    const targets = await card.locator('.targets li').allTextContents();
    expect(targets).toContainEqual(expect.stringMatching(/^Eradication of Hamas critical/));
    expect(targets).toContainEqual(expect.stringMatching(/^Hamas neutral/));
    // The source chain: the Palestine Chronicle article cites the TASS wire report.
    const chronicle = card.locator(`li.source[data-id="${CHRONICLE}"]`);
    expect(await chronicle.textContent()).toContain('Palestine Chronicle');
    const cited = chronicle.locator(`.source-chain li[data-id="${TASS}"]`);
    expect(await cited.textContent()).toContain('TASS report');
    const original = cited.getByRole('link', { name: 'original ↗' });
    expect(await original.getAttribute('href')).toBe(TASS_URL);
    expect(await original.getAttribute('rel')).toBe('noopener noreferrer');
    await shot('04-statement-card');

    // A source in the chain opens in the explorer.
    await cited.getByRole('link', { name: /TASS report/ }).click();
    await settled();
    expect(state().get('node')).toBe(TASS);
    expect(await page.locator('#panel').textContent()).toContain('Wire report');

    // The back button returns to the card.
    await page.goBack();
    await settled();
    expect(state().get('statement')).toBe(ERADICATION);
    await card.waitFor();
  });

  it('shows the "N more" of a capped expansion, and fetches them with a click', async () => {
    await visit(`#node=${CHRONICLE}&expanded=${CHRONICLE}`);
    const more = `more:${CHRONICLE}`;
    const before = await graphNodes();
    expect(before).toContain(more);
    // The centre, 20 neighbours and the "+11 more".
    expect(before).toHaveLength(22);
    expect(await page.locator('#panel').textContent()).toContain('Show 11 more');
    await shot('05-capped-expansion');
    await clickNode(more);
    expect(state().get('expanded')).toBe(`${CHRONICLE}@40`);
    const after = await graphNodes();
    expect(after).not.toContain(more);
    expect(after).toHaveLength(32);
  });

  it('draws and highlights the paths between two actors chosen one after the other', async () => {
    await visit();
    const search = page.getByLabel('Search names (any spelling) or words from a quote');
    await search.fill('Sergei Lavrov');
    await search.press('Enter');
    await page.locator(`#search-results button[data-id="${LAVROV}"]`).click();
    await settled();
    await page.getByRole('button', { name: 'Path from here' }).click();
    await settled();
    expect(state().get('path')).toBe(LAVROV);

    await search.fill('Moussa Abu Marzouk');
    await search.press('Enter');
    await page.locator(`#search-results button[data-id="${ABU_MARZOUK}"]`).click();
    await settled();
    await page.getByRole('button', { name: 'Path to here' }).click();
    await settled();
    expect(state().get('path')).toBe(`${LAVROV},${ABU_MARZOUK}`);

    const summary = await page.locator('.path-summary').textContent();
    expect(summary).toMatch(/shortest paths? of 3 relationships/);
    const routes = await page.locator('.path-list li').allTextContents();
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route).toMatch(/^Sergey Lavrov HOLDS_POSITION Russia .*Mousa Abu Marzouk$/);
    }
    const highlighted = await page.evaluate(() =>
      (window as unknown as Explorer).statementGraphExplorer.cy
        .$('node.on-path')
        .map((n) => n.id()),
    );
    expect(highlighted).toEqual(expect.arrayContaining([LAVROV, 'country:RUS', ABU_MARZOUK]));
    await shot('06-paths');
  });

  it("opens an actor's timeline about a target, coloured by stance; a same-day pair is not a shift", async () => {
    await visit(`#node=${LAVROV}&expanded=${LAVROV}`);
    await page.getByRole('button', { name: 'Timeline' }).click();
    await settled();
    const timeline = page.locator('#timeline');
    expect(await timeline.locator('h2').textContent()).toBe('Timeline of Sergey Lavrov');
    expect(await timeline.locator('.timeline-summary').textContent()).toContain('7 statements');

    await page.getByLabel('about').selectOption('topic:eradication-of-hamas');
    await settled();
    expect(state().get('timeline')).toBe(`${LAVROV},topic:eradication-of-hamas`);
    // Critical and neutral on one day, order unknown, the neutral one relaying Israel: no shift.
    expect(await timeline.locator('.timeline-summary').textContent()).toBe(
      '2 statements about Eradication of Hamas, 0 stance shifts.',
    );
    const dots = timeline.locator('.bucket[data-period="2024-07"] button.dot');
    expect(
      await dots.evaluateAll((all) => all.map((d) => (d as HTMLElement).dataset.stance)),
    ).toEqual(['CRITICAL', 'NEUTRAL']);
    expect(await timeline.locator('button.dot.shifted').count()).toBe(0);
    await shot('07-timeline');

    const relaying = timeline.locator(
      'button.dot[data-id="statement:lavrov-2024-07-28-israel-said-it-would-not-stop"]',
    );
    await relaying.click();
    await settled();
    expect(state().get('statement')).toBe(
      'statement:lavrov-2024-07-28-israel-said-it-would-not-stop',
    );
    expect(await page.locator('article.statement-card blockquote').textContent()).toContain(
      'Israel',
    );

    await page.getByLabel('Period length').selectOption('DAY');
    await settled();
    expect(state().get('tg')).toBe('DAY');
    await timeline.locator('.bucket[data-period="2024-07-28"]').waitFor();
  });

  it('restores a shared view from its URL', async () => {
    const shared =
      `#q=Lavrov&node=${ABU_MARZOUK}&expanded=${LAVROV},${ABU_MARZOUK}` +
      `&statement=${ERADICATION}&path=${LAVROV},${ABU_MARZOUK}` +
      `&timeline=${LAVROV},topic:eradication-of-hamas`;
    await visit(shared);
    expect(await page.locator(`#search-results button[data-id="${LAVROV}"]`).count()).toBe(1);
    expect(await graphNodes()).toEqual(
      expect.arrayContaining([LAVROV, ABU_MARZOUK, 'country:RUS']),
    );
    expect(await page.locator('article.statement-card').getAttribute('data-id')).toBe(ERADICATION);
    expect(await page.locator('.path-summary').textContent()).toMatch(/of 3 relationships/);
    expect(await page.locator('#timeline .timeline-summary').textContent()).toContain(
      'about Eradication of Hamas',
    );
    expect(new URL(page.url()).hash).toBe(shared);
    await shot('08-shared-view');
  });

  it('asks once for a reader token when the API requires one, then shows the shared view, the token kept out of the URL', async () => {
    const shared = `#q=Lavrov&node=${LAVROV}&expanded=${LAVROV}`;
    await visit(shared, origin(guarded));
    const token = page.getByLabel(/Reader token/);
    await token.waitFor();
    expect(await page.locator('.token-form').count()).toBe(1);
    // The refusals (HTTP 401) are answers the page handles, not errors of the page.
    problems = problems.filter((p) => !p.includes('401'));
    await token.fill(READER);
    await token.press('Enter');
    await page.locator(`#search-results button[data-id="${LAVROV}"]`).waitFor();
    await settled();
    expect(await panelTitle()).toBe('Sergey Lavrov');
    expect(await graphNodes()).toContain('country:RUS');
    expect(new URL(page.url()).hash).toBe(shared);
    expect(page.url()).not.toContain(READER);
  });
});
