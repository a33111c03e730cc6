import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createStatementEvents, type StatementEvents } from '../../src/events/statement-events.js';
import { dataset as datasetSchema } from '../../src/records/dataset.js';
import { createImporter } from '../../src/import/importer.js';
import { matchStatement } from '../../src/modules/statements/statements.match.js';
import {
  createStatementsRepository,
  type StatementFilter,
} from '../../src/modules/statements/statements.repository.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { readSeed, SEED_FILE } from '../helpers/seed.js';
import { sseEvents } from '../helpers/sse.js';

const EDITOR = 'editor-token-0123456789abcdef';
const READER = 'reader-token-0123456789abcdef';
const TOKENS = `alice:editor:${EDITOR},bot:reader:${READER}`;

const SUBSCRIBE = /* GraphQL */ `
  subscription ($filter: StatementFilter) {
    statementRecorded(filter: $filter) {
      change
      by
      at
      statement {
        id
        text
        speaker {
          name
        }
        about {
          stance
        }
      }
    }
  }
`;

const RECORD = /* GraphQL */ `
  mutation ($input: StatementInput!) {
    recordStatement(input: $input) {
      outcome
      errors {
        code
        message
      }
    }
  }
`;

const statement = (id: string, speaker: string, target: string, text = `Statement ${id}`) => ({
  id: `statement:${id}`,
  speaker,
  text,
  kind: 'DIRECT_QUOTE',
  language: 'en',
  date: '2024-07-29',
  about: [{ target, stance: 'CRITICAL' }],
  sources: [
    { source: 'source:tass-2024-07-28-lavrov-malaysia', role: 'READ', quoteType: 'DIRECT_QUOTE' },
  ],
  confidence: 0.9,
  verification: 'UNVERIFIED',
});

