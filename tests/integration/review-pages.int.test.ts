import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExtract } from '../../src/cli/extract.js';
import { loadConfig } from '../../src/config.js';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  PRESS_RELEASE_PAGE,
  PRESS_RELEASE_PUBLISHER,
  STATEMENT_PAGE,
} from '../helpers/ministry-pages.js';
import { SEED_FILE } from '../helpers/seed.js';
import type { TextSpan as Span } from '../../src/modules/shared/spans.js';

/**
 * The review API extracts an article as the CLI and the evaluation do (one function,
 * src/extraction/document.ts): a ministry's statement page gives the ministry's own
 * statement, linked to its organisation; a dataset written by `statement-graph extract
 * --dataset` and imported gives the provenance accepting in review gives. Real Neo4j,
 * real extractor; the pages are invented (tests/helpers/ministry-pages.ts).
 */

const EDITOR = 'editor-token-pages-0123456789abcdef';

interface CandidateView {
  id: string;
  text: string;
  kind: string;
  spans: Span[];
  speaker: {
    text: string;
    span: Span | null;
    actor: { id: string } | null;
    proposal: { id: string } | null;
  } | null;
  cue: Span | null;
  date: { text: string; value: string | null; precision: string | null; span: Span | null } | null;
}
interface Extraction {
  outcome: string | null;
  errors: Array<{ code: string }>;
  source: { id: string; text: string; publishedBy: { id: string; name: string } | null };
  candidates: CandidateView[];
}

const EXTRACT = `
  mutation ($input: ArticleInput!) {
    extractArticle(input: $input) {
      outcome
      errors { code }
      source { id text publishedBy { id name } }
      candidates {
        id text kind
        spans { start end text }
        speaker { text span { start end text } actor { id } proposal { id } }
        cue { start end text }
        date { text value precision span { start end text } }
      }
    }
  }`;

const ACCEPT = `
  mutation ($input: AcceptCandidateInput!) {
    acceptCandidate(input: $input) {
      outcome
      errors { code path message }
      statement {
        id text kind date { text precision }
        speaker { id }
        sources { quoteType source { id } evidence { start end text } }
      }
    }
  }`;

const codePoints = (text: string, start: number, end: number) =>
  Array.from(text).slice(start, end).join('');

