import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { operationLimit } from '../../src/app.js';

/** A schema whose one field waits a little and records how many run at once. */
function app(max: number) {
  let running = 0;
  let peak = 0;
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: 'type Query { slow(fail: Boolean): Int! }',
      resolvers: {
        Query: {
          slow: async (_: unknown, { fail }: { fail?: boolean }) => {
            running += 1;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, 20));
            running -= 1;
            if (fail) throw new Error('failed');
            return peak;
          },
        },
      },
    }),
    plugins: [operationLimit(max)],
    logging: false,
  });
  const ask = async (fail = false) =>
    (
      await yoga.fetch('http://x/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ slow(fail: ${fail}) }` }),
      })
    ).json() as Promise<{ data?: unknown; errors?: unknown[] }>;
  return { ask, peak: () => peak };
}

describe('operationLimit', () => {
  it('runs at most `max` operations at once and every one of them in the end', async () => {
    const { ask, peak } = app(2);
    const answers = await Promise.all(Array.from({ length: 7 }, () => ask()));
    expect(answers.every((a) => a.data && !a.errors)).toBe(true);
    expect(peak()).toBe(2);
  });

  it('frees the slot of an operation that fails', async () => {
    const { ask, peak } = app(1);
    const answers = await Promise.all([ask(true), ask(true), ask(), ask()]);
    expect(answers.filter((a) => a.errors)).toHaveLength(2);
    expect(answers.filter((a) => a.data && !a.errors)).toHaveLength(2);
    expect(peak()).toBe(1);
  });

  it('is off at 0', async () => {
    const { ask, peak } = app(0);
    await Promise.all(Array.from({ length: 4 }, () => ask()));
    expect(peak()).toBe(4);
  });
});
