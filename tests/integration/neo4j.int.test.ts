import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/db.js';

describe('the real Neo4j', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  it('writes and reads back through Bolt, converting dates', async () => {
    await t.db.write(`CREATE (:Entity:Topic {id: $id, title: $title, day: date($day)})`, {
      id: 'topic:test',
      title: 'A test',
      day: '2024-06-30',
    });
    const rows = await t.db.read(`MATCH (n:Topic {id: $id}) RETURN n { .id, .title, .day } AS n`, {
      id: 'topic:test',
    });
    expect(rows).toEqual([{ n: { id: 'topic:test', title: 'A test', day: '2024-06-30' } }]);
  });

  it('has applied the migrations: ids are unique across kinds', async () => {
    await t.db.write(`CREATE (:Entity:Person {id: 'person:dup'})`);
    await expect(
      t.db.write(`CREATE (:Entity:Organization {id: 'person:dup'})`),
    ).rejects.toMatchObject({
      extensions: { code: 'CONFLICT' },
    });
    const indexes = await t.db.read(
      `SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN name ORDER BY name`,
    );
    expect(indexes.map((row) => row.name)).toEqual(['actor_keys', 'statement_keys', 'title_keys']);
  });
});
