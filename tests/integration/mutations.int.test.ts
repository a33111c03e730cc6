import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { exportDataset } from '../../src/export/exporter.js';
import { FORMAT } from '../../src/records/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import type { GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, SEED_FILE } from '../helpers/seed.js';

const EDITOR = 'editor-token-0123456789abcdef';

interface MutationError {
  code: string;
  path: string | null;
  message: string;
}
interface Payload<T = Record<string, unknown>> {
  node: T | null;
  outcome: string | null;
  errors: MutationError[];
}

const PERSON = /* GraphQL */ `
  mutation ($input: PersonInput!) {
    upsertPerson(input: $input) {
      outcome
      errors {
        code
        path
        message
      }
      node {
        id
        name
        aliases
        description
        createdAt
        updatedAt
        updatedBy
      }
    }
  }
`;

const STATEMENT = /* GraphQL */ `
  mutation ($input: StatementInput!) {
    recordStatement(input: $input) {
      outcome
      errors {
        code
        path
        message
      }
      node {
        id
        text
        kind
        updatedBy
        speaker {
          id
          name
        }
        about {
          stance
          target {
            ... on Node {
              id
            }
          }
        }
        topics {
          id
        }
        sources {
          quoteType
          source {
            id
          }
        }
        figures {
          value
          unit
          qualifier
        }
        date {
          text
          precision
        }
      }
    }
  }
`;

const MERGE = /* GraphQL */ `
  mutation ($keepId: ID!, $mergeIds: [ID!]!) {
    mergeEntities(keepId: $keepId, mergeIds: $mergeIds) {
      outcome
      errors {
        code
        path
        message
      }
      node {
        id
        ... on Person {
          name
          aliases
          createdAt
          updatedBy
        }
      }
    }
  }
`;

const DELETE = /* GraphQL */ `
  mutation ($id: ID!) {
    deleteNode(id: $id) {
      deletedId
      outcome
      errors {
        code
        path
        message
      }
    }
  }
`;

const statementInput = (over: Record<string, unknown> = {}) => ({
  id: 'statement:test-lavrov-on-ceasefire',
  speakers: ['person:sergey-lavrov'],
  text: 'We call for an immediate ceasefire.',
  kind: 'DIRECT_QUOTE',
  language: 'en',
  date: '2024-07-28',
  about: [{ target: 'topic:gaza-ceasefire', stance: 'SUPPORTIVE' }],
  // An "about" topic is one of the statement's topics too.
  topics: ['topic:gaza-ceasefire', 'topic:gaza-war'],
  sources: [
    { source: 'source:tass-2024-07-28-lavrov-malaysia', role: 'READ', quoteType: 'DIRECT_QUOTE' },
  ],
  figures: [{ value: 39324, unit: 'people killed', asOf: '2024-07-28' }],
  confidence: 0.9,
  verification: 'VERIFIED',
  ...over,
});

