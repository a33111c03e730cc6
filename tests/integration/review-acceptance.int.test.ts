import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { recordedText } from '../../src/extraction/statement-text.js';
import { startArticleServer, type ArticleServer } from '../helpers/article-server.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, SEED_FILE } from '../helpers/seed.js';
import { hasSeedArticle, readSeedArticle } from '../helpers/seed-article.js';
import type { TextSpan as Span } from '../../src/modules/shared/spans.js';

/**
 * Issue 11's acceptance, against the real Neo4j with the real extractor
 * (src/extraction) linking speakers through the graph's names and offices:
 * the app is built without an `extract` override, as main.ts builds it.
 */

const EDITOR = 'editor-token-0123456789abcdef';

interface CandidateView {
  id: string;
  status: string;
  text: string;
  kind: string;
  spans: Span[];
  speaker: { text: string; actor: { id: string } | null } | null;
  date: { text: string; value: string | null; precision: string | null } | null;
}
interface Extraction {
  outcome: string | null;
  errors: Array<{ code: string; path: string | null }>;
  source: { id: string; text: string; publishedBy: { id: string } | null } | null;
  candidates: CandidateView[] | null;
}

const EXTRACT = `
  mutation ($input: ArticleInput!) {
    extractArticle(input: $input) {
      outcome
      errors { code path }
      source { id text publishedBy { id } }
      candidates {
        id status text kind
        spans { start end text }
        speaker { text actor { id } }
        date { text value precision }
      }
    }
  }`;

const codePoints = (text: string, start: number, end: number) =>
  Array.from(text).slice(start, end).join('');

