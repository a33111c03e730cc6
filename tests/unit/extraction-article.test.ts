import { describe, expect, it } from 'vitest';
import { dataset as datasetSchema } from '../../src/records/dataset.js';
import { candidatesToDataset, UNDATED_PHRASE } from '../../src/extraction/dataset.js';
import { articleFacts, extractArticle } from '../../src/extraction/document.js';
import { takeArticle } from '../../src/articles/article.intake.js';
import { createLinker, extractStatements } from '../../src/extraction/index.js';

const PAGE = `<!doctype html><html><head><title>Statement on the harbour treaty - Ministry of Foreign Affairs of Latvia</title></head>
<body><nav><ul><li><a href="/">Home /</a></li><li><a href="/press">Press Service /</a></li></ul></nav>
<main><article><h1>Statement on the harbour treaty</h1>
<p>The Ministry welcomes the signing of the harbour treaty
 by both parliaments.</p>
<p>We call on all parties to implement it in good faith and without delay, for the benefit of the fishing towns on both shores.</p>
<p>March 3, 2024, Riga</p></article></main>
<footer><p>Contacts</p><small class="copyright">© 2010-2024, Ministry of Foreign Affairs of Latvia</small></footer></body></html>`;

describe('HTML pages', () => {
  const take = (html: string) =>
    takeArticle(
      { html },
      { maxBytes: 1 << 20, fetch: { timeoutMs: 1000, maxRedirects: 0, allowLoopback: false } },
    );

  it('reads the readable body, its publisher and its dateline', async () => {
    const page = articleFacts(await take(PAGE));
    expect(page.title).toBe('Statement on the harbour treaty');
    expect(page.publisher).toBe('Ministry of Foreign Affairs of Latvia');
    expect(page.date).toBe('2024-03-03');
    expect(page.text).toContain(
      'The Ministry welcomes the signing of the harbour treaty by both parliaments.',
    );
    expect(page.text).not.toContain('Home /');
    expect(page.text).not.toContain('Contacts');
  });

  it('gives a statement page as one statement of its publisher, dated by its dateline', async () => {
    const page = articleFacts(await take(PAGE));
    const [doc] = extractArticle(page);
    // the words at its span ("The Ministry" of the body), standing for the page's publisher
    expect(doc!.speaker).toMatchObject({
      text: 'The Ministry',
      publisher: 'Ministry of Foreign Affairs of Latvia',
    });
    expect(Array.from(page.text).slice(doc!.speaker!.start, doc!.speaker!.end).join('')).toBe(
      'The Ministry',
    );
    expect(doc!.date).toMatchObject({ precision: 'DAY', value: '2024-03-03' });
    expect(doc!.text).toMatch(/^The Ministry welcomes .* fishing towns on both shores\.$/);
    expect(doc!.cue).toBeNull();
  });

  it('refuses a page with no readable body', async () => {
    await expect(
      take('<html><body><script>var a = 1;</script></body></html>'),
    ).rejects.toMatchObject({ articleCode: 'ARTICLE_UNREADABLE' });
  });
});

describe('candidates as a dataset', () => {
  const linker = createLinker([
    { id: 'person:ana-ruiz', type: 'Person', name: 'Ana Ruiz', aliases: [] },
  ]);
  const text =
    'Ana Ruiz said on Friday that the ferry would stay.\n\nThe Harbour Workers Union said that the strike would go on.';
  const statements = extractStatements(text, { linker, date: '2024-03-10' });
  const data = candidatesToDataset(statements, {
    slug: 'harbour-news-2024-03-10',
    title: 'Harbour news',
    date: '2024-03-10',
  });

  it('is a valid dataset file: linked speakers by id, others proposed, undated ones on or before the article’s date', () => {
    expect(datasetSchema.safeParse(data).success).toBe(true);
    expect(data.statements.map((s) => [s.speakers[0], s.date, s.datePhrase])).toEqual([
      ['person:ana-ruiz', '2024-03-08', 'on Friday'],
      ['org:harbour-workers-union', '../2024-03-10', UNDATED_PHRASE],
    ]);
    expect(data.organizations.map((o) => o.name)).toEqual(['Harbour Workers Union']);
    expect(
      data.statements.every((s) => s.sources[0]!.source === 'source:harbour-news-2024-03-10'),
    ).toBe(true);
  });
});