describe('review of ministry pages and CLI datasets, through the one extraction path', () => {
  let t: TestDatabase;
  let app: TestApp;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const body = await app.gql<T>(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const extract = async (input: Record<string, unknown>) =>
    (await gql<{ extractArticle: Extraction }>(EXTRACT, { input })).extractArticle;

  /** Every span of every candidate is the words it claims, in the stored text. */
  const expectHonest = (x: Extraction) => {
    for (const c of x.candidates) {
      for (const s of [...c.spans, c.cue, c.date?.span, c.speaker?.span]) {
        if (s) expect(codePoints(x.source.text, s.start, s.end)).toBe(s.text);
      }
      if (c.speaker?.span) expect(c.speaker.span.text).toBe(c.speaker.text);
    }
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db, { editorToken: EDITOR });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('a statement page: the ministry’s statement is a candidate, its speaker the organisation the Source is published by, and accepting it records it', async () => {
    const x = await extract({ html: STATEMENT_PAGE });
    expect(x.errors).toEqual([]);
    expectHonest(x);
    const publisher = x.source.publishedBy!;
    expect(publisher.name).toBe('Ministry of Foreign Affairs of the Republic of Norland');
    const doc = x.candidates.find((c) => c.cue === null && c.spans.length === 3)!;
    expect(doc).toMatchObject({
      kind: 'DIRECT_QUOTE',
      speaker: {
        text: 'the Ministry of Foreign Affairs of the Republic of Norland',
        actor: { id: publisher.id },
        proposal: null,
      },
      date: { value: '2024-03-14', precision: 'DAY', text: '14 March 2024' },
    });
    expect(doc.spans[0]!.text).toMatch(/^The Republic of Norland welcomes/);
    expect(doc.spans[2]!.text).toMatch(/in its capital\.$/);

    const { acceptCandidate } = await gql<{
      acceptCandidate: {
        errors: unknown[];
        statement: {
          speaker: { id: string };
          date: { text: string; precision: string };
          sources: Array<{ quoteType: string; source: { id: string }; evidence: Span[] }>;
        };
      };
    }>(ACCEPT, { input: { id: doc.id } });
    expect(acceptCandidate.errors).toEqual([]);
    const st = acceptCandidate.statement;
    expect(st.speaker.id).toBe(publisher.id);
    expect(st.date).toMatchObject({ text: '2024-03-14', precision: 'DAY' });
    expect(st.sources).toEqual([
      {
        quoteType: 'DIRECT_QUOTE',
        source: { id: x.source.id },
        evidence: doc.spans,
      },
    ]);
  });

  it('a press release: the ministry named by part of its name in the text, linked to the graph’s organisation of the site’s name', async () => {
    const created = await gql<{ upsertOrganization: { errors: unknown[] } }>(
      `mutation ($input: OrganizationInput!) { upsertOrganization(input: $input) { errors { code message } } }`,
      {
        input: {
          id: 'org:norland-foreign-ministry',
          name: 'Ministry of Foreign Affairs of Norland',
          aliases: [PRESS_RELEASE_PUBLISHER],
          kind: 'ministry',
        },
      },
    );
    expect(created.upsertOrganization.errors).toEqual([]);
    const x = await extract({ html: PRESS_RELEASE_PAGE });
    expectHonest(x);
    expect(x.source.publishedBy!.id).toBe('org:norland-foreign-ministry');
    const doc = x.candidates.find((c) => c.speaker?.actor?.id === 'org:norland-foreign-ministry');
    expect(doc).toMatchObject({
      speaker: {
        text: 'Ministry of Foreign Affairs',
        span: { text: 'Ministry of Foreign Affairs' },
      },
      date: { value: '2024-04-02', precision: 'DAY' },
    });
    expect(doc!.spans.map((s) => s.text).join(' ')).toMatch(/^Norland has today .* countries\.$/);
  });

  it('candidates of an unknown source are NOT_FOUND; of a source that is no article, none', async () => {
    const unknown = await app.gql(`{ candidates(sourceId: "source:no-such-article") { id } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const wire = await gql<{ candidates: unknown[] }>(
      `{ candidates(sourceId: "source:tass-2024-07-28-lavrov-malaysia") { id } }`,
    );
    expect(wire.candidates).toEqual([]);
  });

  it('a dataset from `statement-graph extract --dataset`, imported, gives the article’s text and each statement’s evidence, as review does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pages-dataset-'));
    const file = join(dir, 'ferry.txt');
    const text =
      'Ferry to stay, minister says\n\n' +
      'date 2024-03-10 By Harbour Courier Staff\n\n' +
      '“The ferry will stay until the bridge opens,” harbour minister Ana Ruiz told reporters on Friday.\n\n' +
      'The Harbour Workers Union said that the strike would go on.\n\n' +
      '(HC, TASSA)';
    writeFileSync(file, text);
    const out = join(dir, 'ferry.dataset.json');
    const printed = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const code = await runExtract(
        [file, '--dataset', out, '--entities', SEED_FILE],
        loadConfig({}),
        () => {},
      );
      expect(code).toBe(0);
    } finally {
      printed.mockRestore();
    }
    const written = JSON.parse(readFileSync(out, 'utf8'));
    const report = await createImporter(t.db).importFile(out, { by: 'test' });
    expect(report.ok).toBe(true);

    const sourceId = written.sources[0].id as string;
    const { node } = await gql<{
      node: {
        title: string;
        text: string;
        credits: string[];
        publisher: string;
        publishedDate: { text: string };
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Source { title text credits publisher publishedDate { text } } } }`,
      { id: sourceId },
    );
    expect(node).toEqual({
      title: 'Ferry to stay, minister says',
      text,
      credits: ['HC', 'TASS'],
      publisher: 'Harbour Courier',
      publishedDate: { text: '2024-03-10' },
    });
    const { statements } = await gql<{
      statements: {
        edges: Array<{ node: { text: string; sources: Array<{ evidence: Span[] }> } }>;
      };
    }>(
      `query ($id: ID!) { statements(filter: { sourceIds: [$id] }, first: 10) { edges { node { text sources { evidence { start end text } } } } } }`,
      { id: sourceId },
    );
    const nodes = statements.edges.map((e) => e.node);
    expect(nodes.length).toBe(written.statements.length);
    const quote = nodes.find((s) => s.text.startsWith('The ferry will stay'))!;
    expect(quote.sources[0]!.evidence.map((e) => e.text)).toEqual([
      'The ferry will stay until the bridge opens',
    ]);
    for (const s of nodes) {
      for (const e of s.sources[0]!.evidence) expect(codePoints(text, e.start, e.end)).toBe(e.text);
    }

    // the same text taken in for review is the same Source: one article, not two
    const again = await extract({ text });
    expect(again.source.id).toBe(sourceId);
  });
});
