import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/export/exporter.js';
import { createImporter } from '../../src/import/importer.js';
import { FORMAT } from '../../src/records/dataset.js';
import { createTestApp, type GraphQLResponse } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { graphCounts, SEED_FILE } from '../helpers/seed.js';

/**
 * Format 2 (issue 14): joint statements, speaking for a state, the post spoken
 * in, occasions within occasions, quotes inside a paraphrase, and the rules
 * across records, through import and through GraphQL. Two articles written for
 * the tests (tests/fixtures/two-articles.json) import on top of the seed.
 */

const EDITOR = 'editor-token-0123456789abcdef';
const TWO_ARTICLES = 'tests/fixtures/two-articles.json';
const readJson = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

const QAT = 'country:QAT';
const EGY = 'country:EGY';
const CEASEFIRE = 'topic:gaza-ceasefire';
const JOINT = 'statement:test-qatar-egypt-2024-09-19-joint-ceasefire-call';
const PROGRESS = 'statement:test-premier-2024-09-13-some-progress';
const MEDIATING = 'statement:test-premier-2024-09-13-keep-mediating';
const FM = 'position:test-premier-foreign-minister-qatar';
const PM = 'position:test-premier-prime-minister-qatar';

/** Questions the seed answers; importing the two articles must not change their answers. */
const SEED_QUESTIONS = `{
  lavrov: statements(first: 100, filter: { speakerIds: ["person:sergey-lavrov"] }) { totalCount edges { node { id } } }
  israel: statements(first: 100, filter: { speakerIds: ["country:ISR"], includeRepresentatives: true }) { totalCount edges { node { id } } }
  aboutIsrael: statements(first: 100, filter: { aboutIds: ["country:ISR"] }) { totalCount }
  timeline(actorId: "person:sergey-lavrov", granularity: DAY) { totalCount buckets { period count } shifts { target { __typename } from to } }
  stanceNetwork(speakerIds: ["person:sergey-lavrov", "person:mousa-abu-marzouk"]) { totalCount edges { speaker { id } target { __typename } count stances { supportive critical } } }
  article: node(id: "source:palestine-chronicle-2024-07-28") { ... on Source { statements(first: 1) { totalCount } } }
}`;

