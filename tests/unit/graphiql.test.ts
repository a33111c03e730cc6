import { readFileSync } from 'node:fs';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_QUERIES,
  GRAPHIQL_OPTIONS,
  renderStatementGraphGraphiQL,
} from '../../src/graphiql.js';

/** Title and query of each "#### n. …" example of the README's "### Example queries". */
function readmeExamples() {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('### Example queries')[1]!.split(/\n### /)[0]!;
  return section
    .split('\n#### ')
    .slice(1)
    .map((chunk) => ({
      title: chunk.split('\n')[0]!.replace(/^\d+\. /, ''),
      query: print(parse(/```graphql\n([\s\S]*?)```/.exec(chunk)![1]!)),
    }));
}

describe('GraphiQL', () => {
  it("has the README's example queries, exactly, in its order", () => {
    const ours = EXAMPLE_QUERIES.map(({ title, query }) => ({ title, query: print(parse(query)) }));
    expect(ours).toEqual(readmeExamples());
  });

  it('opens one named tab per example, headed by its title', () => {
    const tabs = GRAPHIQL_OPTIONS.defaultTabs!;
    expect(tabs).toHaveLength(EXAMPLE_QUERIES.length);
    tabs.forEach((tab, i) => {
      expect(tab.query).toMatch(
        new RegExp(`^# ${EXAMPLE_QUERIES[i]!.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`),
      );
      expect(parse(tab.query!).definitions[0]).toMatchObject({
        name: { value: expect.any(String) },
      });
    });
  });

  it('renders offline, with the tabs and a link to the explorer', () => {
    const page = renderStatementGraphGraphiQL(GRAPHIQL_OPTIONS);
    expect(page).toContain('<title>Statement Graph — GraphiQL</title>');
    expect(page).toContain('href=\\"/\\"');
    for (const name of ['EradicationOfHamas', 'AboutIsraelInJuneAndJuly2024'])
      expect(page).toContain(`query ${name}`);
    // Nothing fetched from elsewhere: no external scripts, styles or fonts.
    expect(page).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });
});
