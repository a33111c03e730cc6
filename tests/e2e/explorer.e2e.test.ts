import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Dataset } from '../../src/records/dataset.js';
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
/** axe-core, from npm, evaluated in the page (as DevTools would: the page's CSP is left as it is). */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENSHOTS = 'test-results/screenshots';
const READER = 'reader-token-0123456789abcdef';
/** The seed has no source addresses; the TASS report gets one, to show an external link. */
const TASS = 'source:tass-2024-07-28-lavrov-malaysia';
const TASS_URL = 'https://example.org/tass/lavrov-malaysia-2024-07-28';

const LAVROV = 'person:sergey-lavrov';
const ABU_MARZOUK = 'person:mousa-abu-marzouk';
const ERADICATION = 'statement:lavrov-2024-07-28-eradicating-hamas-unrealistic';
const CHRONICLE = 'source:palestine-chronicle-2024-07-28';
/** The two articles of statement-model.int.test.ts: a joint statement, a premier in two posts. */
const TWO_ARTICLES = 'tests/fixtures/two-articles.json';
const QAT = 'country:QAT';
const EGY = 'country:EGY';
const JOINT = 'statement:test-qatar-egypt-2024-09-19-joint-ceasefire-call';
const PROGRESS = 'statement:test-premier-2024-09-13-some-progress';
const MEDIATING = 'statement:test-premier-2024-09-13-keep-mediating';
const ISRAEL_WILL_NOT_STOP = 'statement:israel-will-not-stop-until-hamas-eliminated';

