import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../../src/import/importer.js';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';
import { SEED_FILE } from '../helpers/seed.js';

/** Facts of the article (Palestine Chronicle, 2024-07-28), read back from the graph itself. */
describe('the seed graph', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    const report = await createImporter(t.db).seedIfEmpty(SEED_FILE);
    expect(report?.ok).toBe(true);
  });
  afterAll(() => t.close());

  it('has Lavrov calling the eradication of Hamas unrealistic, on Sunday 2024-07-28, at the end of his Malaysia visit', async () => {
    const [row] = await t.db.read(`
      MATCH (p:Person {id: 'person:sergey-lavrov'})-[:MADE]->(s:Statement)-[a:ABOUT]->(:Topic {id: 'topic:eradication-of-hamas'})
      WHERE s.text CONTAINS 'unrealistic task to eradicate the organization'
      MATCH (s)-[:MADE_AT]->(m:Meeting)-[:HELD_IN]->(c:Country)
      RETURN s.kind AS kind, s.date AS date, s.datePrecision AS precision, a.stance AS stance, c.name AS country,
             [(s)-[:MENTIONS]->(x) | x.id] AS mentions`);
    expect(row).toMatchObject({
      kind: 'DIRECT_QUOTE',
      date: '2024-07-28',
      precision: 'DAY',
      stance: 'CRITICAL',
      country: 'Malaysia',
    });
    expect(row!.mentions).toContain('org:hamas');
  });

  it('carries Lavrov’s words through the article and the TASS wire report it cites', async () => {
    const rows = await t.db.read(`
      MATCH (:Person {id: 'person:sergey-lavrov'})-[:MADE]->(s:Statement)-[:REPORTED_IN {role: 'READ'}]->(article:Source {kind: 'ARTICLE'})
      MATCH (article)-[:CITES]->(wire:Source {kind: 'WIRE_REPORT'})-[:PUBLISHED_BY]->(agency:Organization)
      MATCH (article)-[:PUBLISHED_BY]->(outlet:Organization)
      WHERE (s)-[:REPORTED_IN {role: 'UPSTREAM'}]->(wire)
      RETURN DISTINCT outlet.name AS publisher, toString(article.publishedStart) AS published, agency.name AS agency`);
    expect(rows).toEqual([
      { publisher: 'Palestine Chronicle', published: '2024-07-28', agency: 'TASS' },
    ]);
  });

  it('dates Abu Marzouk’s al-Jazeera interview "last month" as June 2024, MONTH precision', async () => {
    const rows = await t.db.read(`
      MATCH (:Person {id: 'person:mousa-abu-marzouk'})-[:MADE]->(s:Statement)-[:MADE_AT]->(m:Meeting {kind: 'INTERVIEW'})
      RETURN DISTINCT s.date AS date, s.datePrecision AS precision, toString(s.dateStart) AS start, toString(s.dateEnd) AS end,
             [(o:Organization)-[:ATTENDED {role: 'interviewer'}]->(m) | o.name] AS interviewer`);
    expect(rows).toEqual([
      {
        date: '2024-06',
        precision: 'MONTH',
        start: '2024-06-01',
        end: '2024-06-30',
        interviewer: ['Al Jazeera'],
      },
    ]);
  });

  it('records the relayed position: Lavrov relays what Israel, through Netanyahu, said', async () => {
    const rows = await t.db.read(`
      MATCH (:Person {id: 'person:sergey-lavrov'})-[:MADE]->(s:Statement)-[:RELAYS]->(r:Statement)<-[:MADE]-(speaker)
      MATCH (r)-[:ON_BEHALF_OF]->(behalf)
      RETURN speaker.id AS speaker, behalf.id AS behalf, r.kind AS kind, r.post AS post`);
    expect(rows).toEqual([
      {
        speaker: 'person:benjamin-netanyahu',
        behalf: 'country:ISR',
        kind: 'REPORTED',
        post: 'position:benjamin-netanyahu-prime-minister-israel',
      },
    ]);
  });

  it('keeps the Gaza Ministry of Health casualty figures with their units', async () => {
    const [row] = await t.db.read(`
      MATCH (:Organization {id: 'org:gaza-ministry-of-health'})-[:MADE]->(s:Statement) WHERE s.figures IS NOT NULL
      RETURN s.figures AS figures`);
    const figures = JSON.parse(row!.figures as string) as Array<{ value: number; unit: string }>;
    expect(figures.map((f) => f.value).sort((a, b) => a - b)).toEqual([39324, 90830]);
  });

  it('knows Lavrov as Russia’s foreign minister on the date of his statements', async () => {
    const rows = await t.db.read(`
      MATCH (:Person {id: 'person:sergey-lavrov'})-[h:HOLDS_POSITION]->(c:Country)
      WHERE h.fromStart <= date('2024-07-28') AND (h.toEnd IS NULL OR h.toEnd >= date('2024-07-28'))
      RETURN h.title AS title, c.iso AS iso`);
    expect(rows).toEqual([{ title: 'Minister of Foreign Affairs', iso: 'RUS' }]);
  });

  it('finds a person by another spelling of the name', async () => {
    const rows = await t.db.read(`
      CALL db.index.fulltext.queryNodes('actor_keys', 'sergei') YIELD node RETURN node.id AS id LIMIT 1`);
    expect(rows).toEqual([{ id: 'person:sergey-lavrov' }]);
  });
});
