import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, StatementRecord } from '../../src/records/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSeed } from '../helpers/seed.js';

/** One probe speaker's statements, one per date, each named by its date. */
const DATES = ['2023-12', '2024', '2024-06', '2024-06-15', '2024-06-30', '2024-07-28', '2025'];
const SPEAKER = 'person:date-probe';
const statementId = (date: string) => `statement:date-probe-${date}`;

function dataset(): Dataset {
  const seed = readSeed();
  const statements: StatementRecord[] = DATES.map((date) => ({
    id: statementId(date),
    speakers: [SPEAKER],
    quotes: [],
    approximate: false,
    text: `Probe statement dated ${date}`,
    kind: 'PARAPHRASE',
    language: 'en',
    date,
    about: [{ target: 'country:ISR', stance: 'NEUTRAL' }],
    topics: [],
    mentions: [],
    sources: [{ source: seed.sources[0]!.id, role: 'READ', quoteType: 'PARAPHRASE' }],
    relays: [],
    respondsTo: [],
    figures: [],
    confidence: 0.5,
    verification: 'UNVERIFIED',
  }));
  return {
    ...seed,
    people: [...seed.people, { id: SPEAKER, name: 'Date Probe', aliases: [] }],
    positions: [
      ...seed.positions,
      {
        id: 'position:date-probe-envoy',
        person: SPEAKER,
        title: 'Envoy',
        of: 'country:ISR',
        from: '2024-06-20',
        to: '2024-07',
      },
    ],
    statements: [...seed.statements, ...statements],
  };
}

