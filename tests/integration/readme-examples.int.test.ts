import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { schema } from '../../src/schema.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

const run = promisify(execFile);

/** Every ```graphql block of "### Example queries" in the README, with the ```json answer after it. */
function readmeExamples(): Array<{ title: string; query: string; answer: unknown }> {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('### Example queries')[1]!.split(/\n### /)[0]!;
  return section
    .split('\n#### ')
    .slice(1)
    .map((chunk) => {
      const [, query] = /```graphql\n([\s\S]*?)```/.exec(chunk)!;
      const [, answer] = /```json\n([\s\S]*?)```/.exec(chunk)!;
      return { title: chunk.split('\n')[0]!, query: query!, answer: JSON.parse(answer!) };
    });
}

/** The ```<language> blocks of the README's "### From a script" section. */
function scriptExample(language: 'sh' | 'python'): string {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.split('### From a script')[1]!.split(/\n### /)[0]!;
  const [, script] = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(section)!;
  return script!;
}

describe('README example queries', () => {
  let t: TestDatabase;
  let app: TestApp;
  let server: Server;
  let api: string;
  beforeAll(async () => {
    t = await openTestDatabase();
    await createImporter(t.db).seedIfEmpty(SEED_FILE);
    app = createTestApp(t.db);
    server = createServer(app.yoga);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  const examples = readmeExamples();
  it('has six of them', () => expect(examples).toHaveLength(6));

  it('shows only queries that are valid against the schema, everywhere in the README', () => {
    const blocks = [
      ...readFileSync('README.md', 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g),
    ].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks)
      expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });

  for (const example of examples) {
    it(`answers "${example.title}" as the README shows`, async () => {
      expect(await app.gql(example.query)).toEqual(example.answer);
    });
  }

  it('runs the curl example against a live server', async () => {
    const { stdout } = await run('bash', ['-c', scriptExample('sh')], {
      env: { ...process.env, API: api },
    });
    const ids = `{ statements(filter: { aboutIds: ["country:ISR"], from: "2024-06", to: "2024-07" }) {
      totalCount edges { node { id } } } }`;
    const answer = JSON.parse(stdout) as { data: { statements: { totalCount: number } } };
    expect(answer).toEqual(await app.gql(ids));
    expect(answer.data.statements.totalCount).toBeGreaterThan(3);
  });

  it('runs the Python example: requests, every page', async () => {
    // Debian's python3-requests (.ci/run installs it when missing).
    await run('python3', ['-c', 'import requests']).catch(() => {
      throw new Error('python3 with requests is needed: apt-get install -y python3-requests');
    });
    const { stdout } = await run('python3', ['-c', scriptExample('python')], {
      env: { ...process.env, API: api },
    });
    const printed = stdout.trim().split('\n');
    const all = await app.gql<{
      statements: {
        edges: Array<{ node: { id: string; date: { text: string }; speaker: { name: string } } }>;
      };
    }>(`{ statements(filter: { aboutIds: ["country:ISR"], from: "2024-06", to: "2024-07" },
          orderBy: { field: DATE, direction: ASC }, first: 100) {
      edges { node { id date { text } speaker { name } } } } }`);
    const expected = all.data!.statements.edges.map(
      ({ node }) => `${node.date.text}\t${node.speaker.name}\t${node.id}`,
    );
    // More than one page of three: the script followed the cursors.
    expect(expected.length).toBeGreaterThan(3);
    expect(printed).toEqual(expected);
  });

  it('makes the Python example stop on a GraphQL error, such as an unknown id', async () => {
    const script = scriptExample('python').replace('"country:ISR"', '"Israel"');
    const failed = await run('python3', ['-c', script], { env: { ...process.env, API: api } }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('did you mean country:ISR, Israel?');
  });
});
