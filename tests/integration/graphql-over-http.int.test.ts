import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('GraphQL-over-HTTP conformance (graphql-http serverAudits)', () => {
  let t: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    t = await openTestDatabase();
    app = createTestApp(t.db);
  });
  afterAll(() => t.close());

  for (const audit of serverAudits({
    url: 'http://test/graphql',
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) =>
      app.yoga.fetch(input as string, init as never),
  })) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result = await audit.fn();
      expect(result.status, result.status === 'ok' ? '' : result.reason).toBe('ok');
    });
  }
});
