import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

/**
 * What the explorer shows a journalist, through the API over the seed: a
 * statement's own route, what was said about anyone over time, and the figures.
 */

const code = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;

const ROUTE = `query ($id: ID!) {
  node(id: $id) { ... on Statement { route { quoteType source { id publisher } } sources { source { id } } } }
}`;

const ABOUT = `query ($targetId: ID!, $from: Date, $to: Date, $granularity: TimeGranularity) {
  aboutTimeline(targetId: $targetId, from: $from, to: $to, granularity: $granularity) {
    target { ... on Node { id } }
    totalCount
    buckets { period count stances { supportive critical neutral mixed } statements { id speaker { id } } }
    coarserBuckets { period count statements { id } }
    unplaced { count stances { supportive critical neutral mixed } statements { id speaker { id } } }
    speakers { speaker { id } count stances { supportive critical neutral mixed } }
    shifts { speaker { id } target { ... on Node { id } } from to before { id } after { id } }
  }
}`;

const FIGURES = `query ($text: String, $from: Date, $to: Date, $first: Int) {
  figures(text: $text, from: $from, to: $to, first: $first) {
    figure { value unit asOf qualifier description }
    statement { id speaker { id } date { text precision } }
  }
}`;

const UNREALISTIC = 'statement:lavrov-2024-07-28-eradicating-hamas-unrealistic';
const TASS = 'source:tass-2024-07-28-lavrov-malaysia';
const CHRONICLE = 'source:palestine-chronicle-2024-07-28';
const AL_JAZEERA = 'source:al-jazeera-2024-06-abu-marzouk-interview';

