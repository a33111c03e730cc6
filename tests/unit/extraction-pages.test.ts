import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { takeArticle, type Article } from '../../src/articles/article.intake.js';
import { textMetadata } from '../../src/articles/article.metadata.js';
import { candidatesToDataset } from '../../src/extraction/dataset.js';
import {
  articleFacts,
  articleLinkers,
  extractArticle,
  type ArticleInput,
} from '../../src/extraction/document.js';
import { entitiesOfDataset } from '../../src/extraction/linker.js';
import type { ExtractedStatement } from '../../src/extraction/types.js';
import { candidatesOf } from '../../src/modules/review/review.candidates.js';
import { CodePoints } from '../../src/modules/shared/spans.js';
import {
  PRESS_RELEASE_PAGE,
  PRESS_RELEASE_PUBLISHER,
  STATEMENT_PAGE,
  STATEMENT_PAGE_PUBLISHER,
} from '../helpers/ministry-pages.js';
import { hasSeedArticle, readSeedArticle } from '../helpers/seed-article.js';

/**
 * extractArticle is the one extraction of an article (review API, CLI, evaluation):
 * statement pages as one statement of their publisher, headlines, and spans that
 * are exactly the words they claim to be.
 */

const INTAKE = {
  maxBytes: 1 << 20,
  fetch: { timeoutMs: 1000, maxRedirects: 0, allowLoopback: false },
};
const take = (input: { html?: string; text?: string }) => takeArticle(input, INTAKE);
const slice = (text: string, start: number, end: number) =>
  Array.from(text).slice(start, end).join('');

const seedDataset = JSON.parse(readFileSync('seed/statement-graph.json', 'utf8'));

/** Every span a candidate has is inside the text, and a speaker's text is the words at its span. */
function expectHonestSpans(text: string, found: ExtractedStatement[]) {
  const length = Array.from(text).length;
  expect(found.length).toBeGreaterThan(0);
  for (const s of found) {
    expect(s.content.length).toBeGreaterThan(0);
    for (const c of s.content) {
      expect(0 <= c.start && c.start < c.end && c.end <= length, JSON.stringify(c)).toBe(true);
    }
    if (s.speaker) {
      expect(s.speaker.start >= 0 && s.speaker.end <= length).toBe(true);
      expect(slice(text, s.speaker.start, s.speaker.end), s.text).toBe(s.speaker.text);
    }
    if (s.cue)
      expect(s.cue.start >= 0 && s.cue.start < s.cue.end && s.cue.end <= length).toBe(true);
    if (s.date) expect(slice(text, s.date.start, s.date.end)).toBe(s.date.text);
  }
}

