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
import { quoteExtractor } from '../helpers/quote-extractor.js';
import { hasSeedArticle, readSeedArticle } from '../helpers/seed-article.js';
import type { TextSpan as Span } from '../../src/modules/shared/spans.js';

/**
 * The review workflow's mechanics against the real Neo4j, with a small fixed
 * extractor (every “…” quote, said by Lavrov on the article's date), so what is
 * tested here is storage, idempotency, accepting and rejecting, HTML and URLs;
 * review-acceptance.int.test.ts runs the real extractor (and every bad input).
 */

const EDITOR = 'editor-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';

interface CandidateView {
  id: string;
  status: string;
  text: string;
  kind: string;
  spans: Span[];
  speaker: {
    text: string;
    actor: { id: string } | null;
    proposal: { id: string; name: string } | null;
  } | null;
  date: { text: string; value: string; precision: string } | null;
  mentions: Array<{ id: string }>;
  confidence: number;
  statement: { id: string } | null;
  rejectedLike: string | null;
}
interface Errors {
  errors: Array<{ code: string; path: string | null; message: string }>;
  outcome: string | null;
}

const CANDIDATE_FIELDS = `
  id status text kind confidence
  spans { start end text }
  speaker { text actor { id } proposal { id name type } }
  date { text value precision }
  mentions { id }
  statement { id }
  rejectedLike`;

const EXTRACT = `
  mutation ($input: ArticleInput!) {
    extractArticle(input: $input) {
      outcome
      errors { code path message }
      source { id kind title publisher publishedBy { id } url publishedDate { text } author credits text updatedAt }
      candidates { ${CANDIDATE_FIELDS} }
    }
  }`;

const ACCEPT = `
  mutation ($input: AcceptCandidateInput!) {
    acceptCandidate(input: $input) {
      outcome
      errors { code path message }
      candidate { ${CANDIDATE_FIELDS} reviewedBy }
      statement {
        id text kind date { text precision } datePhrase confidence updatedBy
        speaker { id }
        about { stance target { ... on Node { id } } }
        mentions { ... on Node { id } }
        sources { quoteType source { id } evidence { start end text } }
      }
    }
  }`;

const REJECT = `
  mutation ($id: ID!) {
    rejectCandidate(id: $id) {
      outcome
      errors { code path message }
      candidate { id status reviewedBy }
    }
  }`;

