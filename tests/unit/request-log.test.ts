import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/db/neo4j.js';
import { createMetrics } from '../../src/metrics.js';

/** Nothing here reads the graph: every read fails. */
const NO_DATABASE = new Proxy(
  {},
  { get: () => () => Promise.reject(new Error('no database in this test')) },
) as unknown as Database;

describe('the request log and the metrics', () => {
  it('name an anonymous operation, and a request without one, alike and apart from any GraphQL name', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      }),
    );
    const metrics = createMetrics();
    const app = createApp({ db: NO_DATABASE, logger, metrics });
    const post = (query: string) =>
      app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query }),
      });
    await post('{ __typename }');
    await post('query anonymous { __typename }');
    await post('{ __typename');
    await post('subscription Live { statementRecorded { change } }');
    await new Promise((resolve) => setImmediate(resolve));

    const logged = lines.filter((l) => l.msg === 'graphql request').map((l) => l.operation);
    expect(logged).toEqual(['(anonymous)', 'anonymous', '(none)', 'Live']);
    const text = await metrics.registry.metrics();
    const labels = [
      ...text.matchAll(/statement_graph_graphql_requests_total\{operation="([^"]*)"/g),
    ].map((m) => m[1]);
    expect(labels.sort()).toEqual(['(anonymous)', '(none)', 'Live', 'anonymous']);
  });
});