describe('What a journalist reads, over the seed', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  const route = async (id: string) => {
    const result = await app.gql<{
      node: { route: Array<{ quoteType: string; source: { id: string } }> };
    }>(ROUTE, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.node.route;
  };

  describe('Statement.route', () => {
    it("is the quote's own route, origin first, each source once: TASS, then the Palestine Chronicle", async () => {
      expect(await route(UNREALISTIC)).toEqual([
        { quoteType: 'DIRECT_QUOTE', source: { id: TASS, publisher: 'TASS' } },
        { quoteType: 'DIRECT_QUOTE', source: { id: CHRONICLE, publisher: 'Palestine Chronicle' } },
      ]);
    });

    it('holds only the sources that carry the statement, for every statement', async () => {
      expect(
        (await route('statement:abu-marzouk-2024-06-real-war-with-united-states')).map(
          (s) => s.source.id,
        ),
      ).toEqual([AL_JAZEERA, CHRONICLE]);
      expect(
        (await route('statement:gaza-moh-2024-07-killed-and-wounded')).map((s) => s.source.id),
      ).toEqual([CHRONICLE]);
    });

    it('costs one query for the routes of a page of statements', async () => {
      const before = t.queries();
      const result = await app.gql<{
        statements: { edges: Array<{ node: { route: unknown[] } }> };
      }>(`{ statements(first: 30) { edges { node { route { source { id } } } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.statements.edges.length).toBeGreaterThan(20);
      expect(result.data!.statements.edges.every((e) => e.node.route.length > 0)).toBe(true);
      // the page, the routes, the sources' nodes
      expect(t.queries() - before).toBeLessThanOrEqual(3);
    });
  });

  describe('aboutTimeline', () => {
    const about = async (variables: Record<string, unknown>) => {
      const result = await app.gql<{
        aboutTimeline: {
          totalCount: number;
          buckets: Array<{
            period: string;
            count: number;
            stances: Record<string, number>;
            statements: Array<{ id: string; speaker: { id: string } }>;
          }>;
          coarserBuckets: Array<{ period: string; count: number }>;
          unplaced: {
            count: number;
            stances: Record<string, number>;
            statements: Array<{ id: string; speaker: { id: string } }>;
          };
          speakers: Array<{
            speaker: { id: string };
            count: number;
            stances: Record<string, number>;
          }>;
          shifts: unknown[];
        };
      }>(ABOUT, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.aboutTimeline;
    };

    it("gives the three statements about Hamas by their speakers, with each one's stance", async () => {
      const hamas = await about({ targetId: 'org:hamas' });
      expect(hamas.totalCount).toBe(3);
      // Lavrov's words are of the day; Netanyahu's two the article gives undated
      // ("by 28 July 2024"): no month holds them, so they are unplaced, not put in July.
      expect(hamas.buckets.map((b) => [b.period, b.count])).toEqual([['2024-07', 1]]);
      expect(hamas.buckets[0]!.stances).toEqual({
        supportive: 0,
        critical: 0,
        neutral: 1,
        mixed: 0,
      });
      expect(hamas.unplaced.count).toBe(2);
      expect(hamas.unplaced.stances).toEqual({ supportive: 0, critical: 2, neutral: 0, mixed: 0 });
      const all = [...hamas.buckets[0]!.statements, ...hamas.unplaced.statements];
      expect(all.map((s) => [s.id, s.speaker.id]).sort()).toEqual([
        // Israel speaking through Netanyahu: he is the speaker, on Israel's behalf.
        ['statement:israel-will-not-stop-until-hamas-eliminated', 'person:benjamin-netanyahu'],
        [UNREALISTIC, 'person:sergey-lavrov'],
        [
          'statement:netanyahu-hamas-eradication-precondition-for-ceasefire',
          'person:benjamin-netanyahu',
        ],
      ]);
      expect(hamas.speakers.map((s) => [s.speaker.id, s.count])).toEqual([
        ['person:benjamin-netanyahu', 2],
        ['person:sergey-lavrov', 1],
      ]);
      expect(hamas.shifts).toEqual([]);
    });

    it('covers topics (ABOUT or ON_TOPIC) and meetings, and narrows to a date range', async () => {
      const casualties = await about({ targetId: 'topic:gaza-casualties', granularity: 'DAY' });
      expect(casualties.totalCount).toBe(3);
      expect(casualties.speakers.map((s) => s.speaker.id).sort()).toEqual([
        'org:gaza-ministry-of-health',
        'org:palestine-chronicle',
        'org:palestinian-and-international-organizations',
      ]);
      // Two the article gives undated (on or before its day): never put on a day or in its month.
      expect(casualties.coarserBuckets).toEqual([]);
      expect(casualties.unplaced.count).toBe(2);
      expect(casualties.buckets.map((b) => [b.period, b.count])).toEqual([['2024-07-28', 1]]);

      const meeting = await about({
        targetId: 'meeting:egypt-qatar-meetings-with-us-and-israel-2024-07',
      });
      expect(meeting.totalCount).toBe(2);

      const june = await about({ targetId: 'country:RUS', from: '2024-06-01', to: '2024-06-30' });
      expect(june.totalCount).toBe(5);
      expect(june.speakers.map((s) => s.speaker.id)).toEqual(['person:mousa-abu-marzouk']);
      const july = await about({ targetId: 'country:RUS', from: '2024-07-01' });
      expect(july.totalCount).toBe(0);
    });

    it('refuses an unknown target or one that cannot be spoken about, and a reversed range', async () => {
      expect(code(await app.gql(ABOUT, { targetId: 'org:nobody' }))).toBe('NOT_FOUND');
      expect(code(await app.gql(ABOUT, { targetId: TASS }))).toBe('NOT_FOUND');
      expect(
        code(await app.gql(ABOUT, { targetId: 'org:hamas', from: '2024-08-01', to: '2024-07-01' })),
      ).toBe('BAD_USER_INPUT');
    });
  });

  describe('figures', () => {
    const figures = async (variables: Record<string, unknown>) => {
      const result = await app.gql<{
        figures: Array<{
          figure: { value: number; unit: string; asOf: string | null; qualifier: string };
          statement: { id: string; speaker: { id: string }; date: { text: string } };
        }>;
      }>(FIGURES, variables);
      expect(result.errors).toBeUndefined();
      return result.data!.figures;
    };

    it('lists every figure with who gave it', async () => {
      const all = await figures({});
      expect(all).toHaveLength(5);
      const killed = all.find((f) => f.figure.value === 39324);
      expect(killed).toMatchObject({
        figure: { unit: 'people killed', asOf: '2024-07-28', qualifier: 'EXACT' },
        statement: {
          speaker: { id: 'org:gaza-ministry-of-health' },
          date: { text: '../2024-07-28' },
        },
      });
      expect(all.find((f) => f.figure.value === 11000)?.figure.qualifier).toBe('AT_LEAST');
    });

    it('finds figures by a number in any writing or by words of their topic', async () => {
      for (const text of ['39324', '39,324']) {
        expect(
          (await figures({ text })).map((f) => f.figure.value),
          text,
        ).toContain(39324);
      }
      expect((await figures({ text: 'casualties' })).map((f) => f.figure.value).sort()).toEqual([
        11000, 39324, 90830,
      ]);
      expect(await figures({ text: 'nothing-like-this' })).toEqual([]);
      expect(await figures({ from: '2024-07-28', to: '2024-07-28' })).toHaveLength(2);
      expect(code(await app.gql(FIGURES, { first: 501 }))).toBe('BAD_USER_INPUT');
      // A too-long text names its length, as the import's refusals do.
      const long = await app.gql(FIGURES, { text: 'x'.repeat(612) });
      expect(code(long)).toBe('BAD_USER_INPUT');
      expect(long.errors![0]!.extensions!.problems).toEqual([
        { path: 'text', message: 'must be at most 200 characters long, not 612' },
      ]);
    });
  });
});