describe('dates in filters and arguments take a day, a month or a year', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    const report = await createImporter(t.db).importDataset(dataset(), { by: 'test' });
    expect(report.ok).toBe(true);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  /** The probe's statement dates that match, oldest first. */
  async function matching(range: string, dateMatch = 'WITHIN'): Promise<string[]> {
    const body = await app.gql<{
      statements: { edges: Array<{ node: { date: { text: string } } }> };
    }>(`{ statements(filter: { speakerIds: ["${SPEAKER}"], ${range}, dateMatch: ${dateMatch} },
                     orderBy: { field: DATE, direction: ASC }, first: 100) {
      edges { node { date { text } } } } }`);
    expect(body.errors, range).toBeUndefined();
    return body.data!.statements.edges.map((e) => e.node.date.text).sort();
  }

  it.each([
    // A month: its first to its last day.
    ['from: "2024-06", to: "2024-06"', 'WITHIN', ['2024-06', '2024-06-15', '2024-06-30']],
    ['from: "2024-06", to: "2024-06"', 'OVERLAPS', ['2024', '2024-06', '2024-06-15', '2024-06-30']],
    // A year.
    [
      'from: "2024", to: "2024"',
      'WITHIN',
      ['2024', '2024-06', '2024-06-15', '2024-06-30', '2024-07-28'],
    ],
    [
      'from: "2024", to: "2024"',
      'OVERLAPS',
      ['2024', '2024-06', '2024-06-15', '2024-06-30', '2024-07-28'],
    ],
    // Days: a June statement is not "in June 10–20", but it may be (OVERLAPS).
    ['from: "2024-06-10", to: "2024-06-20"', 'WITHIN', ['2024-06-15']],
    ['from: "2024-06-10", to: "2024-06-20"', 'OVERLAPS', ['2024', '2024-06', '2024-06-15']],
    // One bound: `from` takes the first day of what it names, `to` the last.
    ['from: "2024-07"', 'WITHIN', ['2024-07-28', '2025']],
    ['to: "2024-06"', 'WITHIN', ['2023-12', '2024-06', '2024-06-15', '2024-06-30']],
    ['to: "2024-06"', 'OVERLAPS', ['2023-12', '2024', '2024-06', '2024-06-15', '2024-06-30']],
    ['from: "2025"', 'WITHIN', ['2025']],
    // Mixed precisions, and full days as before.
    ['from: "2024-06-15", to: "2024-06"', 'WITHIN', ['2024-06-15', '2024-06-30']],
    ['from: "2024-06-01", to: "2024-06-30"', 'WITHIN', ['2024-06', '2024-06-15', '2024-06-30']],
  ])('%s, %s', async (range, dateMatch, expected) => {
    expect(await matching(range, dateMatch)).toEqual(expected);
  });

  it('takes partial dates in variables declared Date, as full days before', async () => {
    const query = `query ($from: Date, $to: Date) {
      statements(filter: { speakerIds: ["${SPEAKER}"], from: $from, to: $to }) { totalCount } }`;
    expect((await app.gql(query, { from: '2024-06', to: '2024-06' })).data).toEqual({
      statements: { totalCount: 3 },
    });
    expect((await app.gql(query, { from: '2024-06-01', to: '2024-06-30' })).data).toEqual({
      statements: { totalCount: 3 },
    });
  });

  it('refuses impossible dates and reversed ranges', async () => {
    const query = `query ($from: Date) { statements(filter: { from: $from }) { totalCount } }`;
    for (const bad of ['2024-13', '2024-02-30', '24', '2024-6', '2024/06', 'June 2024', '']) {
      const body = await app.gql(query, { from: bad });
      expect(body.errors?.[0]?.extensions?.code, bad).toBe('BAD_USER_INPUT');
    }
    const literal = await app.gql(`{ statements(filter: { from: "2024-13" }) { totalCount } }`);
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const reversed = await app.gql(
      `{ statements(filter: { from: "2024-07", to: "2024-06" }) { totalCount } }`,
    );
    expect(reversed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: 'filter.to' }],
    });
    // A range inside one month is fine: from its 15th to its end.
    expect(
      (
        await app.gql(
          `{ statements(filter: { from: "2024-06-15", to: "2024-06" }) { totalCount } }`,
        )
      ).errors,
    ).toBeUndefined();
  });

  it('takes partial dates in timeline, stanceNetwork and positions', async () => {
    const timeline = await app.gql<{ timeline: { totalCount: number } }>(
      `{ timeline(actorId: "${SPEAKER}", from: "2024-06", to: "2024-06", granularity: DAY) { totalCount } }`,
    );
    expect(timeline.data?.timeline.totalCount).toBe(3);
    const network = await app.gql<{ stanceNetwork: { edges: Array<{ count: number }> } }>(
      `{ stanceNetwork(speakerIds: ["${SPEAKER}"], from: "2024", to: "2024") { edges { count } } }`,
    );
    expect(network.data?.stanceNetwork.edges).toEqual([{ count: 5 }]);
    const reversed = await app.gql(`{ stanceNetwork(from: "2025", to: "2024") { totalCount } }`);
    const about = await app.gql<{ aboutTimeline: { totalCount: number } }>(
      `{ aboutTimeline(targetId: "country:ISR", from: "2024-06", to: "2024-06") { totalCount } }`,
    );
    expect(about.errors).toBeUndefined();
    // The probe's three June statements, and the seed's one about Israel dated 2024-06.
    expect(about.data!.aboutTimeline.totalCount).toBe(4);
    const figures = await app.gql(`{ figures(from: "2024", to: "2024") { figure { value } } }`);
    expect(figures.errors).toBeUndefined();
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    // A post from 2024-06-20 to 2024-07: held at some time in June and in 2024, not in May.
    const positions = async (at: string) => {
      const body = await app.gql<{ node: { positions: Array<{ title: string }> } }>(
        `{ node(id: "${SPEAKER}") { ... on Person { positions(at: "${at}") { title } } } }`,
      );
      expect(body.errors, at).toBeUndefined();
      return body.data!.node.positions.map((p) => p.title);
    };
    expect(await positions('2024-06')).toEqual(['Envoy']);
    expect(await positions('2024')).toEqual(['Envoy']);
    expect(await positions('2024-07-31')).toEqual(['Envoy']);
    expect(await positions('2024-06-19')).toEqual([]);
    expect(await positions('2024-05')).toEqual([]);
  });
});