describe('a ministry statement page, however it is taken in', () => {
  it('is one statement of its publisher: the ministry as its title words it, dated by its dateline', async () => {
    const article = await take({ html: STATEMENT_PAGE });
    const [doc, ...rest] = extractArticle(articleFacts(article));
    expect(doc).toMatchObject({
      kind: 'DIRECT_QUOTE',
      cue: null,
      speaker: {
        text: 'the Ministry of Foreign Affairs of the Republic of Norland',
        publisher: STATEMENT_PAGE_PUBLISHER,
      },
      date: { value: '2024-03-14', precision: 'DAY', text: '14 March 2024' },
    });
    expect(doc!.text).toMatch(/^The Republic of Norland welcomes .* in its capital\.$/);
    expect(doc!.text).not.toMatch(/Home|Share this|rights reserved|Norburg$/);
    expect(doc!.content).toHaveLength(3);
    expect(slice(article.text, doc!.speaker!.start, doc!.speaker!.end)).toBe(doc!.speaker!.text);
    // the sentences inside it are candidates of their own as well
    expect(rest.length).toBeGreaterThan(0);
  });

  it('a press release whose title names no one: the publisher as the text names it, its own name kept for linking', async () => {
    const article = await take({ html: PRESS_RELEASE_PAGE });
    const [doc] = extractArticle(articleFacts(article));
    expect(doc!.speaker).toMatchObject({
      text: 'Ministry of Foreign Affairs',
      publisher: PRESS_RELEASE_PUBLISHER,
    });
    expect(slice(article.text, doc!.speaker!.start, doc!.speaker!.end)).toBe(
      'Ministry of Foreign Affairs',
    );
    expect(doc!.date).toMatchObject({ value: '2024-04-02', precision: 'DAY' });
    expect(doc!.text).toMatch(/^Norland has today .* two countries\.$/);
  });

  it('links the ministry to the graph’s organisation of the publisher’s name (not to its country), else proposes that organisation', async () => {
    const article = await take({ html: PRESS_RELEASE_PAGE });
    const entities = [
      { id: 'country:NRL', type: 'Country', name: 'Norland', aliases: [] },
      {
        id: 'org:norland-mfa',
        type: 'Organization',
        name: 'Ministry of Foreign Affairs of Norland',
        aliases: [PRESS_RELEASE_PUBLISHER],
      },
    ];
    const [linked] = extractArticle({ ...articleFacts(article), ...articleLinkers(entities) });
    expect(linked!.speaker).toMatchObject({ id: 'org:norland-mfa' });

    const [unlinked] = extractArticle({
      ...articleFacts(article),
      ...articleLinkers(entities.slice(0, 1)),
    });
    expect(unlinked!.speaker!.id).toBeUndefined();
    const rows = candidatesOf('source:article-x', new CodePoints(article.text), [unlinked!]);
    expect(rows[0]).toMatchObject({
      speakerText: 'Ministry of Foreign Affairs',
      speakerId: null,
      proposalType: 'ORGANIZATION',
      proposalName: PRESS_RELEASE_PUBLISHER,
      proposalId: 'org:ministry-of-foreign-affairs-norland',
    });
    // in review, the article's Source is published by an organisation: the statement is its
    const published = candidatesOf(
      'source:article-x',
      new CodePoints(article.text),
      [unlinked!],
      'org:x',
    );
    expect(published[0]).toMatchObject({ speakerId: 'org:x', proposalId: null });
    // and a dataset written by the CLI proposes that one organisation for both
    const dataset = candidatesToDataset([unlinked!], {
      slug: 'x',
      title: 'x',
      publisher: PRESS_RELEASE_PUBLISHER,
    });
    expect(dataset.organizations.map((o) => o.id)).toEqual([
      'org:ministry-of-foreign-affairs-norland',
    ]);
    expect(dataset.statements[0]!.speakers).toEqual(['org:ministry-of-foreign-affairs-norland']);
    expect(dataset.sources[0]!.publishedBy).toBe('org:ministry-of-foreign-affairs-norland');
  });

  it('a page that names its publisher nowhere in its text gives no statement of the page', () => {
    const found = extractArticle({
      text: 'Statement on the lake\n\nWe welcome the agreement on the lake and call for calm.\n\n3 May 2024',
      title: 'Statement on the lake',
      publisher: 'Foreign Office of Norland',
    });
    expect(found.every((s) => !s.speaker?.publisher)).toBe(true);
  });

  it('is not made of an ordinary news page', async () => {
    const found = extractArticle({
      text: 'Harbour talks go on\n\nAna Ruiz said on Friday that the ferry would stay.',
      title: 'Harbour talks go on',
      publisher: 'Harbour Ministry',
      date: '2024-03-10',
    });
    expect(found.map((s) => s.speaker?.text)).toEqual(['Ana Ruiz']);
  });
});

describe('headlines', () => {
  const run = async (text: string): Promise<[Article, ExtractedStatement[]]> => {
    const article = await take({ text });
    return [article, extractArticle({ ...articleFacts(article, '2024-03-10') })];
  };

  it('a headline the body repeats is not a second candidate', async () => {
    const [article, found] = await run(
      'Ana Ruiz says the ferry will stay\n\n' +
        'Harbour minister Ana Ruiz said on Friday that the ferry would stay in service until the new bridge opens.',
    );
    expect(article.metadata.headline).toBe('Ana Ruiz says the ferry will stay');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ speaker: { text: 'Harbour minister Ana Ruiz' } });
    expect(found[0]!.text).toMatch(/^the ferry would stay in service/i);
  });

  it('a claim only the headline makes stays a candidate, with less confidence than the same words in a body', async () => {
    const [, found] = await run(
      'Ana Ruiz says the bridge will open in May\n\nThe harbour town held its spring market on Saturday.',
    );
    const [, inBody] = await run('Harbour news\n\nAna Ruiz says the bridge will open in May.');
    expect(found.map((s) => s.speaker?.text)).toEqual(['Ana Ruiz']);
    expect(inBody.map((s) => s.speaker?.text)).toEqual(['Ana Ruiz']);
    expect(found[0]!.confidence).toBeCloseTo(inBody[0]!.confidence - 0.1, 5);
  });

  it('a headline by another speaker than the body’s statement stays', async () => {
    const [, found] = await run(
      'Ana Ruiz says the ferry will stay\n\nThe union said on Friday that the ferry would stay.',
    );
    expect(found.map((s) => s.speaker?.text)).toEqual(['Ana Ruiz', 'The union']);
  });
});

