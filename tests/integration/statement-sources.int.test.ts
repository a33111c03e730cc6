import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/export/exporter.js';
import { createImporter, type ImportReport } from '../../src/import/importer.js';
import { migrate } from '../../src/db/migrations.js';
import { FORMAT, FORMAT_V1 } from '../../src/records/dataset.js';
import { createTestApp, type GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, readSeed, SEED_FILE } from '../helpers/seed.js';

/**
 * Issue 14, point 7: which source was read and which are upstream, in order; the
 * publisher as one link. Through import (JSON and JSON Lines, versions 1 and 2)
 * and through GraphQL, on the seed and on records written for these tests.
 */

const EDITOR = 'editor-token-0123456789abcdef';
const CHRONICLE = 'source:palestine-chronicle-2024-07-28';
const TASS = 'source:tass-2024-07-28-lavrov-malaysia';
const AL_JAZEERA = 'source:al-jazeera-2024-06-abu-marzouk-interview';
const INTERVIEW_STATEMENT = 'statement:abu-marzouk-2024-06-russia-role-if-war-expands';

type Gql = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<GraphQLResponse<T>>;

interface SourceLink {
  role: string;
  quoteType: string;
  source: { id: string };
}

const SOURCES_OF = `query ($id: ID!) { node(id: $id) { ... on Statement { sources { role quoteType source { id } } } } }`;

/** A version 1 statement of Lavrov's reported in `sources` (no roles: v1 had none). */
const v1Statement = (id: string, sources: string[]) => ({
  id,
  speaker: 'person:sergey-lavrov',
  text: `A version 1 record (${id}).`,
  kind: 'PARAPHRASE',
  language: 'en',
  date: '2024-07-28',
  sources: sources.map((source) => ({ source, quoteType: 'PARAPHRASE' })),
  confidence: 0.5,
  verification: 'UNVERIFIED',
});
const v2Statement = (id: string, sources: Array<[string, string]>) => {
  const { speaker, ...rest } = v1Statement(
    id,
    sources.map(([s]) => s),
  );
  return {
    ...rest,
    speakers: [speaker],
    sources: sources.map(([source, role]) => ({ source, role, quoteType: 'PARAPHRASE' })),
  };
};
const source = (id: string, cites: string[] = [], extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'ARTICLE',
  title: id,
  cites,
  ...extra,
});