describe.skipIf(!hasSeedArticle)('review: article → candidates → accept or reject', () => {
  let t: TestDatabase;
  let server: ArticleServer;
  const apps: Record<string, ReturnType<typeof createApp>> = {};
  const seed = readSeedArticle();

  const gql = async <T>(
    query: string,
    variables: Record<string, unknown>,
    { token = EDITOR, app = 'default' } = {},
  ) => {
    const response = await apps[app]!.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: T;
        errors?: Array<{ extensions?: { code?: string } }>;
      },
    };
  };
  const extract = async (input: Record<string, unknown>, app = 'default') =>
    (
      await gql<{
        extractArticle: Errors & {
          source: Record<string, unknown> & { id: string };
          candidates: CandidateView[];
        };
      }>(EXTRACT, { input }, { app })
    ).body.data!.extractArticle;
  const accept = async (input: Record<string, unknown>) =>
    (
      await gql<{
        acceptCandidate: Errors & { candidate: CandidateView; statement: Record<string, unknown> };
      }>(ACCEPT, { input })
    ).body.data!.acceptCandidate;
  const reject = async (id: string) =>
    (
      await gql<{ rejectCandidate: Errors & { candidate: { id: string; status: string } } }>(
        REJECT,
        { id },
      )
    ).body.data!.rejectCandidate;

  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    server = await startArticleServer({
      '/article': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<html><head><meta property="og:site_name" content="Local Daily"><meta property="article:published_time" content="2024-07-28T09:00:00Z"><title>Lavrov on Gaza</title></head><body><nav>Menu</nav><article><h1>Lavrov on Gaza</h1><p>Russian Foreign Minister Sergey Lavrov said on Sunday: “No prospect for an end to this bloodshed can be seen yet,” speaking in Malaysia to reporters.</p><p>(TASS)</p></article></body></html>`,
          ),
    });
    const make = (env: Record<string, string>) =>
      createApp({
        db: t.db,
        logger: createLogger('silent'),
        metrics: createMetrics(),
        config: loadConfig({ API_TOKENS: `ed:editor:${EDITOR},rd:reader:${READER}`, ...env }),
        extract: quoteExtractor,
      });
    // the fixed extractor with its spans widened to take the quotation marks in
    apps.improved = createApp({
      db: t.db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config: loadConfig({ API_TOKENS: `ed:editor:${EDITOR},rd:reader:${READER}` }),
      extract: async (text, options) =>
        (await quoteExtractor(text, options)).map((c) => ({
          ...c,
          content: c.content.map((s) => ({ start: s.start - 1, end: s.end + 1 })),
        })),
    });
    apps.default = make({
      ARTICLE_FETCH_ALLOW_LOOPBACK: 'true',
      ARTICLE_FETCH_TIMEOUT_MS: '500',
      ARTICLE_FETCH_MAX_REDIRECTS: '3',
    });
  });

  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  let candidates: CandidateView[] = [];
  let sourceId = '';

  it('stores the article as a Source with its full text and metadata, and writes nothing else but its candidates', async () => {
    const before = await graphCounts(t.db);
    const result = await extract({ text: seed });
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('CREATED');
    sourceId = result.source.id;
    expect(sourceId).toMatch(/^source:article-[0-9a-f]{16}$/);
    expect(result.source).toMatchObject({
      kind: 'ARTICLE',
      publisher: 'Palestine Chronicle',
      publishedDate: { text: '2024-07-28' },
      author: 'Palestine Chronicle Staff',
      text: seed,
      publishedBy: { id: 'org:palestine-chronicle' },
    });
    expect(result.source.credits).toContain('TASS');
    candidates = result.candidates;
    expect(candidates.length).toBeGreaterThan(5);
    expect(candidates.every((c) => c.status === 'PENDING')).toBe(true);
    // Spans are offsets into the stored text, by code points.
    for (const c of candidates) {
      expect(c.spans[0]!.text).toBe(
        Array.from(seed).slice(c.spans[0]!.start, c.spans[0]!.end).join(''),
      );
    }
    const after = await graphCounts(t.db);
    expect(after).toEqual({
      ...before,
      'node:Source': before['node:Source']! + 1,
      'node:Entity': before['node:Entity']! + 1,
      'node:Candidate': candidates.length,
      // The outlet, linked to the graph's organisation of that name.
      'rel:PUBLISHED_BY': before['rel:PUBLISHED_BY']! + 1,
    });
  });

  it('extracting the same article again changes nothing', async () => {
    const before = await graphCounts(t.db);
    const first = await extract({ text: seed });
    const again = await extract({ text: seed });
    expect(again.errors).toEqual([]);
    expect(again.outcome).toBe('UNCHANGED');
    expect(again.source.id).toBe(sourceId);
    expect(again.source.updatedAt).toBe(first.source.updatedAt);
    expect(again.candidates.map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('lists candidates by article, by status, and one by id', async () => {
    const { body } = await gql<{
      candidates: Array<{ id: string }>;
      candidate: { id: string; status: string };
    }>(
      `query ($s: ID!, $id: ID!) { candidates(sourceId: $s, status: [PENDING]) { id } candidate(id: $id) { id status } }`,
      { s: sourceId, id: candidates[0]!.id },
    );
    expect(body.data!.candidates.map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(body.data!.candidate).toEqual({ id: candidates[0]!.id, status: 'PENDING' });
  });

  let statementId = '';

  it('accepts a candidate with the reviewer’s stance: a statement whose evidence is exactly its quote in the stored article', async () => {
    const target = candidates.find(
      (c) => c.speaker?.actor?.id === 'person:sergey-lavrov' && c.mentions.length,
    )!;
    const result = await accept({
      id: target.id,
      about: [{ target: 'org:hamas', stance: 'CRITICAL' }],
    });
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('CREATED');
    statementId = (result.statement as { id: string }).id;
    expect(result.candidate).toMatchObject({
      status: 'ACCEPTED',
      statement: { id: statementId },
      reviewedBy: 'ed',
    });
    const [source] = result.statement.sources as Array<{
      quoteType: string;
      source: { id: string };
      evidence: Span[];
    }>;
    expect(source!.source.id).toBe(sourceId);
    expect(source!.quoteType).toBe('DIRECT_QUOTE');
    expect(source!.evidence).toHaveLength(1);
    const span = source!.evidence[0]!;
    expect(Array.from(seed).slice(span.start, span.end).join('')).toBe(span.text);
    // recorded from those words as the extractor and the CLI record them
    expect(result.statement.text).toBe(recordedText([span.text]));
    expect(result.statement).toMatchObject({
      kind: 'DIRECT_QUOTE',
      date: { text: '2024-07-28', precision: 'DAY' },
      datePhrase: 'on Sunday',
      speaker: { id: 'person:sergey-lavrov' },
      about: [{ stance: 'CRITICAL', target: { id: 'org:hamas' } }],
      mentions: [{ id: 'org:hamas' }],
      updatedBy: 'ed',
    });
  });

  it('accepting again with the same edits changes nothing; other edits rewrite the same statement', async () => {
    const target = candidates.find((c) => c.statement === null && c.speaker?.actor)!;
    const first = await accept({ id: target.id, kind: 'PARAPHRASE' });
    expect(first.outcome).toBe('CREATED');
    const same = await accept({ id: target.id, kind: 'PARAPHRASE' });
    expect(same.outcome).toBe('UNCHANGED');
    const edited = await accept({
      id: target.id,
      kind: 'PARAPHRASE',
      about: [{ target: 'country:ISR', stance: 'NEUTRAL' }],
    });
    expect(edited.outcome).toBe('UPDATED');
    expect((edited.statement as { id: string }).id).toBe((first.statement as { id: string }).id);
  });

  it('a rejected candidate stays rejected when the article is extracted again', async () => {
    const target = candidates.find((c) => c.speaker?.actor === null)!;
    const result = await reject(target.id);
    expect(result.errors).toEqual([]);
    expect(result.candidate).toEqual({ id: target.id, status: 'REJECTED', reviewedBy: 'ed' });
    expect((await reject(target.id)).outcome).toBe('UNCHANGED');
    const before = await graphCounts(t.db);
    const again = await extract({ text: seed });
    expect(again.outcome).toBe('UNCHANGED');
    expect(again.candidates.find((c) => c.id === target.id)!.status).toBe('REJECTED');
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('a rejection sticks by content: not proposed again at other offsets, nor after a paragraph added above', async () => {
    const rejected = (await reject(candidates.find((c) => c.speaker?.actor === null)!.id))
      .candidate;
    expect(rejected.status).toBe('REJECTED');
    const rejectedText = candidates.find((c) => c.id === rejected.id)!.text;

    // An improved extractor takes the quotation marks into the span: other offsets, the same words.
    const before = await graphCounts(t.db);
    const improved = await extract({ text: seed }, 'improved');
    expect(improved.outcome).toBe('UNCHANGED');
    expect(improved.candidates.map((c) => c.id)).toEqual(candidates.map((c) => c.id));
    expect(await graphCounts(t.db)).toEqual(before);

    // The same article with a paragraph added above is another text: every offset moves.
    const shifted = await extract({
      text: `Editor's note: updated with Lavrov's remarks.\n\n${seed}`,
    });
    expect(shifted.errors).toEqual([]);
    expect(shifted.source.id).not.toBe(sourceId);
    const again = shifted.candidates.find((c) => c.text === rejectedText)!;
    expect(again.id).not.toBe(rejected.id);
    expect(again).toMatchObject({ status: 'REJECTED', rejectedLike: rejected.id });
    expect(shifted.candidates.filter((c) => c.status === 'REJECTED')).toHaveLength(1);
    expect(shifted.candidates.filter((c) => c.status === 'PENDING').length).toBeGreaterThan(0);
  });

  it('refuses to reject an accepted candidate, and to accept one whose speaker is not linked without a speaker', async () => {
    const accepted = candidates.find(
      (c) => c.speaker?.actor?.id === 'person:sergey-lavrov' && c.mentions.length,
    )!;
    expect((await reject(accepted.id)).errors.map((e) => e.code)).toEqual(['CONFLICT']);
    const unlinked = candidates.filter((c) => c.speaker?.actor === null)[1]!;
    expect(unlinked.speaker!.proposal).toEqual({
      id: 'person:mousa-abu-marzouq',
      name: 'Mousa Abu Marzouq',
      type: 'PERSON',
    });
    const before = await graphCounts(t.db);
    const refused = await accept({ id: unlinked.id });
    expect(refused.errors.map((e) => [e.code, e.path])).toEqual([
      ['BAD_USER_INPUT', 'input.speaker'],
    ]);
    const unknown = await accept({
      id: unlinked.id,
      speaker: 'person:nobody',
      about: [{ target: 'topic:nothing', stance: 'NEUTRAL' }],
    });
    expect(unknown.errors.map((e) => [e.code, e.path])).toEqual([
      ['NOT_FOUND', 'input.speaker'],
      ['NOT_FOUND', 'input.about[0].target'],
    ]);
    expect((await accept({ id: 'candidate:none' })).errors.map((e) => e.code)).toEqual([
      'NOT_FOUND',
    ]);
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('accepts with a new speaker created in the same transaction', async () => {
    const unlinked = candidates.filter(
      (c) => c.speaker?.actor === null && c.status === 'PENDING',
    )[1]!;
    const result = await accept({
      id: unlinked.id,
      newSpeaker: { type: 'PERSON', name: 'Mousa Abu Marzouq' },
      date: '2024-06',
    });
    expect(result.errors).toEqual([]);
    expect(result.statement).toMatchObject({
      speaker: { id: 'person:mousa-abu-marzouq' },
      date: { text: '2024-06', precision: 'MONTH' },
      datePhrase: null,
    });
  });

  it('takes HTML and URLs, with metadata from the page', async () => {
    const fetched = await extract({ url: `${server.origin}/article` });
    expect(fetched.errors).toEqual([]);
    expect(fetched.source).toMatchObject({
      // An outlet no organisation is named as gets one: the publisher is one link.
      publisher: 'Local Daily',
      publishedBy: { id: 'org:local-daily' },
      title: 'Lavrov on Gaza',
      url: `${server.origin}/article`,
      publishedDate: { text: '2024-07-28' },
      credits: ['TASS'],
    });
    expect(fetched.candidates).toHaveLength(1);
    expect(fetched.candidates[0]!.text).toBe(
      'No prospect for an end to this bloodshed can be seen yet.',
    );
    // The same URL again is the same article.
    expect((await extract({ url: `${server.origin}/article` })).outcome).toBe('UNCHANGED');
  });

  it('needs an editor token', async () => {
    const anonymous = await gql(EXTRACT, { input: { text: seed } }, { token: '' });
    expect(anonymous.status).toBe(401);
    const reader = await gql(EXTRACT, { input: { text: seed } }, { token: READER });
    expect(reader.status).toBe(403);
    expect(reader.body.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