describe.skipIf(!hasSeedArticle)('review with the real extractor (issue 11 acceptance)', () => {
  let t: TestDatabase;
  let server: ArticleServer;
  const apps: Record<'loopback' | 'strict', ReturnType<typeof createApp>> = {} as never;
  const seed = readSeedArticle();

  const gql = async <T>(query: string, variables: Record<string, unknown>, app = apps.loopback) => {
    const response = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const extract = async (input: Record<string, unknown>, app = apps.loopback) =>
    (await gql<{ extractArticle: Extraction }>(EXTRACT, { input }, app)).extractArticle;

  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    server = await startArticleServer({
      '/slow': () => {},
      '/loop/*': (req, res) =>
        res.writeHead(302, { location: `/loop/${Number(req.url!.split('/').pop()) + 1}` }).end(),
      '/to-private': (_req, res) => res.writeHead(302, { location: 'http://10.0.0.7/' }).end(),
      '/menu-only': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<html><body><nav><a href="/">Home</a> <a href="/w">World</a></nav></body></html>'),
      '/binary': (_req, res) =>
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([137, 80, 78, 71, 0])),
      '/latin1': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          .end(Buffer.from('Le ministre a d\xe9clar\xe9 que la paix \xe9tait possible.', 'latin1')),
      '/huge': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/plain' }).end('a'.repeat(2 * 1024 * 1024 + 10)),
    });
    const make = (env: Record<string, string>) =>
      createApp({
        db: t.db,
        logger: createLogger('silent'),
        metrics: createMetrics(),
        config: loadConfig({ API_TOKENS: `ed:editor:${EDITOR}`, ...env }),
      });
    apps.loopback = make({
      ARTICLE_FETCH_ALLOW_LOOPBACK: 'true',
      ARTICLE_FETCH_TIMEOUT_MS: '500',
      ARTICLE_FETCH_MAX_REDIRECTS: '3',
    });
    apps.strict = make({});
  });

  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  let seedSource = '';
  let seedCandidates: CandidateView[] = [];

  it('extracts the seed article, and an accepted candidate’s evidence span is exactly its quote in the stored article text', async () => {
    const result = await extract({ text: seed });
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('CREATED');
    expect(result.source!.text).toBe(seed.replace(/^\uFEFF/, ''));
    // "By Palestine Chronicle Staff": the outlet, linked to the graph's organisation of that name.
    expect(result.source!.publishedBy).toEqual({ id: 'org:palestine-chronicle' });
    seedSource = result.source!.id;
    seedCandidates = result.candidates!;
    expect(seedCandidates.length).toBeGreaterThanOrEqual(10);
    for (const c of seedCandidates) {
      for (const s of c.spans) expect(codePoints(result.source!.text, s.start, s.end)).toBe(s.text);
    }

    // "The top Russian diplomat noted …": a title, resolved through the office held on the article's date.
    const diplomat = seedCandidates.find((c) =>
      /top Russian diplomat/i.test(c.speaker?.text ?? ''),
    );
    expect(diplomat?.speaker?.actor?.id).toBe('person:sergey-lavrov');
    expect(diplomat!.date).toMatchObject({ value: '2024-07-28', precision: 'DAY' });

    const accepted = (
      await gql<{
        acceptCandidate: {
          errors: unknown[];
          statement: { id: string; text: string };
        };
      }>(
        `mutation ($input: AcceptCandidateInput!) { acceptCandidate(input: $input) {
           errors { code path message } statement { id text } } }`,
        {
          input: {
            id: diplomat!.id,
            about: [{ target: 'topic:gaza-ceasefire', stance: 'NEUTRAL' }],
          },
        },
      )
    ).acceptCandidate;
    expect(accepted.errors).toEqual([]);

    // Read back as any client would, from the graph.
    const { node } = await gql<{
      node: {
        text: string;
        speaker: { id: string };
        date: { text: string; precision: string };
        sources: Array<{ quoteType: string; source: { id: string }; evidence: Span[] }>;
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Statement { text speaker { id } date { text precision }
         sources { quoteType source { id } evidence { start end text } } } } }`,
      { id: accepted.statement.id },
    );
    expect(node.speaker.id).toBe('person:sergey-lavrov');
    expect(node.date).toEqual({ text: '2024-07-28', precision: 'DAY' });
    expect(node.sources).toHaveLength(1);
    const [reported] = node.sources;
    expect(reported!.source.id).toBe(seedSource);
    expect(reported!.evidence).toHaveLength(diplomat!.spans.length);
    expect(
      reported!.evidence.map((s) => codePoints(seed.replace(/^\uFEFF/, ''), s.start, s.end)),
    ).toEqual(diplomat!.spans.map((s) => s.text));
    // its text is recorded from those words as the extractor and the CLI record it
    expect(node.text).toBe(recordedText(reported!.evidence.map((s) => s.text)));
  });

  it('links “the Russian foreign minister” to Sergey Lavrov through the office he held on the article’s date', async () => {
    const text =
      'The Russian foreign minister said on Sunday that “the talks must go on, whatever happens next week.”';
    const in2024 = await extract({ text, publishedDate: '2024-07-28' });
    expect(in2024.errors).toEqual([]);
    expect(in2024.candidates).toHaveLength(1);
    const [candidate] = in2024.candidates!;
    expect(candidate!.speaker).toMatchObject({
      text: expect.stringMatching(/Russian foreign minister/i),
      actor: { id: 'person:sergey-lavrov' },
    });
    expect(candidate!.date).toMatchObject({
      text: 'on Sunday',
      value: '2024-07-28',
      precision: 'DAY',
    });
    // In the seed, Lavrov holds the office from 2004-03: the same words before that name no one.
    const in2003 = await extract({ text: `${text} `, publishedDate: '2003-06-01' });
    expect(in2003.errors).toEqual([]);
    expect(in2003.candidates![0]!.speaker?.actor).toBeNull();
  });

  it('dates “said last week” by the week’s bounds, and accepting records them as the statement’s date', async () => {
    // 2024-07-28 is a Sunday: last week is the ISO week 2024-07-15 … 2024-07-21
    const text =
      'Russian Foreign Minister Sergey Lavrov said last week that the harbour talks would resume.';
    const found = await extract({ text, publishedDate: '2024-07-28' });
    expect(found.errors).toEqual([]);
    expect(found.candidates).toHaveLength(1);
    const [candidate] = found.candidates!;
    expect(candidate!.speaker?.actor?.id).toBe('person:sergey-lavrov');
    expect(candidate!.date).toEqual({
      text: 'last week',
      value: '2024-07-15/2024-07-21',
      precision: 'BOUNDED',
    });

    const accepted = (
      await gql<{ acceptCandidate: { errors: unknown[]; statement: { id: string } } }>(
        `mutation ($input: AcceptCandidateInput!) { acceptCandidate(input: $input) {
           errors { code path message } statement { id } } }`,
        { input: { id: candidate!.id } },
      )
    ).acceptCandidate;
    expect(accepted.errors).toEqual([]);
    expect(accepted.statement.id).toMatch(/^statement:sergey-lavrov-2024-07-15-to-2024-07-21-/);

    const { node } = await gql<{
      node: {
        datePhrase: string;
        date: { text: string; precision: string; start: string; end: string };
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Statement { datePhrase date { text precision start end } } } }`,
      { id: accepted.statement.id },
    );
    expect(node).toEqual({
      datePhrase: 'last week',
      date: {
        text: '2024-07-15/2024-07-21',
        precision: 'BOUNDED',
        start: '2024-07-15',
        end: '2024-07-21',
      },
    });
    // a range filter over that week finds it; one over the week after does not
    const within = await gql<{ statements: { edges: Array<{ node: { id: string } }> } }>(
      `query ($from: Date, $to: Date) { statements(filter: { speakerIds: ["person:sergey-lavrov"], from: $from, to: $to }, first: 100) { edges { node { id } } } }`,
      { from: '2024-07-15', to: '2024-07-21' },
    );
    expect(within.statements.edges.map((e) => e.node.id)).toContain(accepted.statement.id);
    const after = await gql<{ statements: { edges: Array<{ node: { id: string } }> } }>(
      `query ($from: Date, $to: Date) { statements(filter: { speakerIds: ["person:sergey-lavrov"], from: $from, to: $to }, first: 100) { edges { node { id } } } }`,
      { from: '2024-07-22', to: '2024-07-28' },
    );
    expect(after.statements.edges.map((e) => e.node.id)).not.toContain(accepted.statement.id);
  });

  it('a second extraction of the same article adds nothing', async () => {
    const before = await graphCounts(t.db);
    const again = await extract({ text: seed });
    expect(again.errors).toEqual([]);
    expect(again.outcome).toBe('UNCHANGED');
    expect(again.source!.id).toBe(seedSource);
    expect(again.candidates!.map((c) => c.id)).toEqual(seedCandidates.map((c) => c.id));
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('a rejected candidate stays rejected when the article is extracted again', async () => {
    const target = seedCandidates.find((c) => c.status === 'PENDING' && c.kind === 'REPORTED')!;
    const rejected = await gql<{
      rejectCandidate: { errors: unknown[]; candidate: { status: string } };
    }>(
      `mutation ($id: ID!) { rejectCandidate(id: $id) { errors { code } candidate { status } } }`,
      { id: target.id },
    );
    expect(rejected.rejectCandidate).toEqual({ errors: [], candidate: { status: 'REJECTED' } });
    const before = await graphCounts(t.db);
    const again = await extract({ text: seed });
    expect(again.outcome).toBe('UNCHANGED');
    expect(again.candidates!.find((c) => c.id === target.id)!.status).toBe('REJECTED');
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('gives every bad input its stable code and leaves the graph unchanged', async () => {
    const before = await graphCounts(t.db);
    const cases: Array<[string, Record<string, unknown>, string, 'strict'?]> = [
      ['empty', { text: '' }, 'ARTICLE_EMPTY'],
      ['only whitespace', { text: ' \n\t ' }, 'ARTICLE_EMPTY'],
      ['binary text', { text: 'PK\u0003\u0004\u0000\u0000\u0008\u0000' }, 'ARTICLE_BINARY'],
      ['binary page', { url: `${server.origin}/binary` }, 'ARTICLE_BINARY'],
      ['non-UTF-8 text', { text: 'Le ministre a d\uFFFDclar\uFFFD.' }, 'ARTICLE_NOT_UTF8'],
      ['non-UTF-8 page', { url: `${server.origin}/latin1` }, 'ARTICLE_NOT_UTF8'],
      ['over 2 MB of text', { text: 'a'.repeat(2 * 1024 * 1024 + 1) }, 'ARTICLE_TOO_LARGE'],
      ['over 2 MB fetched', { url: `${server.origin}/huge` }, 'ARTICLE_TOO_LARGE'],
      [
        'HTML without a body',
        { html: '<html><body><nav>Home</nav></body></html>' },
        'ARTICLE_UNREADABLE',
      ],
      ['a page without a body', { url: `${server.origin}/menu-only` }, 'ARTICLE_UNREADABLE'],
      ['a URL that times out', { url: `${server.origin}/slow` }, 'URL_TIMEOUT'],
      ['endless redirects', { url: `${server.origin}/loop/0` }, 'URL_TOO_MANY_REDIRECTS'],
      ['not http(s)', { url: 'ftp://example.org/a.txt' }, 'URL_NOT_HTTP'],
      ['a file URL', { url: 'file:///etc/passwd' }, 'URL_NOT_HTTP'],
      ['a private address', { url: 'http://192.168.0.10/news' }, 'URL_PRIVATE_ADDRESS'],
      ['link-local metadata', { url: 'http://169.254.169.254/latest/' }, 'URL_PRIVATE_ADDRESS'],
      [
        'a redirect to a private address',
        { url: `${server.origin}/to-private` },
        'URL_PRIVATE_ADDRESS',
      ],
      [
        'loopback without the setting',
        { url: `${server.origin}/binary` },
        'URL_PRIVATE_ADDRESS',
        'strict',
      ],
    ];
    for (const [name, input, code, app] of cases) {
      const result = await extract(input, app ? apps[app] : apps.loopback);
      expect(
        result.errors.map((e) => e.code),
        name,
      ).toEqual([code]);
      expect(result.outcome, name).toBeNull();
      expect(result.source, name).toBeNull();
    }
    expect(await graphCounts(t.db)).toEqual(before);
  });
});
