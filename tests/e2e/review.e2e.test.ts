import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { recordedText } from '../../src/extraction/statement-text.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { buildWeb } from '../../web/build.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';
import { hasSeedArticle, readSeedArticle } from '../helpers/seed-article.js';

/**
 * The review screen in headless Chromium against the real API, the real
 * extractor and Neo4j (with the seed): paste the seed article, find its
 * statements, accept one with a stance the reviewer sets, and see the statement
 * in the graph. Every request stays on 127.0.0.1.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = 'test-results/screenshots';
const EDITOR = 'editor-token-0123456789abcdef';

interface Explorer {
  statementGraphExplorer: { cy: { nodes(): { map<T>(f: (n: { id(): string }) => T): T[] } } };
}

describe.skipIf(!hasSeedArticle)('The review screen, in headless Chromium', () => {
  let t: TestDatabase;
  let server: Server;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `The review screen's end-to-end test needs Chromium at ${CHROMIUM}: "apt-get install -y chromium" (or set CHROMIUM_PATH).`,
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await buildWeb({ ifStale: true });
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    server = createServer(
      createApp({
        db: t.db,
        logger: createLogger('silent'),
        metrics: createMetrics(),
        config: loadConfig({ API_TOKENS: `reviewer:editor:${EDITOR}` }),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    profile = mkdtempSync(join(tmpdir(), 'statement-graph-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 900 },
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
    browser.setDefaultTimeout(30_000);
    browser.on('request', (request) => requests.push(request.url()));
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 401/.test(message.text())) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const settled = () =>
    page.waitForFunction(() => {
      const { pending, rendering } = document.documentElement.dataset;
      return pending === '0' && rendering === '0' && !document.querySelector('[aria-busy="true"]');
    });

  it('extracts the seed article, accepts a statement with an edited stance, and shows it in the graph', async () => {
    const { port } = server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'Review an article' }).click();
    await settled();

    await page.locator('#review-input').fill(readSeedArticle());
    await page.locator('#review-extract').click();
    // Mutations need an editor token: the screen asks for one, then goes on.
    await page.locator('#review-token').fill(EDITOR);
    await page.keyboard.press('Enter');
    await page.locator('.review-card').first().waitFor();
    await settled();
    expect(new URL(page.url()).hash).toMatch(/^#review=source:article-/);
    await page.screenshot({ path: `${SCREENSHOTS}/review-01-candidates.png` });

    // A card whose speaker the extractor linked to Sergey Lavrov.
    const card = page.locator('.review-card', { hasText: '→ Sergey Lavrov' }).first();
    await card.locator('blockquote').click();
    const quote = (await card.locator('blockquote').textContent())!;
    await card.locator('.review-add-target').click();
    await card.locator('.review-target').last().fill('org:hamas');
    await card.locator('.review-stance').last().selectOption('CRITICAL');
    // Accept from the keyboard: the card has the focus, not a field.
    await card.focus();
    await page.keyboard.press('a');
    const accepted = page.locator('.review-card.status-accepted', { hasText: quote.slice(0, 40) });
    await accepted.waitFor();
    await settled();
    await expect
      .poll(() => accepted.locator('.review-accepted').textContent())
      .toMatch(/Hamas: critical/);

    // Its quote is highlighted in the article as accepted.
    await accepted.locator('blockquote').click();
    const marked = await page
      .locator('#review-article mark.selected.span-content.status-accepted')
      .allTextContents();
    // the card shows the statement as it will be recorded from those words
    expect(recordedText([marked.join('')])).toBe(quote);
    await page.screenshot({ path: `${SCREENSHOTS}/review-02-accepted.png` });

    // "See it in the graph": the explorer opens with the statement, its speaker and its target.
    await accepted.locator('a.review-open').click();
    await settled();
    const statementId = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('statement')!;
    expect(statementId).toMatch(/^statement:sergey-lavrov-/);
    await expect
      .poll(() =>
        page.evaluate(() =>
          (window as unknown as Explorer).statementGraphExplorer.cy.nodes().map((n) => n.id()),
        ),
      )
      .toEqual(expect.arrayContaining([statementId, 'person:sergey-lavrov', 'org:hamas']));
    await expect.poll(() => page.locator('#panel').textContent()).toMatch(/Hamas/);
    await page.screenshot({ path: `${SCREENSHOTS}/review-03-in-graph.png` });

    const away = requests.filter(
      (url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'),
    );
    expect(away).toEqual([]);
    expect(problems).toEqual([]);
  });
});