describe('statement sources: read and upstream, in order; the publisher as one link', () => {
  let t: TestDatabase;
  let gql: Gql;
  const importer = () => createImporter(t.db);
  const problems = (report: ImportReport) =>
    report.ok ? [] : report.problems.map((p) => `${p.path}: ${p.message}`);
  const sourcesOf = async (id: string) => {
    const result = await gql<{ node: { sources: SourceLink[] } | null }>(SOURCES_OF, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.node!.sources.map((x) => [x.source.id, x.role]);
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    gql = createTestApp(t.db, { editorToken: EDITOR }).gql;
  });
  beforeEach(async () => {
    await t.clear();
    expect((await importer().seedIfEmpty(SEED_FILE))?.ok).toBe(true);
  });
  afterAll(() => t.close());

  it('gives each of the seed’s statement sources its role, the source read first', async () => {
    expect(await sourcesOf('statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed')).toEqual(
      [
        [CHRONICLE, 'READ'],
        [TASS, 'UPSTREAM'],
      ],
    );
    // Sorted by id it came back upstream first; the dataset's order is kept now.
    expect(await sourcesOf(INTERVIEW_STATEMENT)).toEqual([
      [CHRONICLE, 'READ'],
      [AL_JAZEERA, 'UPSTREAM'],
    ]);
    const seed = readSeed();
    const exported = await exportDataset(t.db);
    for (const s of seed.statements)
      expect(exported.statements.find((e) => e.id === s.id)!.sources).toEqual(s.sources);
  });

  it('keeps two outlets that each carried a statement as two READ sources, in the given order', async () => {
    const report = await importer().importDataset(
      {
        format: FORMAT,
        sources: [source('source:test-post'), source('source:test-daily')],
        statements: [
          v2Statement('statement:test-two-outlets', [
            ['source:test-post', 'READ'],
            ['source:test-daily', 'READ'],
          ]),
        ],
      },
      { by: 'test' },
    );
    expect(problems(report)).toEqual([]);
    expect(await sourcesOf('statement:test-two-outlets')).toEqual([
      ['source:test-post', 'READ'],
      ['source:test-daily', 'READ'],
    ]);
    const route = await gql<{ node: { route: SourceLink[] } }>(
      `{ node(id: "statement:test-two-outlets") { ... on Statement { route { role source { id } } } } }`,
    );
    expect(route.data!.node.route.map((x) => x.role)).toEqual(['READ', 'READ']);
  });

  it('converts a version 1 file: a source cited by another of the statement’s sources is UPSTREAM, nearest first', async () => {
    const report = await importer().importDataset(
      {
        format: FORMAT_V1,
        sources: [
          source('source:test-wire-origin'),
          source('source:test-wire-relay', ['source:test-wire-origin']),
          source('source:test-article', ['source:test-wire-relay']),
          source('source:test-other-outlet'),
        ],
        statements: [
          // Listed origin first, as v1 files (sets sorted by id) often had them.
          v1Statement('statement:test-v1-chain', [
            'source:test-wire-origin',
            'source:test-wire-relay',
            'source:test-article',
            'source:test-other-outlet',
          ]),
          // The seed's article and TASS: the citation is in the graph, not the file.
          v1Statement('statement:test-v1-graph', [TASS, CHRONICLE]),
        ],
      },
      { by: 'test' },
    );
    expect(problems(report)).toEqual([]);
    expect(await sourcesOf('statement:test-v1-chain')).toEqual([
      ['source:test-article', 'READ'],
      ['source:test-other-outlet', 'READ'],
      ['source:test-wire-relay', 'UPSTREAM'],
      ['source:test-wire-origin', 'UPSTREAM'],
    ]);
    expect(await sourcesOf('statement:test-v1-graph')).toEqual([
      [CHRONICLE, 'READ'],
      [TASS, 'UPSTREAM'],
    ]);
    // Exported as version 2, it imports unchanged.
    const exported = await exportDataset(t.db);
    expect(exported.format).toBe(FORMAT);
    const again = await importer().importDataset(exported, { by: 'test', dryRun: true });
    expect(again.ok && Object.values(again.counts).every((c) => c.created + c.updated === 0)).toBe(
      true,
    );
  });

  it('converts a version 1 JSON Lines file the same way, the citations anywhere in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sources-'));
    try {
      const file = join(dir, 'v1.jsonl');
      const lines = [
        { format: FORMAT_V1 },
        // The statement comes before the sources it is reported in.
        {
          type: 'statement',
          ...v1Statement('statement:test-jsonl', ['source:test-jl-wire', 'source:test-jl-article']),
        },
        { type: 'source', ...source('source:test-jl-wire', [], { publisher: 'Test JL Wire' }) },
        {
          type: 'source',
          ...source('source:test-jl-article', ['source:test-jl-wire'], {
            publisher: 'Palestine Chronicle',
          }),
        },
      ];
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
      const report = await importer().importFile(file, { by: 'test', batchSize: 2 });
      expect(problems(report)).toEqual([]);
      expect(report.ok && report.counts.organization.created).toBe(1);
      expect(await sourcesOf('statement:test-jsonl')).toEqual([
        ['source:test-jl-article', 'READ'],
        ['source:test-jl-wire', 'UPSTREAM'],
      ]);
      const publishers = await gql<
        Record<string, { publisher: string; publishedBy: { id: string } }>
      >(`{
        wire: node(id: "source:test-jl-wire") { ... on Source { publisher publishedBy { id } } }
        article: node(id: "source:test-jl-article") { ... on Source { publisher publishedBy { id } } }
      }`);
      expect(publishers.data).toEqual({
        wire: { publisher: 'Test JL Wire', publishedBy: { id: 'org:test-jl-wire' } },
        article: {
          publisher: 'Palestine Chronicle',
          publishedBy: { id: 'org:palestine-chronicle' },
        },
      });
      // Again: nothing changes (the created organisation is found by its name now).
      const again = await importer().importFile(file, { by: 'test' });
      expect(
        again.ok && Object.values(again.counts).every((c) => c.created + c.updated === 0),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an UPSTREAM source no READ source reaches through cites, at its path, in import and mutation', async () => {
    const before = await graphCounts(t.db);
    const refused = await importer().importDataset(
      {
        format: FORMAT,
        statements: [
          v2Statement('statement:test-unreached', [
            [TASS, 'READ'],
            [CHRONICLE, 'UPSTREAM'],
          ]),
          v2Statement('statement:test-no-read', [[CHRONICLE, 'UPSTREAM']]),
          v2Statement('statement:test-read-last', [
            [TASS, 'UPSTREAM'],
            [CHRONICLE, 'READ'],
          ]),
        ],
      },
      { by: 'test' },
    );
    expect(problems(refused)).toEqual([
      'statements[1].sources: needs at least one source with role READ (the one read)',
      'statements[2].sources[1].role: READ sources come first, then the UPSTREAM sources they rely on',
    ]);
    // With the order right, the rule across records speaks.
    const unreached = await importer().importDataset(
      {
        format: FORMAT,
        statements: [
          v2Statement('statement:test-unreached', [
            [TASS, 'READ'],
            [CHRONICLE, 'UPSTREAM'],
          ]),
        ],
      },
      { by: 'test' },
    );
    expect(problems(unreached)).toEqual([
      `statements[0].sources[1].role: UPSTREAM ${CHRONICLE} is not reached through cites from a READ source (${TASS})`,
    ]);
    expect(await graphCounts(t.db)).toEqual(before);

    const record = `mutation ($input: StatementInput!) { recordStatement(input: $input) {
      outcome errors { code path } node { sources { role source { id } } } } }`;
    const wrong = await gql<{ recordStatement: { errors: Array<{ code: string; path: string }> } }>(
      record,
      {
        input: v2Statement('statement:test-mutation', [
          [TASS, 'READ'],
          [AL_JAZEERA, 'UPSTREAM'],
        ]),
      },
    );
    expect(wrong.errors).toBeUndefined();
    expect(wrong.data!.recordStatement.errors).toEqual([
      { code: 'BAD_USER_INPUT', path: 'input.sources[1].role' },
    ]);
    const right = await gql<{
      recordStatement: {
        outcome: string;
        node: { sources: SourceLink[] };
      };
    }>(record, {
      input: v2Statement('statement:test-mutation', [
        [CHRONICLE, 'READ'],
        [AL_JAZEERA, 'UPSTREAM'],
      ]),
    });
    expect(right.errors).toBeUndefined();
    expect(right.data!.recordStatement.outcome).toBe('CREATED');
    expect(right.data!.recordStatement.node.sources.map((x) => [x.source.id, x.role])).toEqual([
      [CHRONICLE, 'READ'],
      [AL_JAZEERA, 'UPSTREAM'],
    ]);
    const noRole = await gql(record, {
      input: {
        ...v1Statement('statement:test-no-role', [CHRONICLE]),
        speaker: undefined,
        speakers: ['person:sergey-lavrov'],
      },
    });
    expect(noRole.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a source’s new citations that no longer reach what its statements rely on', async () => {
    const seed = readSeed();
    const chronicle = seed.sources.find((s) => s.id === CHRONICLE)!;
    const dropped = { ...chronicle, cites: chronicle.cites.filter((id) => id !== TASS) };
    const report = await importer().importDataset(
      { format: FORMAT, sources: [dropped] },
      { by: 'test' },
    );
    expect(problems(report)).toHaveLength(1);
    expect(problems(report)[0]).toMatch(
      new RegExp(
        `^sources\\[0\\]\\.cites: statement:\\S+ \\(and \\d+ more\\) reads it and relies on ${TASS}, which its citations would no longer reach$`,
      ),
    );
    const mutation = await gql<{ upsertSource: { errors: Array<{ code: string; path: string }> } }>(
      `mutation ($input: SourceInput!) { upsertSource(input: $input) { errors { code path } } }`,
      {
        input: {
          id: CHRONICLE,
          kind: 'ARTICLE',
          title: chronicle.title,
          publishedBy: chronicle.publishedBy,
          cites: dropped.cites,
        },
      },
    );
    expect(mutation.data!.upsertSource.errors).toEqual([
      { code: 'BAD_USER_INPUT', path: 'input.cites' },
    ]);
  });

  it('derives Source.publisher from the linked organisation, so the two cannot drift', async () => {
    const query = `{ node(id: "${TASS}") { ... on Source { publisher publishedBy { id name } } } }`;
    expect((await gql(query)).data).toEqual({
      node: { publisher: 'TASS', publishedBy: { id: 'org:tass', name: 'TASS' } },
    });
    const renamed = await gql<{ upsertOrganization: { errors: unknown[] } }>(
      `mutation { upsertOrganization(input: { id: "org:tass", name: "Russian News Agency TASS", kind: "media outlet" }) { errors { path } } }`,
    );
    expect(renamed.data!.upsertOrganization.errors).toEqual([]);
    expect((await gql(query)).data).toEqual({
      node: {
        publisher: 'Russian News Agency TASS',
        publishedBy: { id: 'org:tass', name: 'Russian News Agency TASS' },
      },
    });
    // A name is no longer accepted beside the link.
    const named = await gql(
      `mutation { upsertSource(input: { id: "${TASS}", kind: WIRE_REPORT, title: "t", publisher: "TASS" }) { errors { path } } }`,
    );
    expect(named.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('converts version 1 publisher names: the link kept (a warning where the name disagrees), a named organisation found, else one created', async () => {
    const report = await importer().importDataset(
      {
        format: FORMAT_V1,
        organizations: [
          { id: 'org:test-file-outlet', name: 'Test File Outlet', kind: 'media outlet' },
        ],
        sources: [
          source('source:test-agree', [], { publisher: 'tass', publishedBy: 'org:tass' }),
          source('source:test-disagree', [], {
            publisher: 'Reuters',
            publishedBy: 'org:tass',
          }),
          // An alias of an organisation in the graph.
          source('source:test-alias', [], { publisher: 'al-Jazeera' }),
          source('source:test-in-file', [], { publisher: 'Test File Outlet' }),
          source('source:test-new-1', [], { publisher: 'Gazette of Nowhere' }),
          source('source:test-new-2', [], { publisher: 'gazette of nowhere' }),
        ],
      },
      { by: 'test' },
    );
    expect(problems(report)).toEqual([]);
    expect(report.ok && report.warnings).toEqual([
      {
        path: 'sources[1].publisher',
        message:
          '"Reuters" is not a name of org:tass ("TASS"), which publishedBy links: the link is kept',
      },
    ]);
    expect(report.ok && report.counts.organization).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const result = await gql<Record<string, { publishedBy: { id: string; kind: string } }>>(`{
      agree: node(id: "source:test-agree") { ... on Source { publishedBy { id kind } } }
      disagree: node(id: "source:test-disagree") { ... on Source { publishedBy { id kind } } }
      alias: node(id: "source:test-alias") { ... on Source { publishedBy { id kind } } }
      inFile: node(id: "source:test-in-file") { ... on Source { publishedBy { id kind } } }
      new1: node(id: "source:test-new-1") { ... on Source { publisher publishedBy { id kind } } }
      new2: node(id: "source:test-new-2") { ... on Source { publishedBy { id kind } } }
    }`);
    expect(result.data).toEqual({
      agree: { publishedBy: { id: 'org:tass', kind: 'media outlet' } },
      disagree: { publishedBy: { id: 'org:tass', kind: 'media outlet' } },
      alias: { publishedBy: { id: 'org:al-jazeera', kind: 'media outlet' } },
      inFile: { publishedBy: { id: 'org:test-file-outlet', kind: 'media outlet' } },
      new1: {
        publisher: 'Gazette of Nowhere',
        publishedBy: { id: 'org:gazette-of-nowhere', kind: 'publisher' },
      },
      new2: { publishedBy: { id: 'org:gazette-of-nowhere', kind: 'publisher' } },
    });
  });

  it('refuses a version 1 publisher name that names several organisations, and a version 2 publisher name', async () => {
    const before = await graphCounts(t.db);
    const ambiguous = await importer().importDataset(
      {
        format: FORMAT_V1,
        organizations: [
          { id: 'org:test-herald-a', name: 'The Herald', kind: 'media outlet' },
          { id: 'org:test-herald-b', name: 'The Herald', kind: 'media outlet' },
        ],
        sources: [source('source:test-herald', [], { publisher: 'The Herald' })],
      },
      { by: 'test' },
    );
    expect(problems(ambiguous)).toEqual([
      'sources[0].publisher: "The Herald" names several organisations (org:test-herald-a, org:test-herald-b): give publishedBy',
    ]);
    const v2 = await importer().importDataset(
      { format: FORMAT, sources: [source('source:test-v2', [], { publisher: 'TASS' })] },
      { by: 'test' },
    );
    expect(problems(v2)).toEqual([
      'sources[0].publisher: unknown field: format 2 names the publisher by its organisation only (publishedBy); version 1 files convert',
    ]);
    expect(await graphCounts(t.db)).toEqual(before);
  });

  it('converts a graph written by the first format 2 when it migrates', async () => {
    // As that version stored them: no roles or order, a publisher name (with or without a link).
    await t.db.write(`MATCH (:Statement)-[r:REPORTED_IN]->() REMOVE r.role, r.order`);
    await t.db.write(
      `MATCH (s:Source {id: $id})-[p:PUBLISHED_BY]->() DELETE p SET s.publisher = 'TASS'`,
      { id: TASS },
    );
    await t.db.write(`MATCH (s:Source {id: $id}) SET s.publisher = 'Palestine Chronicle'`, {
      id: CHRONICLE,
    });
    await t.db.write(
      `CREATE (:Source:Entity {id: 'source:test-legacy', kind: 'OTHER', title: 'Legacy', publisher: 'Legacy Gazette'})`,
    );
    await migrate(t.db);
    expect(await sourcesOf(INTERVIEW_STATEMENT)).toEqual([
      [CHRONICLE, 'READ'],
      [AL_JAZEERA, 'UPSTREAM'],
    ]);
    const result = await gql(`{
      tass: node(id: "${TASS}") { ... on Source { publisher publishedBy { id } } }
      legacy: node(id: "source:test-legacy") { ... on Source { publisher publishedBy { id kind } } }
    }`);
    expect(result.data).toEqual({
      tass: { publisher: 'TASS', publishedBy: { id: 'org:tass' } },
      legacy: {
        publisher: 'Legacy Gazette',
        publishedBy: { id: 'org:legacy-gazette', kind: 'publisher' },
      },
    });
    const left = await t.db.read(
      `MATCH (s:Source) WHERE s.publisher IS NOT NULL RETURN count(s) AS n
       UNION ALL MATCH ()-[r:REPORTED_IN]->() WHERE r.role IS NULL RETURN count(r) AS n`,
    );
    expect(left.map((row) => Number(row.n))).toEqual([0, 0]);
    // The seed now reads back exactly as its file says.
    const again = await importer().importFile(SEED_FILE, { by: 'test', dryRun: true });
    expect(again.ok && Object.values(again.counts).every((c) => c.created + c.updated === 0)).toBe(
      true,
    );
  });
});
