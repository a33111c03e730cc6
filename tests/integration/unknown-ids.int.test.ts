import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

interface Problem {
  path: string;
  id: string;
  message: string;
  suggestion: { id: string; type: string; label: string } | null;
}

/** The NOT_FOUND problems of a response (one error per failing field, each listing its ids). */
function problems(body: GraphQLResponse): Problem[] {
  expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
  for (const error of body.errors!) expect(error.extensions?.code).toBe('NOT_FOUND');
  return body.errors!.flatMap((e) => e.extensions!.problems as Problem[]);
}

const paths = (body: GraphQLResponse) => problems(body).map((p) => [p.path, p.id]);

describe('unknown ids are NOT_FOUND, everywhere, with their paths and a suggestion', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  const statements = (filter: string) =>
    app.gql(`{ statements(filter: { ${filter} }) { totalCount } }`);

  it.each([
    ['speakerIds', 'person:nobody'],
    ['aboutIds', 'country:XXX'],
    ['mentionIds', 'place:atlantis'],
    ['topicIds', 'topic:nothing'],
    ['meetingIds', 'meeting:never'],
    ['sourceIds', 'source:nowhere'],
  ])('statements(filter: { %s }) names the unknown id with its index', async (key, id) => {
    const known = {
      speakerIds: 'person:sergey-lavrov',
      aboutIds: 'country:ISR',
      mentionIds: 'place:moscow',
      topicIds: 'topic:gaza-war',
      meetingIds: 'meeting:abu-marzouk-visit-moscow-2024-06',
      sourceIds: 'source:tass-2024-07-28-lavrov-malaysia',
    }[key]!;
    const body = await statements(`${key}: ["${known}", "${id}"]`);
    expect(body.data).toBeNull();
    expect(paths(body)).toEqual([[`filter.${key}[1]`, id]]);
    expect(body.errors![0]!.path).toEqual(['statements']);
    // The filter without the unknown id answers.
    expect((await statements(`${key}: ["${known}"]`)).errors).toBeUndefined();
  });

  it('names every unknown id of a filter in one error', async () => {
    const body = await statements(
      `speakerIds: ["x:1"], aboutIds: ["country:ISR", "x:2", "x:3"], speakingAs: { ofId: "x:4" }`,
    );
    expect(paths(body)).toEqual([
      ['filter.speakerIds[0]', 'x:1'],
      ['filter.aboutIds[1]', 'x:2'],
      ['filter.aboutIds[2]', 'x:3'],
      ['filter.speakingAs.ofId', 'x:4'],
    ]);
    expect(body.errors).toHaveLength(1);
  });

  it('refuses an id of a kind the list cannot match, saying what it is', async () => {
    const body = await statements(`topicIds: ["country:ISR"]`);
    const [problem] = problems(body);
    expect(problem).toMatchObject({ path: 'filter.topicIds[0]', id: 'country:ISR' });
    expect(problem!.message).toContain('it is a Country');
  });

  it('checks the filters of nested statement lists, located at the field', async () => {
    for (const field of ['statements', 'statementsAbout']) {
      const body = await app.gql(`{ node(id: "person:sergey-lavrov") { ... on Person {
        ${field}(filter: { topicIds: ["topic:nothing"] }) { totalCount } } } }`);
      expect(paths(body)).toEqual([['filter.topicIds[0]', 'topic:nothing']]);
      expect(body.errors![0]!.path).toEqual(['node', field]);
    }
    for (const [id, type] of [
      ['topic:gaza-war', 'Topic'],
      ['meeting:abu-marzouk-visit-moscow-2024-06', 'Meeting'],
      ['source:tass-2024-07-28-lavrov-malaysia', 'Source'],
    ]) {
      const body = await app.gql(`{ node(id: "${id}") { ... on ${type} {
        statements(filter: { speakerIds: ["person:nobody"] }) { totalCount } } } }`);
      expect(paths(body)).toEqual([['filter.speakerIds[0]', 'person:nobody']]);
    }
  });

  it('checks every id argument of the exploration queries', async () => {
    const cases: Array<[string, string[][]]> = [
      [
        `timeline(actorId: "person:nobody", aboutId: "x:about", topicId: "country:ISR") { totalCount }`,
        [
          ['actorId', 'person:nobody'],
          ['aboutId', 'x:about'],
          ['topicId', 'country:ISR'],
        ],
      ],
      [
        `stanceNetwork(speakerIds: ["person:sergey-lavrov", "x:s"], targetIds: ["x:t"]) { totalCount }`,
        [
          ['speakerIds[1]', 'x:s'],
          ['targetIds[0]', 'x:t'],
        ],
      ],
      [`aboutTimeline(targetId: "place:moscow") { totalCount }`, [['targetId', 'place:moscow']]],
      [`neighborhood(id: "x:centre") { totalNeighbors }`, [['id', 'x:centre']]],
      [
        `paths(fromId: "x:from", toId: "x:to") { length }`,
        [
          ['fromId', 'x:from'],
          ['toId', 'x:to'],
        ],
      ],
    ];
    for (const [query, expected] of cases) {
      const body = await app.gql(`{ ${query} }`);
      expect(paths(body), query).toEqual(expected);
      expect(body.data, query).toBeNull();
    }
  });

  it('keeps node and nodes null for an unknown id, with a NOT_FOUND error located at it', async () => {
    const one = await app.gql(`{ node(id: "person:nobody") { id } }`);
    expect(one.data).toEqual({ node: null });
    expect(paths(one)).toEqual([['id', 'person:nobody']]);

    const many = await app.gql(`{ nodes(ids: ["country:ISR", "x:1", "org:hamas", "x:2"]) { id } }`);
    expect(many.data).toEqual({ nodes: [{ id: 'country:ISR' }, null, { id: 'org:hamas' }, null] });
    expect(paths(many)).toEqual([
      ['ids[1]', 'x:1'],
      ['ids[3]', 'x:2'],
    ]);
    expect(many.errors!.map((e) => e.path)).toEqual([
      ['nodes', 1],
      ['nodes', 3],
    ]);
  });

  it.each([
    ['aboutIds', 'Israel', 'country:ISR'],
    ['aboutIds', 'Isreal', 'country:ISR'],
    ['aboutIds', 'country:israel', 'country:ISR'],
    ['aboutIds', 'ISR', 'country:ISR'],
    ['aboutIds', 'hamas', 'org:hamas'],
    ['speakerIds', 'person:sergei-lavrov', 'person:sergey-lavrov'],
    ['speakerIds', 'Lavrov', 'person:sergey-lavrov'],
    ['speakerIds', 'Lavróv', 'person:sergey-lavrov'],
    ['speakerIds', 'Лавров', 'person:sergey-lavrov'],
    ['speakerIds', 'Netanyahu', 'person:benjamin-netanyahu'],
    ['topicIds', 'Gaza ceasefire', 'topic:gaza-ceasefire'],
    ['mentionIds', 'Moskow', 'place:moscow'],
  ])('suggests by name: %s: ["%s"] → %s', async (key, value, suggested) => {
    const [problem] = problems(await statements(`${key}: ["${value}"]`));
    expect(problem!.suggestion?.id).toBe(suggested);
    expect(problem!.message).toContain(`did you mean ${suggested}`);
  });

  it('suggests only entities the argument accepts, and nothing when nothing is close', async () => {
    // A country is no topic: the suggestion for a topic list is a topic or nothing.
    const [topic] = problems(await statements(`topicIds: ["Israel"]`));
    expect(topic!.suggestion === null || topic!.suggestion.type === 'Topic').toBe(true);
    const [none] = problems(await statements(`aboutIds: ["qqqqzzzz"]`));
    expect(none!.suggestion).toBeNull();
    expect(none!.message).not.toContain('did you mean');
  });

  it('answers as the README shows', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = readme.split('**An id that names nothing is an error')[1]!.split('```json\n')[1]!;
    const body = await statements(`aboutIds: ["Israel"]`);
    // The README leaves out `locations` (where in the query text the field is).
    for (const error of body.errors ?? []) delete (error as { locations?: unknown }).locations;
    expect(body).toEqual(JSON.parse(shown.split('```')[0]!));
  });

  it('checks all the ids of a filter in one batched lookup, not one query per id', async () => {
    const before = await app.metric('statement_graph_cypher_queries_total');
    const body = await statements(
      `speakerIds: ["person:sergey-lavrov", "person:mousa-abu-marzouk"],
       aboutIds: ["country:ISR", "org:hamas", "topic:gaza-war"], mentionIds: ["place:moscow"],
       topicIds: ["topic:gaza-war"], meetingIds: ["meeting:abu-marzouk-visit-moscow-2024-06"],
       sourceIds: ["source:tass-2024-07-28-lavrov-malaysia"]`,
    );
    expect(body.errors).toBeUndefined();
    // The page, the count, and one lookup of all nine ids.
    expect((await app.metric('statement_graph_cypher_queries_total')) - before).toBe(3);
  });
});