describe('live statement subscriptions over Server-Sent Events', () => {
  let t: TestDatabase;
  let events: StatementEvents;
  let yoga: App;
  const app = (env: Record<string, string>, bus: StatementEvents) =>
    createApp({
      db: t.db,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      config: loadConfig({ API_TOKENS: TOKENS, ...env }),
      events: bus,
    });

  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    events = createStatementEvents({ bufferSize: 100, maxSubscribers: 100 });
    yoga = app({}, events);
  });
  afterAll(() => t.close());

  const subscribe = (target: App, filter: unknown, headers: Record<string, string> = {}) =>
    target.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: SUBSCRIBE, variables: { filter } }),
    });

  async function record(input: unknown) {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${EDITOR}` },
      body: JSON.stringify({ query: RECORD, variables: { input } }),
    });
    const body = (await response.json()) as {
      data: { recordStatement: { outcome: string; errors: unknown[] } };
    };
    expect(body.data.recordStatement.errors).toEqual([]);
    return body.data.recordStatement.outcome;
  }

  it('delivers a statement recorded after subscribing that matches the filter, and nothing else', async () => {
    // Recorded before: never delivered.
    await record(statement('before-sub', 'person:sergey-lavrov', 'org:hamas'));
    const response = await subscribe(yoga, {
      speakerIds: ['person:sergey-lavrov'],
      aboutIds: ['org:hamas'],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.stats().subscribers).toBe(1);
    const stream = sseEvents(response);

    // Not matching: another speaker; the right speaker about another target.
    await record(statement('other-speaker', 'person:mousa-abu-marzouk', 'org:hamas'));
    await record(statement('other-target', 'person:sergey-lavrov', 'country:ISR'));
    await record(statement('match-1', 'person:sergey-lavrov', 'org:hamas', 'Hamas must be heard.'));
    // Recording it again unchanged writes nothing and tells no one; with a change, it is an update.
    expect(
      await record(
        statement('match-1', 'person:sergey-lavrov', 'org:hamas', 'Hamas must be heard.'),
      ),
    ).toBe('UNCHANGED');

    // Events arrive in write order, so the first two tell that the non-matching writes were skipped.
    expect(await stream.next()).toEqual({
      data: {
        statementRecorded: {
          change: 'CREATED',
          by: 'alice',
          at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          statement: {
            id: 'statement:match-1',
            text: 'Hamas must be heard.',
            speaker: { name: 'Sergey Lavrov' },
            about: [{ stance: 'CRITICAL' }],
          },
        },
      },
    });
    // The statement is read when its event is sent ("as it is now"), so the update is recorded
    // only after the first event was read: recorded earlier, it could overtake it under load.
    await record(
      statement('match-1', 'person:sergey-lavrov', 'org:hamas', 'Hamas must be heard, now.'),
    );
    // Read afresh per event (one context lives as long as the subscription).
    expect(await stream.next()).toMatchObject({
      data: {
        statementRecorded: {
          change: 'UPDATED',
          statement: { id: 'statement:match-1', text: 'Hamas must be heard, now.' },
        },
      },
    });
    await stream.close();
    await expect.poll(() => events.stats().subscribers).toBe(0);
  });

  it('checks the filter as the statements query does, and a filter on posts against the database', async () => {
    const bad = await subscribe(yoga, { minConfidence: 2 });
    const body = await sseEvents(bad).next();
    expect((body?.errors as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );

    // A variable GraphQL refuses: the code and problem a query's or a mutation's would get.
    const refused = await sseEvents(
      await subscribe(yoga, { stances: ['ANGRY'], minConfidence: 'high', txt: 'x' }),
    ).next();
    expect(refused?.errors).toEqual([
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [
            {
              path: 'filter.stances[0]',
              message: 'must be one of SUPPORTIVE, CRITICAL, NEUTRAL, MIXED, not "ANGRY"',
            },
          ],
        },
      }),
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [{ path: 'filter.minConfidence', message: 'must be a number, not "high"' }],
        },
      }),
      expect.objectContaining({
        extensions: {
          code: 'BAD_USER_INPUT',
          problems: [{ path: 'filter.txt', message: 'unknown field' }],
        },
      }),
    ]);
    expect(JSON.stringify(refused)).not.toContain('Did you mean');

    // Only a person who holds a post of Russia's on the statement's date.
    const stream = sseEvents(await subscribe(yoga, { speakingAs: { ofId: 'country:RUS' } }));
    await record(statement('abu-marzouk-live', 'person:mousa-abu-marzouk', 'country:RUS'));
    await record(statement('lavrov-live', 'person:sergey-lavrov', 'country:RUS'));
    expect(await stream.next()).toMatchObject({
      data: { statementRecorded: { statement: { id: 'statement:lavrov-live' } } },
    });
    await stream.close();
  });

  it('matches in memory exactly as the statements filter does in Cypher', async () => {
    const seed = readSeed();
    const repo = createStatementsRepository(t.db);
    const filters: StatementFilter[] = [...new Set(seed.statements.flatMap((s) => s.speakers))].map(
      (id) => ({ speakerIds: [id] }),
    );
    for (const s of seed.statements.slice(0, 8))
      for (const a of s.about)
        filters.push({ aboutIds: [a.target] }, { aboutIds: [a.target], stances: [a.stance] });
    filters.push(
      { stances: ['MIXED'] },
      { topicIds: ['topic:gaza-war'] },
      { mentionIds: ['place:rafah'] },
      { meetingIds: [seed.meetings[0]!.id] },
      { sourceIds: ['source:al-jazeera-2024-06-abu-marzouk-interview'] },
      { kinds: ['PARAPHRASE', 'REPORTED'] },
      { verification: ['VERIFIED'] },
      { minConfidence: 0.85 },
      { from: '2024-07-01', to: '2024-07-31' },
      { from: '2024-06-10', to: '2024-06-20' },
      { from: '2024-06-10', to: '2024-06-20', dateMatch: 'OVERLAPS' },
      { to: '2024-06-30' },
      { text: 'CEASEFIRE' },
      { speakerIds: [] },
    );
    const seeded = datasetSchema.parse(seed).statements;
    for (const filter of filters) {
      const inMemory = seeded
        .filter((s) => matchStatement(filter, s) === true)
        .map((s) => s.id)
        .sort();
      const inCypher = (await repo.matchingIds(filter)).filter((id) =>
        seeded.some((s) => s.id === id),
      );
      expect(inMemory, JSON.stringify(filter)).toEqual(inCypher);
    }
  });

  it('follows the reader-token rules of the API', async () => {
    const closed = app(
      { REQUIRE_READER_TOKEN: 'true' },
      createStatementEvents({ bufferSize: 10, maxSubscribers: 10 }),
    );
    expect((await subscribe(closed, {})).status).toBe(401);
    expect(
      (await subscribe(closed, {}, { authorization: 'Bearer not-a-token-0123456789abcdef' }))
        .status,
    ).toBe(401);
    const ok = await subscribe(closed, {}, { authorization: `Bearer ${READER}` });
    expect(ok.status).toBe(200);
    // Read the first ping before closing: yoga's SSE stream cannot be cancelled before it has started.
    const reader = ok.body!.getReader();
    await reader.read();
    await reader.cancel();
  });

  it('ends a subscriber that falls behind with SUBSCRIPTION_OVERFLOW, and refuses one too many', async () => {
    const bus = createStatementEvents({ bufferSize: 2, maxSubscribers: 1 });
    const small = app({}, bus);
    const stream = sseEvents(await subscribe(small, {}));
    const refused = sseEvents(await subscribe(small, {}));
    expect(
      ((await refused.next())?.errors as Array<{ extensions: { code: string } }>)[0]!.extensions
        .code,
    ).toBe('TOO_MANY_SUBSCRIBERS');
    // Four events in one synchronous publish: at most one can be taken by a waiting
    // read, two fit the buffer, so the subscriber overflows whatever the stream has read.
    const [s] = readSeed().statements;
    const event = {
      id: s!.id,
      outcome: 'UPDATED' as const,
      record: s!,
      by: 'alice',
      at: new Date().toISOString(),
    };
    bus.publish([event, event, event, event]);
    const received = [];
    for (let item = await stream.next(); item; item = await stream.next()) received.push(item);
    const last = received.at(-1) as { errors: Array<{ extensions: { code: string } }> };
    expect(last.errors[0]!.extensions.code).toBe('SUBSCRIPTION_OVERFLOW');
    expect(received.length).toBeLessThanOrEqual(2);
    expect(bus.stats()).toEqual({ subscribers: 0, overflows: 1 });
  });
});