/** The editor's HTTP request as a client sends it; `accept` as that client asks. */
function editorPost(db: TestDatabase['db']) {
  const config = loadConfig({ API_TOKENS: `alice:editor:${EDITOR}` });
  const yoga = createApp({ db, logger: createLogger('silent'), metrics: createMetrics(), config });
  return (query: string, variables?: Record<string, unknown>, accept?: string) =>
    yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${EDITOR}`,
        ...(accept ? { accept } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
}

function editorApp(db: TestDatabase['db']) {
  const post = editorPost(db);
  return async <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>> =>
    (await (await post(query, variables)).json()) as GraphQLResponse<T>;
}

describe('mutations (editor token)', () => {
  let t: TestDatabase;
  let gql: ReturnType<typeof editorApp>;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    gql = editorApp(t.db);
  });
  afterAll(() => t.close());

  it('warns of possible duplicates (the same name in another spelling or script) and still writes', async () => {
    const UPSERT = /* GraphQL */ `
      mutation ($input: PersonInput!) {
        upsertPerson(input: $input) {
          outcome
          possibleDuplicates {
            node {
              id
            }
            matchedText
            name
          }
        }
      }
    `;
    type Dup = { outcome: string; possibleDuplicates: unknown[] };
    const again = await gql<{ upsertPerson: Dup }>(UPSERT, {
      input: { id: 'person:test-lavrov-again', name: 'Sergei LAVRÓV', aliases: ['Лавров'] },
    });
    expect(again.data!.upsertPerson).toEqual({
      outcome: 'CREATED',
      possibleDuplicates: [
        {
          node: { id: 'person:sergey-lavrov' },
          matchedText: 'Sergei Lavrov',
          name: 'Sergei LAVRÓV',
        },
      ],
    });
    const other = await gql<{ upsertPerson: Dup }>(UPSERT, {
      input: { id: 'person:test-someone-else', name: 'Sergei Lavrentiev', aliases: [] },
    });
    expect(other.data!.upsertPerson).toEqual({ outcome: 'CREATED', possibleDuplicates: [] });
    for (const id of ['person:test-lavrov-again', 'person:test-someone-else']) {
      expect((await gql<{ deleteNode: Payload }>(DELETE, { id })).data!.deleteNode.outcome).toBe(
        'DELETED',
      );
    }
  });

  it('creates, leaves unchanged, and updates a person, recording when and by whom', async () => {
    const input = { id: 'person:test-maria-zakharova', name: 'Maria Zakharova', aliases: [] };
    const created = await gql<{ upsertPerson: Payload }>(PERSON, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertPerson).toMatchObject({
      outcome: 'CREATED',
      errors: [],
      node: { id: input.id, name: 'Maria Zakharova', updatedBy: 'alice' },
    });
    const again = await gql<{ upsertPerson: Payload }>(PERSON, { input });
    expect(again.data!.upsertPerson.outcome).toBe('UNCHANGED');
    expect(again.data!.upsertPerson.node!.updatedAt).toBe(
      created.data!.upsertPerson.node!.updatedAt,
    );
    const renamed = await gql<{ upsertPerson: Payload }>(PERSON, {
      input: { ...input, aliases: ['Мария Захарова'], description: 'Spokeswoman' },
    });
    expect(renamed.data!.upsertPerson).toMatchObject({
      outcome: 'UPDATED',
      node: { aliases: ['Мария Захарова'], description: 'Spokeswoman' },
    });
    expect(renamed.data!.upsertPerson.node!.createdAt).toBe(
      created.data!.upsertPerson.node!.createdAt,
    );
    const [count] = await t.db.read(`MATCH (n:Entity {id: $id}) RETURN count(n) AS n`, {
      id: input.id,
    });
    expect(count!.n).toBe(1);
  });

  it('records a statement with all its links in one call, exactly as the importer would', async () => {
    const result = await gql<{ recordStatement: Payload }>(STATEMENT, {
      input: statementInput(),
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordStatement).toMatchObject({
      outcome: 'CREATED',
      errors: [],
      node: {
        id: 'statement:test-lavrov-on-ceasefire',
        updatedBy: 'alice',
        speaker: { id: 'person:sergey-lavrov' },
        about: [{ stance: 'SUPPORTIVE', target: { id: 'topic:gaza-ceasefire' } }],
        topics: [{ id: 'topic:gaza-ceasefire' }, { id: 'topic:gaza-war' }],
        sources: [
          { quoteType: 'DIRECT_QUOTE', source: { id: 'source:tass-2024-07-28-lavrov-malaysia' } },
        ],
        figures: [{ value: 39324, unit: 'people killed', qualifier: 'EXACT' }],
        date: { text: '2024-07-28', precision: 'DAY' },
      },
    });
    // The importer sees the same record as already written: same props, links and hash.
    const report = await createImporter(t.db).importDataset(
      { format: FORMAT, statements: [statementInput()] },
      { by: 'test', dryRun: true },
    );
    expect(report).toMatchObject({ ok: true, counts: { statement: { unchanged: 1 } } });
    const exported = await exportDataset(t.db);
    expect(exported.statements.find((s) => s.id === 'statement:test-lavrov-on-ceasefire')).toEqual(
      expect.objectContaining({
        ...statementInput(),
        figures: [expect.objectContaining({ qualifier: 'EXACT' })],
      }),
    );
  });

  it('replaces the links of a statement recorded again, and reads them fresh in the same request', async () => {
    const result = await gql<{ a: Payload; b: Payload<{ name: string }>; c: Payload }>(
      /* GraphQL */ `
        mutation ($s1: StatementInput!, $p: PersonInput!, $s2: StatementInput!) {
          a: recordStatement(input: $s1) {
            node {
              speaker {
                name
              }
              about {
                stance
              }
            }
          }
          b: upsertPerson(input: $p) {
            node {
              name
            }
          }
          c: recordStatement(input: $s2) {
            node {
              speaker {
                name
              }
              about {
                stance
              }
            }
          }
        }
      `,
      {
        s1: statementInput({ speakers: ['person:test-maria-zakharova'] }),
        p: { id: 'person:test-maria-zakharova', name: 'Maria V. Zakharova' },
        s2: statementInput({
          speakers: ['person:test-maria-zakharova'],
          about: [{ target: 'topic:gaza-ceasefire', stance: 'MIXED' }],
        }),
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.node).toEqual({
      speaker: { name: 'Maria Zakharova' },
      about: [{ stance: 'SUPPORTIVE' }],
    });
    expect(result.data!.c.node).toEqual({
      speaker: { name: 'Maria V. Zakharova' },
      about: [{ stance: 'MIXED' }],
    });
    const [made] = await t.db.read(
      `MATCH (a)-[:MADE]->(:Statement {id: 'statement:test-lavrov-on-ceasefire'}) RETURN collect(a.id) AS speakers`,
    );
    expect(made!.speakers).toEqual(['person:test-maria-zakharova']);
  });

  it('reports every problem of an invalid input with its path, and writes nothing', async () => {
    const before = await graphCounts(t.db);
    const result = await gql<{ recordStatement: Payload }>(STATEMENT, {
      input: statementInput({
        id: 'statement:test-invalid',
        speakers: ['person:nobody-at-all'],
        date: '2024-02-30',
        confidence: 1.5,
        text: 'x'.repeat(10_001),
        about: [{ target: 'topic:no-such-topic', stance: 'CRITICAL' }],
        sources: [],
      }),
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.recordStatement;
    expect(payload.node).toBeNull();
    expect(payload.outcome).toBeNull();
    const paths = payload.errors.map((e) => `${e.code} ${e.path}`).sort();
    expect(paths).toEqual([
      'BAD_USER_INPUT input.confidence',
      'BAD_USER_INPUT input.date',
      'BAD_USER_INPUT input.sources',
      'BAD_USER_INPUT input.text',
    ]);
    // References are checked once the record itself is valid.
    const unknown = await gql<{ recordStatement: Payload }>(STATEMENT, {
      input: statementInput({
        id: 'statement:test-invalid',
        speakers: ['person:nobody-at-all'],
        about: [{ target: 'topic:no-such-topic', stance: 'CRITICAL' }],
      }),
    });
    expect(unknown.data!.recordStatement.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      // A topic it is about must be among its topics too.
      'BAD_USER_INPUT input.about[0].target',
      'NOT_FOUND input.speakers[0]',
      'NOT_FOUND input.about[0].target',
    ]);
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('validates URLs, ids, lengths and stance values', async () => {
    const source = await gql<{ upsertSource: Payload }>(
      /* GraphQL */ `
        mutation ($input: SourceInput!) {
          upsertSource(input: $input) {
            errors {
              code
              path
            }
          }
        }
      `,
      {
        input: {
          id: 'source:bad id',
          kind: 'ARTICLE',
          title: 'T',
          url: 'javascript:alert(1)',
          publishedDate: '2024-13',
        },
      },
    );
    expect(source.data!.upsertSource.errors.map((e) => e.path).sort()).toEqual([
      'input.id',
      'input.publishedDate',
      'input.url',
    ]);
    // A stance outside the enum is refused by GraphQL itself, before the mutation runs.
    const stance = await gql(STATEMENT, {
      input: statementInput({ about: [{ target: 'topic:gaza-war', stance: 'HOSTILE' }] }),
    });
    expect(stance.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(stance.errors![0]!.message).toContain('input.about[0].stance');
  });

  it("refuses a required field left out in GraphQL's words, before the mutation runs (README)", async () => {
    const post = editorPost(t.db);
    const id = 'statement:test-without-language';
    const withoutLanguage: Record<string, unknown> = statementInput({ id });
    delete withoutLanguage.language;
    // The problem names the field as our own refusals do, without the whole input GraphQL's message repeats.
    const required = { path: 'input.language', message: 'required' };
    for (const [input, accept, status, words, problem] of [
      [
        withoutLanguage,
        'application/json',
        200,
        'Field "language" of required type "String!" was not provided.',
        required,
      ],
      [
        withoutLanguage,
        'application/graphql-response+json',
        400,
        'Field "language" of required type "String!" was not provided.',
        required,
      ],
      [
        { ...withoutLanguage, language: null },
        'application/json',
        200,
        'got invalid value null at "input.language"; Expected non-nullable type "String!" not to be null.',
        { path: 'input.language', message: 'must be text, not null' },
      ],
    ] as const) {
      const response = await post(STATEMENT, { input }, accept);
      expect(response.status, accept).toBe(status);
      const body = (await response.json()) as GraphQLResponse<unknown>;
      expect(body.data, accept).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [problem] });
      expect(body.errors![0]!.message).toMatch(/^Variable "\$input" got invalid value /);
      expect(body.errors![0]!.message).toContain(words);
    }
    // Several coercion errors: one problem each, in GraphQL's order, nested paths as the import's.
    const several = await gql(STATEMENT, {
      input: {
        ...withoutLanguage,
        kind: 'QUOTE',
        confidence: 'high',
        sources: [{ source: 'source:x', quoteType: 'PARAPHRASE' }],
        colour: 'red',
      },
    });
    expect(several.data).toBeUndefined();
    expect(several.errors!.map((e) => e.extensions)).toEqual(
      [
        {
          path: 'input.kind',
          message: 'must be one of DIRECT_QUOTE, PARAPHRASE, REPORTED, not "QUOTE"',
        },
        { path: 'input.language', message: 'required' },
        { path: 'input.sources[0].role', message: 'required' },
        { path: 'input.confidence', message: 'must be a number, not "high"' },
        { path: 'input.colour', message: 'unknown field' },
      ].map((problem) => ({ code: 'BAD_USER_INPUT', problems: [problem] })),
    );
    const written = await gql<{ node: unknown }>(`{ node(id: "${id}") { id } }`);
    expect(written.data!.node).toBeNull();

    // A value the schema takes but the dataset's rules refuse reads as the import's, in the payload.
    const payload = await gql<{ recordStatement: Payload }>(STATEMENT, {
      input: statementInput({ id, text: '', confidence: 1.5 }),
    });
    expect(payload.errors).toBeUndefined();
    expect(payload.data!.recordStatement.outcome).toBeNull();
    expect(
      payload.data!.recordStatement.errors.map(({ path, message }) => ({ path, message })),
    ).toEqual([
      { path: 'input.text', message: 'must not be empty' },
      { path: 'input.confidence', message: 'must be at most 1, not 1.5' },
    ]);
    expect((await gql<{ node: unknown }>(`{ node(id: "${id}") { id } }`)).data!.node).toBeNull();
  });

  it('sets and deletes positions', async () => {
    const SET = /* GraphQL */ `
      mutation ($input: PositionInput!) {
        setPosition(input: $input) {
          outcome
          errors {
            code
            path
          }
          position {
            id
            title
            person {
              id
            }
            of {
              id
            }
            from {
              text
            }
            updatedBy
          }
        }
      }
    `;
    const input = {
      id: 'position:test-zakharova-spokeswoman',
      person: 'person:test-maria-zakharova',
      title: 'Spokeswoman of the Ministry of Foreign Affairs',
      of: 'country:RUS',
      from: '2015-08',
    };
    const set = await gql<{ setPosition: { position: unknown; outcome: string } }>(SET, { input });
    expect(set.data!.setPosition).toMatchObject({
      outcome: 'CREATED',
      position: {
        id: input.id,
        person: { id: input.person },
        of: { id: 'country:RUS' },
        from: { text: '2015-08' },
        updatedBy: 'alice',
      },
    });
    const wrong = await gql<{ setPosition: Payload }>(SET, {
      input: { ...input, from: '2020', to: '2019' },
    });
    expect(wrong.data!.setPosition.errors).toEqual([{ code: 'BAD_USER_INPUT', path: 'input.to' }]);
    const DEL = `mutation ($id: ID!) { deletePosition(id: $id) { deletedId outcome errors { code } } }`;
    expect((await gql(DEL, { id: input.id })).data).toEqual({
      deletePosition: { deletedId: input.id, outcome: 'DELETED', errors: [] },
    });
    expect((await gql(DEL, { id: input.id })).data).toEqual({
      deletePosition: { deletedId: null, outcome: null, errors: [{ code: 'NOT_FOUND' }] },
    });
  });

  it('refuses to delete a node that other records link to, and deletes one that none do', async () => {
    const refused = await gql<{ deleteNode: { errors: MutationError[] } }>(DELETE, {
      id: 'person:test-maria-zakharova',
    });
    expect(refused.data!.deleteNode.errors).toEqual([
      expect.objectContaining({
        code: 'CONFLICT',
        path: 'id',
        message: expect.stringContaining('statement:test-lavrov-on-ceasefire links to it (MADE)'),
      }),
    ]);
    const before = await graphCounts(t.db);
    // A statement owns its links: deleting it removes them and touches nothing else.
    const deleted = await gql(DELETE, { id: 'statement:test-lavrov-on-ceasefire' });
    expect(deleted.data).toEqual({
      deleteNode: {
        deletedId: 'statement:test-lavrov-on-ceasefire',
        outcome: 'DELETED',
        errors: [],
      },
    });
    const after = await graphCounts(t.db);
    expect(after['node:Statement']).toBe(before['node:Statement']! - 1);
    expect(after['rel:MADE']).toBe(before['rel:MADE']! - 1);
    expect(after['node:Person']).toBe(before['node:Person']);
    const person = await gql(DELETE, { id: 'person:test-maria-zakharova' });
    expect(person.data).toMatchObject({ deleteNode: { outcome: 'DELETED' } });
    const missing = await gql<{ deleteNode: { errors: MutationError[] } }>(DELETE, {
      id: 'person:test-maria-zakharova',
    });
    expect(missing.data!.deleteNode.errors[0]!.code).toBe('NOT_FOUND');
  });

  it('merges duplicates: links move to the kept node, names become aliases, nothing is lost', async () => {
    await gql(PERSON, {
      input: { id: 'person:test-lavrov-dup', name: 'S. Lavrov', aliases: ['Lavrov'] },
    });
    await gql(
      `mutation ($input: PositionInput!) { setPosition(input: $input) { errors { path } } }`,
      {
        input: {
          id: 'position:test-dup-post',
          person: 'person:test-lavrov-dup',
          title: 'Minister',
          of: 'country:RUS',
        },
      },
    );
    const said = await gql<{ recordStatement: Payload }>(STATEMENT, {
      input: statementInput({
        id: 'statement:test-dup-said',
        speakers: ['person:test-lavrov-dup'],
        about: [{ target: 'person:sergey-lavrov', stance: 'NEUTRAL' }],
        mentions: ['person:test-lavrov-dup'],
      }),
    });
    expect(said.data!.recordStatement.errors).toEqual([]);
    const [lavrov] = await t.db.read(
      `MATCH (n:Person {id: 'person:sergey-lavrov'}) RETURN n.createdAt AS createdAt, n.aliases AS aliases`,
    );
    const before = await graphCounts(t.db);

    const merged = await gql<{
      mergeEntities: Payload<{ name: string; aliases: string[]; createdAt: string }>;
    }>(MERGE, { keepId: 'person:sergey-lavrov', mergeIds: ['person:test-lavrov-dup'] });
    expect(merged.errors).toBeUndefined();
    expect(merged.data!.mergeEntities).toMatchObject({
      outcome: 'MERGED',
      errors: [],
      node: { id: 'person:sergey-lavrov', name: 'Sergey Lavrov', updatedBy: 'alice' },
    });
    const node = merged.data!.mergeEntities.node!;
    expect(node.aliases).toEqual(
      [...(lavrov!.aliases as string[]), 'S. Lavrov', 'Lavrov'].filter(
        (a, i, all) => all.indexOf(a) === i,
      ),
    );
    expect(node.createdAt).toBe(lavrov!.createdAt);

    const after = await graphCounts(t.db);
    // One node fewer; every relationship kept but the one that became a link to itself.
    expect(after['node:Person']).toBe(before['node:Person']! - 1);
    for (const rel of ['rel:MADE', 'rel:HOLDS_POSITION', 'rel:REPORTED_IN', 'rel:ON_TOPIC']) {
      expect(after[rel], rel).toBe(before[rel]);
    }
    const [moved] = await t.db.read(`
      MATCH (s:Statement {id: 'statement:test-dup-said'})
      RETURN [(a)-[:MADE]->(s) | a.id] AS speakers,
             [(s)-[:MENTIONS]->(x) | x.id] AS mentions,
             [(s)-[:ABOUT]->(x) | x.id] AS about,
             [(:Person {id: 'person:sergey-lavrov'})-[r:HOLDS_POSITION {id: 'position:test-dup-post'}]->() | r.id] AS posts,
             EXISTS { MATCH (d {id: 'person:test-lavrov-dup'}) } AS dupExists`);
    expect(moved).toEqual({
      speakers: ['person:sergey-lavrov'],
      mentions: ['person:sergey-lavrov'],
      about: ['person:sergey-lavrov'],
      posts: ['position:test-dup-post'],
      dupExists: false,
    });
    // The rewritten records are what the importer would write: their hashes are true.
    const exported = await exportDataset(t.db);
    const report = await createImporter(t.db).importDataset(exported, { by: 'test', dryRun: true });
    expect(report.ok).toBe(true);
    if (report.ok) {
      for (const counts of Object.values(report.counts)) {
        expect(counts.created + counts.updated).toBe(0);
      }
    }
  });

  it('merges duplicate statements: sources and topics united, statements relaying the duplicate moved', async () => {
    const base = {
      speakers: ['person:sergey-lavrov'],
      about: [{ target: 'topic:gaza-ceasefire', stance: 'SUPPORTIVE' }],
    };
    for (const input of [
      statementInput({
        ...base,
        id: 'statement:test-keep',
        topics: ['topic:gaza-ceasefire', 'topic:gaza-war'],
      }),
      statementInput({
        ...base,
        id: 'statement:test-copy',
        topics: ['topic:gaza-ceasefire', 'topic:regional-escalation'],
        sources: [
          {
            source: 'source:palestine-chronicle-2024-07-28',
            role: 'READ',
            quoteType: 'PARAPHRASE',
          },
        ],
        note: 'Recorded twice by mistake',
      }),
      statementInput({
        id: 'statement:test-relaying',
        speakers: ['org:tass'],
        relays: ['statement:test-copy'],
        about: [],
        topics: [],
      }),
    ]) {
      expect(
        (await gql<{ recordStatement: Payload }>(STATEMENT, { input })).data!.recordStatement
          .errors,
      ).toEqual([]);
    }
    const merged = await gql<{ mergeEntities: Payload }>(MERGE, {
      keepId: 'statement:test-keep',
      mergeIds: ['statement:test-copy'],
    });
    expect(merged.data!.mergeEntities).toMatchObject({ outcome: 'MERGED', errors: [] });
    const exported = await exportDataset(t.db);
    const kept = exported.statements.find((s) => s.id === 'statement:test-keep')!;
    expect(kept.topics).toEqual([
      'topic:gaza-ceasefire',
      'topic:gaza-war',
      'topic:regional-escalation',
    ]);
    // The kept statement's sources first, then the merged one's (both read).
    expect(kept.sources.map((s) => [s.source, s.role])).toEqual([
      ['source:tass-2024-07-28-lavrov-malaysia', 'READ'],
      ['source:palestine-chronicle-2024-07-28', 'READ'],
    ]);
    expect(kept.note).toBe('Recorded twice by mistake');
    expect(exported.statements.find((s) => s.id === 'statement:test-relaying')!.relays).toEqual([
      'statement:test-keep',
    ]);
    expect(exported.statements.some((s) => s.id === 'statement:test-copy')).toBe(false);
    // Statements said by different speakers are not duplicates.
    await gql(STATEMENT, {
      input: statementInput({
        ...base,
        id: 'statement:test-other',
        speakers: ['person:benjamin-netanyahu'],
      }),
    });
    const refused = await gql<{ mergeEntities: Payload }>(MERGE, {
      keepId: 'statement:test-keep',
      mergeIds: ['statement:test-other'],
    });
    expect(refused.data!.mergeEntities.errors).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('speaker') }),
    ]);
  });

  it('refuses a merge that would drop a fact, and a merge across kinds', async () => {
    await gql(
      `mutation { a: upsertPlace(input: { id: "place:test-a", name: "Rafah", kind: CITY, country: "country:PSE" }) { errors { path } }
                  b: upsertPlace(input: { id: "place:test-b", name: "Rafah", kind: CITY, country: "country:EGY" }) { errors { path } } }`,
    );
    const conflict = await gql<{ mergeEntities: Payload }>(MERGE, {
      keepId: 'place:test-a',
      mergeIds: ['place:test-b'],
    });
    expect(conflict.data!.mergeEntities.errors).toEqual([
      expect.objectContaining({ code: 'CONFLICT', message: expect.stringContaining('country') }),
    ]);
    const kinds = await gql<{ mergeEntities: Payload }>(MERGE, {
      keepId: 'place:test-a',
      mergeIds: ['country:EGY', 'place:test-a', 'place:none'],
    });
    expect(kinds.data!.mergeEntities.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      'BAD_USER_INPUT mergeIds[1]',
    ]);
    const missing = await gql<{ mergeEntities: Payload }>(MERGE, {
      keepId: 'place:test-a',
      mergeIds: ['country:EGY', 'place:none'],
    });
    expect(missing.data!.mergeEntities.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      'BAD_USER_INPUT mergeIds[0]',
      'NOT_FOUND mergeIds[1]',
    ]);
    const [places] = await t.db.read(
      `MATCH (p:Place) WHERE p.id IN ['place:test-a', 'place:test-b'] RETURN count(p) AS n`,
    );
    expect(places!.n).toBe(2);
  });
});