describe('spans are the words they claim to be', () => {
  it.each([
    ['the statement page', STATEMENT_PAGE],
    ['the press release', PRESS_RELEASE_PAGE],
  ])('%s', async (_, html) => {
    const article = await take({ html });
    expectHonestSpans(
      article.text,
      extractArticle({
        ...articleFacts(article),
        ...articleLinkers(entitiesOfDataset(seedDataset)),
      }),
    );
  });

  it('a news text with quotes, a headline, pronouns and titles', async () => {
    const article = await take({
      text:
        'Minister says talks will go on\n\n' +
        '“We will keep talking,” Foreign Minister Ana Ruiz said on Friday. She added that the ferry would stay.\n\n' +
        'The ministry said in a statement that the bridge would open in May, according to the Harbour News Agency.',
    });
    expectHonestSpans(article.text, extractArticle(articleFacts(article, '2024-03-10')));
  });

  it.skipIf(!hasSeedArticle)('the seed article, linked against the seed dataset', async () => {
    const article = await take({ text: readSeedArticle() });
    const input: ArticleInput = {
      ...articleFacts(article),
      ...articleLinkers(entitiesOfDataset(seedDataset)),
    };
    expectHonestSpans(article.text, extractArticle(input));
  });
});

describe('wire credits: what the page states, each once', () => {
  it('reads a closing credit and agencies named in the text', () => {
    expect(
      textMetadata('Talks went on, the Russian news agency TASS said.\n\n(PC, Reuters)').credits,
    ).toEqual(['PC', 'Reuters', 'TASS']);
  });

  it('a spelling one letter off a known agency, or off a credit already read, is that one', () => {
    expect(
      textMetadata('He spoke, according to the news agency TASSA.\n\n(PC, TASS)').credits,
    ).toEqual(['PC', 'TASS']);
    expect(textMetadata('Talks went on.\n\n(PC, TASSA)').credits).toEqual(['PC', 'TASS']);
    expect(textMetadata('Talks went on.\n\n(Reuter)').credits).toEqual(['Reuters']);
  });

  it('an agency it does not know is taken as written; short names are never corrected', () => {
    expect(textMetadata('Talks went on.\n\n(PC, Norpress)').credits).toEqual(['PC', 'Norpress']);
    expect(textMetadata('Talks went on.\n\n(AP, AFP)').credits).toEqual(['AP', 'AFP']);
  });

  it('a day or month after the agency’s name is not part of it', () => {
    expect(
      textMetadata('The talks failed, the news agency Reuters Monday reported.').credits,
    ).toEqual(['Reuters']);
  });
});

describe('on a statement page', () => {
  it('“we” that no named speaker stands for is the publisher; the words stay “we”', () => {
    const text =
      'Statement of the Ministry of Foreign Affairs of Norland on the lake\n\n' +
      'We welcome the agreement on the lake. We said last year that only talks would settle it.\n\n' +
      '3 May 2024';
    const found = extractArticle({
      text,
      title: 'Statement of the Ministry of Foreign Affairs of Norland on the lake',
      publisher: 'Ministry of Foreign Affairs of Norland',
      date: '2024-05-03',
      linkOutlet: (name) => (name === 'Ministry of Foreign Affairs of Norland' ? 'org:nfm' : null),
    });
    const we = found.filter((s) => /^we$/i.test(s.speaker?.text ?? ''));
    expect(we.length).toBeGreaterThan(0);
    for (const s of we) {
      expect(s.speaker).toMatchObject({
        id: 'org:nfm',
        publisher: 'Ministry of Foreign Affairs of Norland',
      });
      expect(slice(text, s.speaker!.start, s.speaker!.end)).toBe(s.speaker!.text);
    }
  });

  it('a page’s og:title that is its whole <title> gives the headline without the site’s parts', async () => {
    const article = await take({
      html: PRESS_RELEASE_PAGE.replace(
        '<meta charset="utf-8">',
        '<meta charset="utf-8"><meta property="og:title" content="NORLAND SENDS WATER PUMPS TO THE DELTA REGION - Press Releases - Portal">',
      ),
    });
    expect(article.metadata.headline).toBe('NORLAND SENDS WATER PUMPS TO THE DELTA REGION');
  });
});