interface CyElement {
  id(): string;
  data(key: string): unknown;
  position(): { x: number; y: number };
  renderedPosition(): { x: number; y: number };
  nonempty(): boolean;
}
interface Explorer {
  statementGraphExplorer: {
    cy: {
      nodes(selector?: string): { map<T>(f: (n: CyElement) => T): T[] };
      edges(selector?: string): { map<T>(f: (n: CyElement) => T): T[] };
      $(selector: string): { map<T>(f: (n: CyElement) => T): T[] };
      getElementById(id: string): CyElement;
      center(element: CyElement): void;
      width(): number;
      height(): number;
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
    // Format 2 on top of the seed: a joint statement, a premier speaking in one of two posts.
    expect((await createImporter(t.db).importFile(TWO_ARTICLES, { by: 'e2e' })).ok).toBe(true);

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
    // As a user would, pan to a node that the readable zoom left outside the view.
    await page.evaluate((id) => {
      const { cy } = (window as unknown as Explorer).statementGraphExplorer;
      const node = cy.getElementById(id);
      const at = node.renderedPosition();
      if (node.nonempty() && (at.x < 0 || at.y < 0 || at.x > cy.width() || at.y > cy.height()))
        cy.center(node);
    }, id);
    const at = await page.evaluate(
      (id) => (window as unknown as Explorer).statementGraphExplorer.position(id),
      id,
    );
    if (at === null)
      throw new Error(`${id} is not drawn; drawn: ${(await graphNodes()).join(' ')}`);
    await page.mouse.click(at.x, at.y);
    await settled();
  };

  /** Double-clicks a node where cytoscape drew it: expands it. */
  const doubleClickNode = async (id: string) => {
    const at = await page.evaluate(
      (id) => (window as unknown as Explorer).statementGraphExplorer.position(id),
      id,
    );
    if (at === null) throw new Error(`${id} is not drawn`);
    await page.mouse.dblclick(at.x, at.y);
    await settled();
  };

  /** Where a node is in the graph's own coordinates (not on screen). */
  const modelPosition = (id: string) =>
    page.evaluate(
      (id) =>
        (window as unknown as Explorer).statementGraphExplorer.cy.getElementById(id).position(),
      id,
    );

  const nodeLabel = (id: string) =>
    page.evaluate(
      (id) =>
        String(
          (window as unknown as Explorer).statementGraphExplorer.cy
            .getElementById(id)
            .data('label'),
        ),
      id,
    );

  /** axe-core's serious and critical violations of WCAG 2.x A/AA on the page as it is. */
  const accessibilityProblems = async () => {
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(o: object): Promise<{
              violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  };

  /** The file a click downloads, as text (or bytes). */
  const downloaded = async (button: string) => {
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
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

    // A click on a node selects it; a double click expands it, and what was placed stays still.
    const lavrovAt = await modelPosition(LAVROV);
    await clickNode('country:RUS');
    expect(state().get('node')).toBe('country:RUS');
    expect(state().get('expanded')).toBe(LAVROV);
    expect(await panelTitle()).toBe('Russia');
    await doubleClickNode('country:RUS');
    expect(state().get('expanded')).toBe(`${LAVROV},country:RUS`);
    expect(await graphNodes()).toContain('statement:abu-marzouk-2024-06-country-size-of-russia');
    expect(await modelPosition(LAVROV)).toEqual(lavrovAt);
    await shot('03-node-expanded');

    // A statement node reads speaker · date · target · stance.
    expect(await nodeLabel(ERADICATION)).toMatch(
      /^Lavrov · 28 Jul 2024 · Eradication of Hamas \+1 · − critical\n\+\d+$/,
    );

    // A click on a statement opens its card (centred first: the layout may place it off screen).
    await page.evaluate((id) => {
      const { cy } = (window as unknown as Explorer).statementGraphExplorer;
      cy.center(cy.getElementById(id));
    }, ERADICATION);
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
    expect(targets).toContainEqual(expect.stringMatching(/^Eradication of Hamas − critical/));
    expect(targets).toContainEqual(expect.stringMatching(/^Hamas ○ neutral/));
    // The quote's own route, in order, each once: TASS, then the Palestine Chronicle;
    // not the interview or the resolution the Chronicle cites for other statements.
    const route = card.locator('ol.route > li');
    expect(await route.evaluateAll((all) => all.map((li) => li.getAttribute('data-id')))).toEqual([
      TASS,
      CHRONICLE,
    ]);
    expect(await route.nth(0).textContent()).toContain('TASS report');
    expect(await route.nth(1).textContent()).toContain('Palestine Chronicle');
    expect(await card.textContent()).not.toContain('Al Jazeera');
    expect(await card.textContent()).not.toContain('Security Council');
    const cited = route.nth(0);
    const original = cited.getByRole('link', { name: 'original ↗' });
    expect(await original.getAttribute('href')).toBe(TASS_URL);
    expect(await original.getAttribute('rel')).toBe('noopener noreferrer');
    await shot('04-statement-card');

    expect(await accessibilityProblems()).toEqual([]);

    // A source on the route opens in the explorer.
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
    expect(await accessibilityProblems()).toEqual([]);
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
    // The position Lavrov passes on is shown as Israel's, in the row and on the dot.
    const relayedRow = timeline.locator(
      '.statement-rows li[data-id="statement:lavrov-2024-07-28-israel-said-it-would-not-stop"]',
    );
    // Netanyahu spoke on Israel's behalf: the position is Israel's, through him.
    expect(await relayedRow.textContent()).toContain(
      'relays Israel’s position, through Benjamin Netanyahu',
    );
    await shot('07-timeline');
    expect(await accessibilityProblems()).toEqual([]);

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

  it('shows what everyone said about an actor or a topic over time, by speaker', async () => {
    await visit('#node=org:hamas&expanded=org:hamas');
    await page.getByRole('button', { name: 'Said about it' }).click();
    await settled();
    expect(state().get('said')).toBe('org:hamas');
    const timeline = page.locator('#timeline');
    expect(await timeline.locator('h2').textContent()).toBe('Said about Hamas');
    expect(await timeline.locator('.timeline-summary').textContent()).toBe(
      '3 statements about Hamas by 2 speakers, 0 stance shifts.',
    );
    // Netanyahu's two are undated in the article ("by 28 July 2024"): apart, in no period.
    expect(await timeline.locator('.bucket.unplaced .period').textContent()).toContain(
      'No period 2',
    );
    const rows = await timeline.locator('.statement-rows li').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.split(' · ')[0]).sort()).toEqual([
      // The lead names him by his post: "which Israeli Prime Minister Benjamin Netanyahu considers".
      'Benjamin Netanyahu, as Prime Minister',
      // Israel's position is Netanyahu speaking on its behalf, as Prime Minister (format 2).
      'Israel, through Benjamin Netanyahu, as Prime Minister',
      'Sergey Lavrov',
    ]);
    expect(rows.find((r) => r.startsWith('Sergey Lavrov'))).toContain('○ neutral');
    expect(rows.filter((r) => r.includes('Benjamin Netanyahu')).join()).toContain('− critical');
    await shot('09-said-about-hamas');
    expect(await accessibilityProblems()).toEqual([]);

    // One speaker's own timeline about the same target, from the "by" list.
    await page.locator('#timeline-speaker').selectOption('person:sergey-lavrov');
    await settled();
    expect(state().get('timeline')).toBe('person:sergey-lavrov,org:hamas');
    expect(await timeline.locator('h2').textContent()).toBe('Timeline of Sergey Lavrov');

    // A topic has one too, statements on it included.
    await visit('#said=topic:gaza-casualties');
    expect(await timeline.locator('.timeline-summary').textContent()).toBe(
      '3 statements about Gaza war casualties by 3 speakers, 0 stance shifts.',
    );
  });

  it('finds figures by number or word, with who gave them, in a panel and a table', async () => {
    await visit();
    const box = page.getByLabel('Search names (any spelling) or words from a quote');
    await box.fill('39324');
    await box.press('Enter');
    await settled();
    const hits = page.locator('#figure-results .figure-hit');
    expect(await hits.count()).toBeGreaterThanOrEqual(1);
    expect(await hits.first().textContent()).toContain('39,324 people killed');
    expect(await hits.first().textContent()).toContain('Gaza Ministry of Health');
    await shot('10-figure-search');

    await box.fill('casualties');
    await box.press('Enter');
    await settled();
    expect(
      (await page.locator('#figure-results .figure-hit').allTextContents())
        .map((t) => t.replace(/ people.*/, ''))
        .sort(),
    ).toEqual(['39,324', '90,830', 'at least 11,000']);

    // Its statement's card has the figures panel.
    await page.locator('#figure-results .figure-hit').first().click();
    await settled();
    const card = page.locator('article.statement-card');
    await card.waitFor();
    const figureRows = await card.locator('.figure-table tbody tr').allTextContents();
    expect(figureRows.length).toBeGreaterThan(0);

    // The table of all figures.
    await page.getByRole('button', { name: 'All figures as a table' }).click();
    await settled();
    const table = page.locator('#figures table');
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(5);
    const killed = table
      .locator('tbody tr')
      .filter({ has: page.locator('td.num', { hasText: /^39,324$/ }) });
    expect(await killed.textContent()).toContain('Gaza Ministry of Health');
    expect(await killed.textContent()).toContain('Palestine Chronicle');
    await shot('11-figures-table');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('narrows the graph, the lists and the timelines to a date range, with a histogram', async () => {
    await visit(`#node=${LAVROV}&expanded=${LAVROV},country:RUS&q=Russia`);
    expect(await graphNodes()).toContain(ERADICATION);
    expect(await graphNodes()).toContain('statement:abu-marzouk-2024-06-country-size-of-russia');
    const bars = page.locator('#dates .histogram-bar');
    expect(await bars.evaluateAll((all) => all.map((b) => b.getAttribute('data-month')))).toEqual([
      '2024-06',
      '2024-07',
    ]);
    await page.locator('#dates .histogram-bar[data-month="2024-06"]').click();
    await settled();
    expect(state().get('from')).toBe('2024-06-01');
    expect(state().get('to')).toBe('2024-06-30');
    const nodes = await graphNodes();
    expect(nodes).not.toContain(ERADICATION);
    expect(nodes).toContain('statement:abu-marzouk-2024-06-country-size-of-russia');
    expect(nodes).toContain(LAVROV);
    expect(await page.locator('#dates .date-status').textContent()).toMatch(
      /outside the range hidden/,
    );
    // The timeline too: Lavrov said nothing in June 2024.
    await page.getByRole('button', { name: 'Timeline' }).click();
    await settled();
    expect(await page.locator('#timeline .timeline-summary').textContent()).toContain(
      '0 statements',
    );
    await shot('12-date-range');

    await page.locator('#date-to').fill('2024-07-31');
    await settled();
    await page.locator('#date-from').fill('2024-07-01');
    await settled();
    expect(state().get('from')).toBe('2024-07-01');
    expect(await graphNodes()).toContain(ERADICATION);
    expect(await page.locator('#timeline .timeline-summary').textContent()).toContain(
      '7 statements',
    );
    await page.getByRole('button', { name: 'Any date' }).click();
    await settled();
    expect(state().get('from')).toBeNull();
  });

  it('exports the statements on screen as CSV, and the graph as PNG and SVG', async () => {
    await visit(`#node=${LAVROV}&expanded=${LAVROV}`);
    const onScreen = (await graphNodes()).filter((id) => id.startsWith('statement:'));
    expect(onScreen.length).toBeGreaterThan(3);

    const csv = await downloaded('CSV');
    expect(csv.name).toMatch(/^statement-graph-.*\.csv$/);
    const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"id","speakers","date","precision","kind","stance","text","sources","confidence",' +
        '"onBehalfOf","post","quotes","approximate","occasion"',
    );
    const records = lines.slice(1).map((l) => l.slice(1, -1).split('","'));
    expect(records.map((r) => r[0]).sort()).toEqual(onScreen.sort());
    const unrealistic = records.find((r) => r[0] === ERADICATION)!;
    expect(unrealistic.slice(1, 6)).toEqual([
      'Sergey Lavrov',
      '2024-07-28',
      'DAY',
      'DIRECT_QUOTE',
      'Hamas: neutral; Eradication of Hamas: critical',
    ]);
    expect(unrealistic[7]).toBe('TASS → Palestine Chronicle');
    expect(unrealistic.slice(9)).toEqual([
      '',
      '',
      '',
      'false',
      "Sergey Lavrov's remarks to reporters at the end of his visit to Malaysia · " +
        "during Sergey Lavrov's visit to Malaysia",
    ]);

    // With a date range, only the statements still on screen.
    await visit(`#node=${LAVROV}&expanded=${LAVROV},country:RUS&from=2024-06-01&to=2024-06-30`);
    const june = (await downloaded('CSV')).bytes.toString('utf8').trimEnd().split('\r\n').slice(1);
    expect(june.length).toBe(5);
    expect(june.every((l) => l.includes('"2024-06","MONTH"'))).toBe(true);

    const png = await downloaded('PNG');
    expect(png.name).toMatch(/\.png$/);
    expect(png.bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const svg = await downloaded('SVG');
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.bytes.toString('utf8')).toMatch(/<svg[\s\S]*<\/svg>/);
  });

  it('selects, hides and groups; saves a view with its positions and a note, shared by URL', async () => {
    await visit(`#node=${ERADICATION}&expanded=${ERADICATION}&statement=${ERADICATION}`);
    // ABOUT and ON_TOPIC between the same two nodes are one edge.
    const grouped = await page.evaluate(() =>
      (window as unknown as Explorer).statementGraphExplorer.cy
        .edges('.grouped')
        .map((e) => String(e.data('label'))),
    );
    expect(grouped).toEqual(
      expect.arrayContaining(['ABOUT · critical / ON_TOPIC', 'ABOUT · neutral / MENTIONS']),
    );

    // Hide a node, and bring it back.
    await clickNode('org:hamas');
    expect(await panelTitle()).toBe('Hamas');
    await page.getByRole('button', { name: 'Hide', exact: true }).click();
    await settled();
    expect(await graphNodes()).not.toContain('org:hamas');
    expect(state().get('hide')).toBe('org:hamas');
    await page.getByRole('button', { name: 'Show hidden (1)' }).click();
    await settled();
    expect(await graphNodes()).toContain('org:hamas');

    // Drag a node, save the view with a note: the link keeps where it was put.
    const at = await page.evaluate(
      (id) => (window as unknown as Explorer).statementGraphExplorer.position(id),
      LAVROV,
    );
    await page.mouse.move(at!.x, at!.y);
    await page.mouse.down();
    await page.mouse.move(at!.x + 60, at!.y + 40, { steps: 5 });
    await page.mouse.up();
    const placed = await modelPosition(LAVROV);
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByLabel('Note for this view').fill('Lavrov on eradicating Hamas');
    await page.getByRole('button', { name: 'Save and copy the link' }).click();
    await settled();
    expect(state().get('note')).toBe('Lavrov on eradicating Hamas');
    expect(state().get('pos')).toContain(`${LAVROV}@`);
    const link = page.url();
    expect(await page.locator('#saved a').first().textContent()).toBe(
      'Lavrov on eradicating Hamas',
    );

    await page.goto('about:blank');
    await page.goto(link);
    await settled();
    expect(await page.locator('#note').textContent()).toBe('Note: Lavrov on eradicating Hamas');
    const restored = await modelPosition(LAVROV);
    expect(Math.abs(restored.x - placed.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(restored.y - placed.y)).toBeLessThanOrEqual(1);
    await shot('13-saved-view');
  });

  it('is usable at 1024 px and in dark mode, with no serious accessibility violations', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      await visit(`#node=${LAVROV}&expanded=${LAVROV}&statement=${ERADICATION}&said=org:hamas`);
      const graph = await page.locator('#graph').boundingBox();
      expect(graph!.width).toBeGreaterThanOrEqual(450);
      expect(graph!.height).toBeGreaterThanOrEqual(250);
      await shot('14-1024px');
      expect(await accessibilityProblems()).toEqual([]);

      await page.getByRole('button', { name: 'Dark mode' }).click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await shot('15-dark-mode');
      expect(await accessibilityProblems()).toEqual([]);
      await page.getByRole('button', { name: 'Dark mode' }).click();
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('draws a joint statement as one node joined to each speaker, named in order on its label, card and row', async () => {
    await visit(`#node=${QAT}&expanded=${QAT}`);
    const drawn = await graphNodes();
    // Egypt joins the joint statement though Qatar's neighbourhood does not reach it.
    expect(drawn).toEqual(expect.arrayContaining([QAT, JOINT, EGY]));
    expect(await nodeLabel(JOINT)).toMatch(
      /^Qatar and Egypt · 19 Sep 2024 · Gaza ceasefire · \+ supportive/,
    );
    const made = () =>
      page.evaluate(() =>
        (window as unknown as Explorer).statementGraphExplorer.cy
          .edges('[type = "MADE"]')
          .map((e) => e.id())
          .filter((id) => id.includes('joint-ceasefire-call'))
          .sort(),
      );
    expect(await made()).toEqual([`MADE:${EGY}->${JOINT}`, `MADE:${QAT}->${JOINT}`]);

    // Egypt's own neighbourhood adds no second edge; the CSV has the statement once.
    await visit(`#node=${EGY}&expanded=${QAT},${EGY}&statement=${JOINT}`);
    expect(await made()).toEqual([`MADE:${EGY}->${JOINT}`, `MADE:${QAT}->${JOINT}`]);
    const exported = (await downloaded('CSV')).bytes.toString('utf8').split('\r\n');
    expect(exported.filter((l) => l.startsWith(`"${JOINT}"`))).toHaveLength(1);

    const card = page.locator('article.statement-card');
    await card.waitFor();
    expect(await card.locator('.attribution').textContent()).toBe('— Qatar and Egypt');
    expect(await card.locator('.speakers').textContent()).toBe('Qatar and Egypt (joint statement)');
    // States hold no posts: no "Speaking as" for them.
    expect(await card.locator('.speaking-as').count()).toBe(0);
    expect(
      await card.locator('.speakers a').evaluateAll((all) => all.map((a) => a.dataset.id)),
    ).toEqual([QAT, EGY]);
    await shot('16-joint-statement');

    await visit(`#timeline=${QAT}`);
    const row = page.locator(`#timeline .statement-rows li[data-id="${JOINT}"]`);
    expect(await row.locator('.row-speaker').textContent()).toBe('Qatar and Egypt');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('says on whose behalf and in which post a statement was made, marks quoted and approximate words, and names the occasion within its occasion', async () => {
    await visit(`#statement=${ISRAEL_WILL_NOT_STOP}`);
    const card = page.locator('article.statement-card');
    await card.waitFor();
    expect(await card.locator('.attribution').textContent()).toBe(
      '— Israel, through Benjamin Netanyahu, as Prime Minister',
    );
    expect(await card.locator('.on-behalf-of').textContent()).toBe('Israel');
    expect(await card.locator('.speaking-as').textContent()).toBe(
      'Prime Minister, Israel — the post the source names',
    );
    expect(await card.locator('.counts-for li').allTextContents()).toEqual([
      'Israel, through Benjamin Netanyahu: on its behalf, as Prime Minister',
    ]);

    // A premier who is also foreign minister, in the post the article names; "some progress" quoted.
    await visit(`#statement=${PROGRESS}`);
    await card.waitFor();
    expect(await card.locator('.attribution').textContent()).toBe(
      '— Test Premier, as Minister of Foreign Affairs',
    );
    expect(await card.locator('blockquote mark.quoted').allTextContents()).toEqual([
      '“some progress”',
    ]);
    expect(await card.locator('blockquote').textContent()).toBe(
      'The ceasefire talks have made “some progress”, but gaps remain between the two sides.',
    );
    expect(await card.locator('.quoted-note').count()).toBe(1);
    expect(await card.locator('.occasion').textContent()).toBe(
      'Panel on mediation, second day of the regional security conference (13 September 2024), ' +
        'during Regional security conference (12 September 2024)',
    );
    expect(
      await card.locator('.occasion a').evaluateAll((all) => all.map((a) => a.dataset.id)),
    ).toEqual([
      'meeting:test-security-conference-2024-mediation-panel',
      'meeting:test-security-conference-2024',
    ]);
    expect(await card.locator('.chip.approximate').count()).toBe(0);
    await shot('17-quoted-fragment-and-occasion');
    expect(await accessibilityProblems()).toEqual([]);

    await visit(`#statement=${MEDIATING}`);
    await card.waitFor();
    expect(await card.locator('.attribution').textContent()).toBe(
      '— Test Premier, as Prime Minister',
    );
    expect(await card.locator('.chip.approximate').textContent()).toBe('≈ approximate wording');
    expect(await card.locator('.approximate-note').textContent()).toContain('not known verbatim');

    // Search results read the same way.
    await visit('#q=ceasefire%20talks%20gaps&types=STATEMENT');
    const hit = page.locator(`#search-results button[data-id="${PROGRESS}"]`);
    expect(await hit.locator('.result-summary').textContent()).toBe(
      'Premier · 13 Sep 2024 · Gaza ceasefire · ○ neutral',
    );
    expect(await hit.locator('mark.quoted').textContent()).toBe('“some progress”');
    await visit('#q=keep%20mediating&types=STATEMENT');
    expect(
      await page
        .locator(`#search-results button[data-id="${MEDIATING}"] .approximate`)
        .textContent(),
    ).toBe('≈ approximate wording');

    // The seed's remarks to reporters, within the visit to Malaysia.
    await visit(`#statement=${ERADICATION}`);
    await card.waitFor();
    expect(await card.locator('.occasion').textContent()).toBe(
      "Sergey Lavrov's remarks to reporters at the end of his visit to Malaysia (28 July 2024), " +
        "during Sergey Lavrov's visit to Malaysia (July 2024)",
    );
  });

  it("offers a country's timeline with its officials' words, each row saying through whom, and exports it", async () => {
    await visit(`#node=${QAT}&expanded=${QAT}`);
    expect(await page.locator('#panel').textContent()).toContain(
      '1 made (3 with its officials and those on its behalf)',
    );
    await page.getByRole('button', { name: 'Timeline' }).click();
    await settled();
    const timeline = page.locator('#timeline');
    expect(await timeline.locator('.timeline-summary').textContent()).toMatch(/^1 statement,/);
    const box = page.getByLabel('with its officials and those speaking on its behalf');
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await settled();
    expect(state().get('rep')).toBe('1');
    expect(await timeline.locator('.timeline-summary').textContent()).toMatch(
      /^3 statements, its officials’ and those on its behalf included/,
    );
    const speakerOf = (id: string) =>
      timeline.locator(`.statement-rows li[data-id="${id}"] .row-speaker`).textContent();
    expect(await speakerOf(JOINT)).toBe('Qatar and Egypt');
    expect(await speakerOf(PROGRESS)).toBe(
      'Qatar, through Test Premier, as Minister of Foreign Affairs',
    );
    expect(await speakerOf(MEDIATING)).toBe('Qatar, through Test Premier, as Prime Minister');
    const progressRow = timeline.locator(`.statement-rows li[data-id="${PROGRESS}"]`);
    expect(await progressRow.locator('mark.quoted').textContent()).toBe('“some progress”');
    expect(await progressRow.locator('.row-occasion').textContent()).toBe(
      ' at Panel on mediation, second day of the regional security conference, ' +
        'during Regional security conference',
    );
    expect(
      await timeline.locator(`.statement-rows li[data-id="${MEDIATING}"]`).textContent(),
    ).toContain('≈ approximate wording');
    expect(
      await timeline.locator(`button.dot[data-id="${PROGRESS}"]`).getAttribute('aria-label'),
    ).toMatch(/^Qatar, through Test Premier, as Minister of Foreign Affairs, 13 September 2024/);
    // The "about" list counts the officials' statements too.
    expect(
      await page.locator('#timeline-about option[value="topic:gaza-ceasefire"]').textContent(),
    ).toBe('Gaza ceasefire (3)');
    await shot('18-timeline-with-officials');
    expect(await accessibilityProblems()).toEqual([]);

    // The shared link keeps the option; the CSV has what the timeline lists.
    await visit(`#timeline=${QAT}&rep=1`);
    expect(await timeline.locator('.timeline-summary').textContent()).toMatch(/^3 statements/);
    const csv = (await downloaded('CSV')).bytes.toString('utf8').trimEnd().split('\r\n');
    const records = new Map(
      csv.slice(1).map((l) => {
        const r = l.slice(1, -1).split('","');
        return [r[0], r];
      }),
    );
    expect([...records.keys()].sort()).toEqual([MEDIATING, PROGRESS, JOINT].sort());
    expect(records.get(JOINT)![1]).toBe('Qatar; Egypt');
    expect(records.get(PROGRESS)!.slice(9)).toEqual([
      '',
      'Minister of Foreign Affairs, Qatar',
      'some progress',
      'false',
      'Panel on mediation, second day of the regional security conference · ' +
        'during Regional security conference',
    ]);
    expect(records.get(MEDIATING)![12]).toBe('true');

    // Unticked: the country's own statements only.
    await page.getByLabel('with its officials and those speaking on its behalf').uncheck();
    await settled();
    expect(state().get('rep')).toBeNull();
    expect(await timeline.locator('.timeline-summary').textContent()).toMatch(/^1 statement,/);
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
