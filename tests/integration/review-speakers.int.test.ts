import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { FORMAT } from '../../src/records/dataset.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import type { TextSpan as Span } from '../../src/modules/shared/spans.js';

/**
 * Speakers named in short and countries speaking, through the review API with the
 * real extractor linking against the real graph: a surname links to the graph's
 * person whose full name the article gave first (not to another bearer of it), a
 * country's name to the graph's country or a country proposal with its ISO code, and
 * accepted evidence starts where the recorded text starts. Invented article.
 */

const EDITOR = 'editor-token-names-0123456789abcdef';

const ARTICLE =
  'Dana Kowalczyk met fishermen in the harbour on Monday.\n\n' +
  'Kowalczyk said that the quota would not change before the winter.\n\n' +
  'Ursel Brandt, a baker from the old town, also spoke. Brandt said that flour was scarce.\n\n' +
  'Norway said that the talks would resume in March.\n\n' +
  'Finland warned that the border would stay closed.\n\n' +
  'Iceland said that the harbour fees would fall.';

interface CandidateView {
  id: string;
  text: string;
  spans: Span[];
  speaker: {
    text: string;
    actor: { id: string } | null;
    proposal: { id: string; name: string; type: string; iso: string | null } | null;
  } | null;
}

describe('review: surnames and countries linked through the graph', () => {
  let t: TestDatabase;
  let app: TestApp;

  const gql = async <T>(query: string, variables: Record<string, unknown>) => {
    const body = await app.gql<T>(query, variables);
    expect(body.errors).toBeUndefined();
    return body.data!;
  };
  const accept = async (input: Record<string, unknown>) =>
    (
      await gql<{
        acceptCandidate: {
          errors: unknown[];
          statement: {
            id: string;
            text: string;
            speaker: { id: string };
            sources: Array<{ evidence: Span[] }>;
          } | null;
        };
      }>(
        `mutation ($input: AcceptCandidateInput!) { acceptCandidate(input: $input) {
           errors { code path message }
           statement { id text speaker { id } sources { evidence { start end text } } } } }`,
        { input },
      )
    ).acceptCandidate;

  let candidates: CandidateView[] = [];
  const bySpeaker = (text: string) => candidates.find((c) => c.speaker?.text === text)!;

  beforeAll(async () => {
    t = await openTestDatabase();
    const report = await createImporter(t.db).importDataset(
      {
        format: FORMAT,
        people: [
          { id: 'person:dana-kowalczyk', name: 'Dana Kowalczyk', aliases: [] },
          { id: 'person:piotr-kowalczyk', name: 'Piotr Kowalczyk', aliases: [] },
          { id: 'person:ivo-brandt', name: 'Ivo Brandt', aliases: [] },
        ],
        countries: [{ id: 'country:FIN', name: 'Finland', aliases: [], iso: 'FIN' }],
      },
      { by: 'test' },
    );
    expect(report.ok).toBe(true);
    app = createTestApp(t.db, { editorToken: EDITOR });
    const { extractArticle } = await gql<{
      extractArticle: { errors: unknown[]; candidates: CandidateView[] };
    }>(
      `mutation ($input: ArticleInput!) { extractArticle(input: $input) {
         errors { code path }
         candidates { id text spans { start end text }
           speaker { text actor { id } proposal { id name type iso } } } } }`,
      { input: { text: ARTICLE, publishedDate: '2025-03-14' } },
    );
    expect(extractArticle.errors).toEqual([]);
    candidates = extractArticle.candidates;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('links a surname to the graph’s person the article named in full before', async () => {
    // "Kowalczyk" alone fits two people of the graph; the article said which one
    const kowalczyk = bySpeaker('Kowalczyk');
    expect(kowalczyk.speaker!.actor).toEqual({ id: 'person:dana-kowalczyk' });
    // the graph's only Brandt is not the baker the article names: no link, one proposal
    const brandt = bySpeaker('Brandt');
    expect(brandt.speaker!.actor).toBeNull();
    expect(brandt.speaker!.proposal).toMatchObject({ id: 'person:ursel-brandt', type: 'PERSON' });

    // accepted, its evidence starts where its recorded text starts (no leading "that")
    const { errors, statement } = await accept({ id: kowalczyk.id });
    expect(errors).toEqual([]);
    expect(statement!.speaker.id).toBe('person:dana-kowalczyk');
    expect(statement!.text).toBe('The quota would not change before the winter.');
    expect(statement!.sources[0]!.evidence.map((e) => e.text)).toEqual([
      'the quota would not change before the winter',
    ]);
    expect(statement!.sources[0]!.evidence).toEqual(kowalczyk.spans);
  });

  it('links a country’s name to the graph’s country, and proposes one the graph lacks with its ISO code', async () => {
    expect(bySpeaker('Finland').speaker!.actor).toEqual({ id: 'country:FIN' });
    const norway = bySpeaker('Norway');
    expect(norway.speaker!.actor).toBeNull();
    expect(norway.speaker!.proposal).toEqual({
      id: 'country:NOR',
      name: 'Norway',
      type: 'COUNTRY',
      iso: 'NOR',
    });
    const p = norway.speaker!.proposal!;
    const { errors, statement } = await accept({
      id: norway.id,
      newSpeaker: { type: p.type, id: p.id, name: p.name, iso: p.iso },
      date: '2025-03-14',
    });
    expect(errors).toEqual([]);
    expect(statement!.speaker.id).toBe('country:NOR');
    const { node } = await gql<{ node: { name: string; iso: string } }>(
      `query ($id: ID!) { node(id: $id) { ... on Country { name iso } } }`,
      { id: 'country:NOR' },
    );
    expect(node).toEqual({ name: 'Norway', iso: 'NOR' });
  });

  it('creates a new country named by the reviewer without an id under its ISO code', async () => {
    const iceland = bySpeaker('Iceland');
    expect(iceland.speaker!.proposal).toMatchObject({ id: 'country:ISL', iso: 'ISL' });
    const { errors, statement } = await accept({
      id: iceland.id,
      newSpeaker: { type: 'COUNTRY', name: 'Iceland' },
      date: '2025-03-14',
    });
    expect(errors).toEqual([]);
    expect(statement!.speaker.id).toBe('country:ISL');
    const { node } = await gql<{ node: { name: string; iso: string } }>(
      `query ($id: ID!) { node(id: $id) { ... on Country { name iso } } }`,
      { id: 'country:ISL' },
    );
    expect(node).toEqual({ name: 'Iceland', iso: 'ISL' });
  });
});
