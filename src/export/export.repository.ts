import type { Database, Row } from '../db/neo4j.js';
import type { RecordType } from '../import/dataset.js';

/** Each query returns the fields of one record type, as the dataset format names them. */
const EXPORT_QUERIES: Record<RecordType, string> = {
  // exportCountries
  country: `MATCH (n:Country) RETURN n { .id, .name, .aliases, .iso } AS r ORDER BY n.id`,
  // exportOrganizations
  organization: `
MATCH (n:Organization)
RETURN n { .id, .name, .aliases, .kind, .description,
           partOf: [(n)-[:PART_OF]->(x) | x.id] } AS r ORDER BY n.id`,
  // exportPeople
  person: `MATCH (n:Person) RETURN n { .id, .name, .aliases, .description } AS r ORDER BY n.id`,
  // exportPlaces
  place: `
MATCH (n:Place)
RETURN n { .id, .name, .aliases, .kind, country: head([(n)-[:LOCATED_IN]->(c) | c.id]) } AS r ORDER BY n.id`,
  // exportTopics
  topic: `MATCH (n:Topic) RETURN n { .id, .title, .aliases, .description } AS r ORDER BY n.id`,
  // exportSources
  source: `
MATCH (n:Source)
RETURN n { .id, .kind, .title, .publisher, .url, .language, publishedDate: n.published,
           publishedBy: head([(n)-[:PUBLISHED_BY]->(o) | o.id]),
           cites: [(n)-[:CITES]->(x) | x.id] } AS r ORDER BY n.id`,
  // exportPositions
  position: `
MATCH (p:Person)-[n:HOLDS_POSITION]->(o)
RETURN n { .id, person: p.id, .title, of: o.id, from: n.from, to: n.to } AS r ORDER BY n.id`,
  // exportMeetings
  meeting: `
MATCH (n:Meeting)
RETURN n { .id, .title, .kind, date: n.date, endDate: n.endDate, .datePhrase, .description,
           heldIn: head([(n)-[:HELD_IN]->(x) | x.id]),
           participants: [(a)-[at:ATTENDED]->(n) | { actor: a.id, role: at.role }] } AS r ORDER BY n.id`,
  // exportStatements
  statement: `
MATCH (n:Statement)
RETURN n { .id, .text, .kind, .language, date: n.date, .datePhrase, .confidence, .verification, .note,
           figures: n.figures,
           speaker: head([(a)-[:MADE]->(n) | a.id]),
           about: [(n)-[ab:ABOUT]->(x) | { target: x.id, stance: ab.stance }],
           topics: [(n)-[:ON_TOPIC]->(x) | x.id],
           mentions: [(n)-[:MENTIONS]->(x) | x.id],
           meeting: head([(n)-[:MADE_AT]->(m) | m.id]),
           sources: [(n)-[rep:REPORTED_IN]->(x) | { source: x.id, quoteType: rep.quoteType }],
           relays: [(n)-[:RELAYS]->(x) | x.id],
           respondsTo: [(n)-[:RESPONDS_TO]->(x) | x.id] } AS r ORDER BY n.id`,
};

export function createExportRepository(db: Database) {
  return {
    /** Every record of a type, in id order, with null for absent fields. */
    async records(type: RecordType): Promise<Row[]> {
      const rows = await db.read(EXPORT_QUERIES[type]);
      return rows.map((row) => row.r as Row);
    },
  };
}