describe('statement-graph/2 over the seed and two more articles', () => {
  let t: TestDatabase;
  let gql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResponse<T>>;
  let seedAnswers: unknown;

  beforeAll(async () => {
    t = await openTestDatabase();
    expect((await createImporter(t.db).seedIfEmpty(SEED_FILE))?.ok).toBe(true);
    gql = createTestApp(t.db, { editorToken: EDITOR }).gql;
    const before = await gql(SEED_QUESTIONS);
    expect(before.errors).toBeUndefined();
    seedAnswers = before.data;
    const report = await createImporter(t.db).importFile(TWO_ARTICLES, { by: 'test' });
    expect(report).toMatchObject({ ok: true });
  });
  afterAll(() => t.close());

  it('leaves the seed’s own answers unchanged, and re-imports as unchanged', async () => {
    expect((await gql(SEED_QUESTIONS)).data).toEqual(seedAnswers);
    const again = await createImporter(t.db).importFile(TWO_ARTICLES, { by: 'test' });
    expect(again.ok && Object.values(again.counts).every((c) => c.created + c.updated === 0)).toBe(
      true,
    );
  });

  it('counts a joint statement once, and for each of its speakers', async () => {
    const result = await gql<
      Record<string, { totalCount: number; edges: Array<{ node: { id: string } }> }>
    >(`{
      both: statements(filter: { speakerIds: ["${QAT}", "${EGY}"] }) { totalCount edges { node { id } } }
      qatar: statements(filter: { speakerIds: ["${QAT}"] }) { totalCount edges { node { id } } }
      egypt: statements(filter: { speakerIds: ["${EGY}"] }) { totalCount edges { node { id } } }
    }`);
    expect(result.errors).toBeUndefined();
    const ids = (k: string) => result.data![k]!.edges.map((e) => e.node.id);
    expect(ids('both')).toEqual([JOINT]);
    expect(result.data!.both!.totalCount).toBe(1);
    expect(ids('qatar')).toEqual([JOINT]);
    expect(ids('egypt')).toEqual([JOINT]);

    const joint = await gql<{ node: { speaker: { id: string }; speakers: Array<{ id: string }> } }>(
      `{ node(id: "${JOINT}") { ... on Statement { speaker { id } speakers { id } } } }`,
    );
    expect(joint.data!.node).toEqual({
      speaker: { id: QAT },
      speakers: [{ id: QAT }, { id: EGY }],
    });

    // Each outlet carries the one statement once.
    const carried = await gql<Record<string, { statements: { totalCount: number } }>>(`{
      daily: node(id: "source:test-daily-2024-09-20-joint-statement") { ... on Source { statements { totalCount } } }
      post: node(id: "source:test-evening-post-2024-09-20-joint-statement") { ... on Source { statements { totalCount } } }
    }`);
    expect(carried.data!.daily!.statements.totalCount).toBe(1);
    expect(carried.data!.post!.statements.totalCount).toBe(1);

    const network = await gql<{
      stanceNetwork: {
        totalCount: number;
        edges: Array<{ speaker: { id: string }; count: number }>;
      };
    }>(`{ stanceNetwork(speakerIds: ["${QAT}", "${EGY}"], targetIds: ["${CEASEFIRE}"]) {
      totalCount edges { speaker { id } count } } }`);
    expect(network.data!.stanceNetwork.edges).toEqual([
      { speaker: { id: EGY }, count: 1 },
      { speaker: { id: QAT }, count: 1 },
    ]);
  });

  it('answers “Qatar’s statements about the ceasefire over time” in one timeline call, saying through whom', async () => {
    const query = `query ($include: Boolean) {
      timeline(actorId: "${QAT}", topicId: "${CEASEFIRE}", granularity: DAY, includeRepresentatives: $include) {
        totalCount
        buckets { period count statements { id representing { actor { id } through { id } basis post { id title } } } }
      }
    }`;
    const own = await gql<{ timeline: { totalCount: number } }>(query, { include: false });
    expect(own.data!.timeline.totalCount).toBe(1);
    const all = await gql<{
      timeline: {
        totalCount: number;
        buckets: Array<{
          period: string;
          statements: Array<{ id: string; representing: unknown[] }>;
        }>;
      };
    }>(query, { include: true });
    expect(all.errors).toBeUndefined();
    expect(all.data!.timeline.totalCount).toBe(3);
    expect(
      all.data!.timeline.buckets.map((b) => [b.period, b.statements.map((s) => s.id)]),
    ).toEqual([
      ['2024-09-13', [MEDIATING, PROGRESS]],
      ['2024-09-19', [JOINT]],
    ]);
    const progress = all.data!.timeline.buckets[0]!.statements[1]!;
    expect(progress.representing).toEqual([
      {
        actor: { id: QAT },
        through: { id: 'person:test-premier' },
        basis: 'POST',
        post: { id: FM, title: 'Minister of Foreign Affairs' },
      },
    ]);
    // The joint statement is Qatar's own: it represents no one else.
    expect(all.data!.timeline.buckets[1]!.statements[0]!.representing).toEqual([]);

    const filtered = await gql<{ statements: { totalCount: number } }>(`{
      statements(filter: { speakerIds: ["${QAT}"], includeRepresentatives: true, topicIds: ["${CEASEFIRE}"] }) { totalCount } }`);
    expect(filtered.data!.statements.totalCount).toBe(3);

    const network = await gql<{
      stanceNetwork: {
        edges: Array<{
          speaker: { id: string };
          count: number;
          stances: { neutral: number; supportive: number };
        }>;
      };
    }>(`{ stanceNetwork(speakerIds: ["${QAT}", "${EGY}"], targetIds: ["${CEASEFIRE}"], includeRepresentatives: true) {
      edges { speaker { id } count stances { neutral supportive } } } }`);
    expect(network.errors).toBeUndefined();
    expect(network.data!.stanceNetwork.edges).toEqual([
      { speaker: { id: QAT }, count: 3, stances: { neutral: 1, supportive: 2 } },
      { speaker: { id: EGY }, count: 1, stances: { neutral: 0, supportive: 1 } },
    ]);

    const alone = await gql(`{ stanceNetwork(includeRepresentatives: true) { totalCount } }`);
    expect(alone.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('says in which of two posts held at once a statement was made', async () => {
    const result = await gql<
      Record<string, { post: { id: string } | null; speakingAs: Array<{ id: string }> }>
    >(`{
      progress: node(id: "${PROGRESS}") { ... on Statement { post { id } speakingAs { id } } }
      mediating: node(id: "${MEDIATING}") { ... on Statement { post { id } speakingAs { id } } }
    }`);
    expect(result.data!.progress).toEqual({ post: { id: FM }, speakingAs: [{ id: FM }] });
    expect(result.data!.mediating).toEqual({ post: { id: PM }, speakingAs: [{ id: PM }] });
  });

  it('has Israel speak through Netanyahu in the seed, counted for Israel on request', async () => {
    const result = await gql<{
      node: {
        speakers: Array<{ id: string }>;
        onBehalfOf: { id: string };
        post: { title: string };
        representing: Array<{ actor: { id: string }; through: { id: string }; basis: string }>;
      };
    }>(`{ node(id: "statement:israel-will-not-stop-until-hamas-eliminated") { ... on Statement {
      speakers { id } onBehalfOf { id } post { title } representing { actor { id } through { id } basis } } } }`);
    expect(result.data!.node).toEqual({
      speakers: [{ id: 'person:benjamin-netanyahu' }],
      onBehalfOf: { id: 'country:ISR' },
      post: { title: 'Prime Minister' },
      representing: [
        {
          actor: { id: 'country:ISR' },
          through: { id: 'person:benjamin-netanyahu' },
          basis: 'ON_BEHALF_OF',
        },
        {
          actor: { id: 'country:ISR' },
          through: { id: 'person:benjamin-netanyahu' },
          basis: 'POST',
        },
      ],
    });
    const israel = await gql<Record<string, { edges: Array<{ node: { id: string } }> }>>(`{
      own: statements(first: 100, filter: { speakerIds: ["country:ISR"] }) { edges { node { id } } }
      all: statements(first: 100, filter: { speakerIds: ["country:ISR"], includeRepresentatives: true }) { edges { node { id } } }
    }`);
    const ids = (k: string) => israel.data![k]!.edges.map((e) => e.node.id);
    expect(ids('own')).not.toContain('statement:israel-will-not-stop-until-hamas-eliminated');
    expect(ids('all')).toContain('statement:israel-will-not-stop-until-hamas-eliminated');
    expect(ids('all')).toEqual(expect.arrayContaining(ids('own')));
  });

  it('nests occasions, with a conference kind and an excluded party', async () => {
    const result = await gql<Record<string, unknown>>(`{
      panel: node(id: "meeting:test-security-conference-2024-mediation-panel") { ... on Meeting { partOf { id kind } } }
      conference: node(id: "meeting:test-security-conference-2024") { ... on Meeting { kind parts { id } } }
      remarks: node(id: "meeting:lavrov-remarks-to-reporters-malaysia-2024-07-28") { ... on Meeting { partOf { id } } }
      talks: node(id: "meeting:egypt-qatar-meetings-with-us-and-israel-2024-07") { ... on Meeting { participants { actor { id } role } } }
    }`);
    expect(result.data).toMatchObject({
      panel: { partOf: { id: 'meeting:test-security-conference-2024', kind: 'CONFERENCE' } },
      conference: {
        kind: 'CONFERENCE',
        parts: [{ id: 'meeting:test-security-conference-2024-mediation-panel' }],
      },
      remarks: { partOf: { id: 'meeting:lavrov-visit-malaysia-2024-07' } },
    });
    expect((result.data!.talks as { participants: unknown[] }).participants).toContainEqual({
      actor: { id: 'country:PSE' },
      role: 'excluded',
    });
  });

  it('keeps quoted fragments of a paraphrase and the approximate-wording flag', async () => {
    const result = await gql<
      Record<string, { kind: string; quotes: string[]; approximate: boolean }>
    >(`{
      progress: node(id: "${PROGRESS}") { ... on Statement { kind quotes approximate } }
      mediating: node(id: "${MEDIATING}") { ... on Statement { kind quotes approximate } }
    }`);
    expect(result.data!.progress).toEqual({
      kind: 'PARAPHRASE',
      quotes: ['some progress'],
      approximate: false,
    });
    expect(result.data!.mediating).toEqual({ kind: 'DIRECT_QUOTE', quotes: [], approximate: true });
  });

  it('no longer holds a post with no known start date on every date', async () => {
    const query = `query ($at: Date) { node(id: "person:mousa-abu-marzouk") { ... on Person { positions(at: $at) { id } } } }`;
    const old = await gql<{ node: { positions: unknown[] } }>(query, { at: '1990-01-01' });
    expect(old.data!.node.positions).toEqual([]);
    // His interview statements name the post the article gives him, so they keep it.
    const said = await gql<{ node: { speakingAs: Array<{ title: string }> } }>(`{
      node(id: "statement:abu-marzouk-2024-06-russia-role-if-war-expands") { ... on Statement { speakingAs { title } } } }`);
    expect(said.data!.node.speakingAs).toEqual([{ title: 'Deputy Head of the Political Bureau' }]);
  });

  it('dates an undated claim by bounds, not by the article’s month; the range filters and timelines agree', async () => {
    const ISRAEL_1200 = 'statement:israel-1200-killed-october-7';
    const read = await gql<{
      node: { date: { text: string; precision: string; start: string; end: string } };
      july: { edges: Array<{ node: { id: string } }> };
      mayBeJuly: { edges: Array<{ node: { id: string } }> };
      timeline: {
        totalCount: number;
        buckets: Array<{ statements: Array<{ id: string }> }>;
        coarserBuckets: Array<{ statements: Array<{ id: string }> }>;
        unplaced: { count: number; statements: Array<{ id: string }> };
      };
      all: { totalCount: number };
    }>(`{
      node(id: "${ISRAEL_1200}") { ... on Statement { date { text precision start end } } }
      july: statements(first: 100, filter: { speakerIds: ["country:ISR"], from: "2024-07", to: "2024-07" }) { edges { node { id } } }
      mayBeJuly: statements(first: 100, filter: { speakerIds: ["country:ISR"], from: "2024-07", to: "2024-07", dateMatch: OVERLAPS }) { edges { node { id } } }
      timeline(actorId: "country:ISR", granularity: MONTH) { totalCount buckets { statements { id } } coarserBuckets { statements { id } } unplaced { count statements { id } } }
      all: statements(filter: { speakerIds: ["country:ISR"] }) { totalCount }
    }`);
    expect(read.errors).toBeUndefined();
    expect(read.data!.node.date).toEqual({
      text: '../2024-07-28',
      precision: 'BOUNDED',
      start: '0001-01-01',
      end: '2024-07-28',
    });
    // Not known to be in July; it may be.
    expect(read.data!.july.edges.map((e) => e.node.id)).not.toContain(ISRAEL_1200);
    expect(read.data!.mayBeJuly.edges.map((e) => e.node.id)).toContain(ISRAEL_1200);
    // A timeline has no period for "on or before 2024-07-28": it is listed as unplaced, not put in July.
    const { timeline } = read.data!;
    const inPeriods = [...timeline.buckets, ...timeline.coarserBuckets].flatMap((b) =>
      b.statements.map((x) => x.id),
    );
    expect(inPeriods).not.toContain(ISRAEL_1200);
    expect(timeline.unplaced.statements.map((x) => x.id)).toContain(ISRAEL_1200);
    expect(timeline.totalCount).toBe(inPeriods.length + timeline.unplaced.count);
    expect(timeline.totalCount).toBe(read.data!.all.totalCount);

    // Through import: bounds, an unknown date and a refusal with its path.
    const base = {
      speakers: ['person:sergey-lavrov'],
      text: 'Undated words.',
      kind: 'PARAPHRASE',
      language: 'en',
      sources: [
        { source: 'source:palestine-chronicle-2024-07-28', role: 'READ', quoteType: 'PARAPHRASE' },
      ],
      confidence: 0.5,
      verification: 'UNVERIFIED',
    };
    const importer = createImporter(t.db);
    const ok = await importer.importDataset(
      {
        format: FORMAT,
        statements: [
          { ...base, id: 'statement:test-bounded', date: '2024-06/2024-07-28' },
          { ...base, id: 'statement:test-unknown', date: '../..' },
        ],
      },
      { by: 'test', dryRun: true },
    );
    expect(ok).toMatchObject({ ok: true, counts: { statement: { created: 2 } } });
    const refused = await importer.importDataset(
      {
        format: FORMAT,
        statements: [{ ...base, id: 'statement:test-bad', date: '2024-08/2024-07' }],
      },
      { by: 'test', dryRun: true },
    );
    expect(refused.ok ? [] : refused.problems).toEqual([
      {
        path: 'statements[0].date',
        message: '"2024-08/2024-07": ends (2024-07) before it starts (2024-08)',
      },
    ]);
  });

  it('exports format 2 that imports unchanged; a version 1 file still imports', async () => {
    const exported = await exportDataset(t.db);
    expect(exported.format).toBe(FORMAT);
    expect(exported.statements.find((s) => s.id === JOINT)!.speakers).toEqual([QAT, EGY]);
    const dry = await createImporter(t.db).importDataset(exported, { by: 'test', dryRun: true });
    expect(dry.ok && Object.values(dry.counts).every((c) => c.created + c.updated === 0)).toBe(
      true,
    );

    const v1 = {
      format: 'statement-graph/1',
      statements: [
        {
          id: 'statement:test-v1-record',
          speaker: 'person:sergey-lavrov',
          text: 'A version 1 record.',
          kind: 'PARAPHRASE',
          language: 'en',
          date: '2024-07-28',
          meeting: 'meeting:lavrov-remarks-to-reporters-malaysia-2024-07-28',
          sources: [
            {
              source: 'source:palestine-chronicle-2024-07-28',
              role: 'READ',
              quoteType: 'PARAPHRASE',
            },
          ],
          confidence: 0.5,
          verification: 'UNVERIFIED',
        },
      ],
    };
    expect(
      await createImporter(t.db).importDataset(v1, { by: 'test', dryRun: true }),
    ).toMatchObject({
      ok: true,
      counts: { statement: { created: 1 } },
    });
    // A version 2 file must use `speakers`.
    const v2 = { ...v1, format: FORMAT };
    const refused = await createImporter(t.db).importDataset(v2, { by: 'test', dryRun: true });
    // In file order: the field written (`speaker`) before the one left out (`speakers`).
    expect(refused.ok ? [] : refused.problems.map((p) => p.path)).toEqual([
      'statements[0].speaker',
      'statements[0].speakers',
    ]);
  });
});

describe('rules across records', () => {
  let t: TestDatabase;
  let gql: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResponse<T>>;
  beforeAll(async () => {
    t = await openTestDatabase();
    expect((await createImporter(t.db).seedIfEmpty(SEED_FILE))?.ok).toBe(true);
    expect((await createImporter(t.db).importFile(TWO_ARTICLES, { by: 'test' })).ok).toBe(true);
    gql = createTestApp(t.db, { editorToken: EDITOR }).gql;
  });
  afterAll(() => t.close());

  const problemsOf = async (dataset: Record<string, unknown>) => {
    const before = await graphCounts(t.db);
    const report = await createImporter(t.db).importDataset(
      { format: FORMAT, ...dataset },
      { by: 'test' },
    );
    expect(await graphCounts(t.db)).toEqual(before);
    return report.ok ? [] : report.problems.map((p) => `${p.path}: ${p.message}`);
  };
  const fixture = readJson(TWO_ARTICLES) as {
    statements: Array<Record<string, unknown>>;
    sources: Array<Record<string, unknown>>;
  };
  const progress = () => ({ ...fixture.statements[0]! });

  it('refuses a citation cycle, within the file and through the graph', async () => {
    const [wire, daily] = fixture.sources as [Record<string, unknown>, Record<string, unknown>];
    expect(await problemsOf({ sources: [{ ...wire, cites: [daily.id] }] })).toEqual([
      'sources[0].cites[0]: citation cycle: source:test-wire-2024-09-13-premier-panel → source:test-daily-2024-09-14-premier-panel → source:test-wire-2024-09-13-premier-panel',
    ]);
    expect(
      await problemsOf({
        sources: [
          { id: 'source:test-a', kind: 'OTHER', title: 'A', cites: ['source:test-b'] },
          { id: 'source:test-b', kind: 'OTHER', title: 'B', cites: ['source:test-a'] },
        ],
      }),
    ).toEqual([
      'sources[0].cites[0]: citation cycle: source:test-a → source:test-b → source:test-a',
      'sources[1].cites[0]: citation cycle: source:test-b → source:test-a → source:test-b',
    ]);
    const mutation = await gql<{ upsertSource: { errors: Array<{ code: string; path: string }> } }>(
      `mutation { upsertSource(input: { id: "${wire.id as string}", kind: WIRE_REPORT, title: "t", cites: ["${daily.id as string}"] }) {
        errors { code path } } }`,
    );
    expect(mutation.data!.upsertSource.errors).toEqual([
      { code: 'BAD_USER_INPUT', path: 'input.cites[0]' },
    ]);
  });

  it('refuses a statement dated outside its occasion, and occasion dates that would leave its statements out', async () => {
    expect(await problemsOf({ statements: [{ ...progress(), date: '2024-10' }] })).toEqual([
      'statements[0].date: 2024-10 is outside the dates of its meeting meeting:test-security-conference-2024-mediation-panel (2024-09-13)',
    ]);
    // A month-precise date may be any day of the month: it overlaps the occasion, so it is accepted.
    expect(await problemsOf({ statements: [{ ...progress(), date: '2024-09' }] })).toEqual([]);
    const moved = await gql<{
      upsertMeeting: { errors: Array<{ code: string; path: string; message: string }> };
    }>(
      `mutation { upsertMeeting(input: { id: "meeting:test-security-conference-2024-mediation-panel", title: "Panel",
        kind: OTHER, date: "2024-10-01" }) { errors { code path message } } }`,
    );
    expect(moved.data!.upsertMeeting.errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      'BAD_USER_INPUT input.date',
      'BAD_USER_INPUT input.date',
    ]);
  });

  it('requires an "about" topic to be one of the statement’s topics', async () => {
    expect(await problemsOf({ statements: [{ ...progress(), topics: [] }] })).toEqual([
      'statements[0].about[0].target: is a topic: list it in topics too (topic:gaza-ceasefire)',
    ]);
    const mutation = await gql<{
      recordStatement: { errors: Array<{ code: string; path: string }> };
    }>(
      `mutation ($input: StatementInput!) { recordStatement(input: $input) { errors { code path } } }`,
      { input: { ...progress(), topics: [] } },
    );
    expect(mutation.data!.recordStatement.errors).toEqual([
      { code: 'BAD_USER_INPUT', path: 'input.about[0].target' },
    ]);
  });

  it('requires the post spoken in to be a speaker’s, held on the date', async () => {
    expect(
      await problemsOf({
        statements: [
          { ...progress(), post: 'position:sergey-lavrov-minister-of-foreign-affairs-russia' },
          { ...progress(), id: 'statement:test-too-early', date: '2020-01-01', meeting: undefined },
        ],
      }),
    ).toEqual([
      'statements[0].post: is a post of person:sergey-lavrov, who is not one of the speakers',
      "statements[1].post: was not held on the statement's date (2020-01-01)",
    ]);
  });

  it('names an unknown field in its path, with no stray dot', async () => {
    expect(await problemsOf({ sources: [{ ...fixture.sources[0]!, publsher: 'typo' }] })).toEqual([
      'sources[0].publsher: unknown field',
    ]);
    const line = (await import('../../src/records/validate.js')).parseLine(
      JSON.stringify({ type: 'source', ...fixture.sources[0]!, publsher: 'typo' }),
      3,
    );
    expect(line.problems).toEqual([{ path: 'line 3: publsher', message: 'unknown field' }]);
    // An unknown top-level field does not hide the records' problems.
    expect(
      await problemsOf({ extra: 1, sources: [{ ...fixture.sources[0]!, publsher: 'typo' }] }),
    ).toEqual(['extra: unknown field', 'sources[0].publsher: unknown field']);
  });

  it('says what a bad speaker id should look like, at its path', async () => {
    expect(
      await problemsOf({ statements: [{ ...progress(), speakers: ['country:QAT', 'nobody'] }] }),
    ).toEqual([
      'statements[0].speakers[1]: must be the id of a person, organisation or country ("person:…", "org:…" or "country:…"), not "nobody"',
    ]);
  });

  // Last: it adds a statement to the graph.
  it('credits a post, and its state, with a claim dated only by bounds only when the claim names it', async () => {
    const undated = {
      id: 'statement:test-lavrov-undated',
      speakers: ['person:sergey-lavrov'],
      text: 'Undated words of a minister.',
      kind: 'PARAPHRASE',
      language: 'en',
      date: '../2024-07-28',
      sources: [
        { source: 'source:palestine-chronicle-2024-07-28', role: 'READ', quoteType: 'PARAPHRASE' },
      ],
      confidence: 0.5,
      verification: 'UNVERIFIED',
    };
    const report = await createImporter(t.db).importDataset(
      { format: FORMAT, statements: [undated] },
      { by: 'test' },
    );
    expect(report.ok).toBe(true);
    const read = await gql<{
      russia: { edges: Array<{ node: { id: string } }> };
      asMinister: { edges: Array<{ node: { id: string } }> };
      lavrov: { edges: Array<{ node: { id: string } }> };
    }>(`{
      russia: statements(first: 100, filter: { speakerIds: ["country:RUS"], includeRepresentatives: true }) { edges { node { id } } }
      asMinister: statements(first: 100, filter: { speakingAs: { ofId: "country:RUS" } }) { edges { node { id } } }
      lavrov: statements(first: 100, filter: { speakerIds: ["person:sergey-lavrov"] }) { edges { node { id } } }
    }`);
    expect(read.errors).toBeUndefined();
    const ids = (list: { edges: Array<{ node: { id: string } }> }) =>
      list.edges.map((e) => e.node.id);
    // His words of the day count for Russia through his post; the undated ones may be from any day.
    expect(ids(read.data!.lavrov)).toContain(undated.id);
    expect(ids(read.data!.russia)).toContain(
      'statement:lavrov-2024-07-28-no-prospect-for-end-to-bloodshed',
    );
    expect(ids(read.data!.russia)).not.toContain(undated.id);
    expect(ids(read.data!.asMinister)).not.toContain(undated.id);
  });
});
